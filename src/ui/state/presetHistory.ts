// Editing a preset: immutable updates of nested values, and tier distances from walking speed
// (undo and redo of the edits: planning/undoHistory.ts, in the store).
import type { RulePreset } from '../../engine/types';

/** Immutable set of a nested value by path, e.g. ['rules', 'areaPer100Households', 'threshold']. */
export function setIn<T>(obj: T, path: (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const src = (obj ?? {}) as Record<string | number, unknown>;
  const copy: Record<string | number, unknown> = Array.isArray(src) ? ([...src] as unknown as Record<number, unknown>) : { ...src };
  copy[head] = setIn(src[head], rest, value);
  return copy as T;
}

export function getIn(obj: unknown, path: (string | number)[]): unknown {
  let cur = obj as Record<string | number, unknown> | undefined;
  for (const k of path) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[k] as Record<string | number, unknown> | undefined;
  }
  return cur;
}

/** Tier distance from walking speed × minutes (STANDARDS.md §1: 60–80 m/min in use). */
export function tierDistanceFromSpeed(speed_m_per_min: number, minutes: number): number {
  return Math.round(speed_m_per_min * minutes);
}

/** Sets every tier's distance to speed × minutes and records the speed. */
export function applyWalkingSpeed(p: RulePreset, speed: number): RulePreset {
  const tiers = Object.fromEntries(Object.entries(p.tiers).map(([k, t]) => [k, { ...t, distance_m: tierDistanceFromSpeed(speed, t.minutes) }]));
  return { ...p, walkingSpeed_m_per_min: speed, tiers };
}
