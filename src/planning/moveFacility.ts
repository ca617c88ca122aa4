// Moving a facility as pure project updaters (kepler.gl style, like state/project.ts): the new
// project with one facility at another position, a history of moves for undo/redo, and the audit
// result with the re-audited communities patched in (summary recomputed).
import type { AuditResult, CommunityResult, Position, RulePreset } from '../engine/types';
import { summarize } from '../engine/audit';
import type { Project } from './project';

export interface FacilityMove {
  index: number;
  /** Facility id, to refuse undoing onto a different layer. */
  id: string;
  from: Position;
  to: Position;
}

export interface MoveHistory {
  done: FacilityMove[];
  undone: FacilityMove[];
}

export const emptyMoveHistory = (): MoveHistory => ({ done: [], undone: [] });

/** The project with facility `index` at `position`; the layer version moves so the map redraws. */
export function moveFacility(p: Project, index: number, position: Position): Project {
  const f = p.layers.facilities[index];
  if (!f) throw new Error(`moveFacility: no facility at index ${index}`);
  if (!(Number.isFinite(position[0]) && Number.isFinite(position[1]) && Math.abs(position[0]) <= 180 && Math.abs(position[1]) <= 90)) {
    throw new Error(`moveFacility: facility ${f.id}: position ${JSON.stringify(position)} is not a longitude/latitude`);
  }
  const facilities = p.layers.facilities.slice();
  facilities[index] = { ...f, position: [position[0], position[1]] };
  return { ...p, layers: { ...p.layers, facilities }, layerVersion: p.layerVersion + 1 };
}

/** A new move on top of the history (clears the redo list). */
export function recordMove(h: MoveHistory, move: FacilityMove): MoveHistory {
  return { done: [...h.done, move], undone: [] };
}

/** The move that undoes the last one (from and to swapped), and the history after it; null when empty. */
export function undoMove(h: MoveHistory): { move: FacilityMove; history: MoveHistory } | null {
  const last = h.done[h.done.length - 1];
  if (!last) return null;
  return { move: { ...last, from: last.to, to: last.from }, history: { done: h.done.slice(0, -1), undone: [...h.undone, last] } };
}

/** The move that redoes the last undone one, and the history after it; null when none. */
export function redoMove(h: MoveHistory): { move: FacilityMove; history: MoveHistory } | null {
  const last = h.undone[h.undone.length - 1];
  if (!last) return null;
  return { move: last, history: { done: [...h.done, last], undone: h.undone.slice(0, -1) } };
}

/**
 * The audit result with communities `indices` replaced by `fresh` (same order) and the summary
 * recomputed (its city-wide indicators too, given the preset audited).
 */
export function patchResults(result: AuditResult, indices: number[], fresh: CommunityResult[], preset?: RulePreset): AuditResult {
  if (indices.length !== fresh.length) throw new Error(`patchResults: ${indices.length} indices but ${fresh.length} results`);
  const communities = result.communities.slice();
  indices.forEach((i, k) => {
    if (!(i >= 0 && i < communities.length)) throw new Error(`patchResults: no community at index ${i}`);
    if (communities[i].id !== fresh[k].id) throw new Error(`patchResults: index ${i} holds ${communities[i].id}, not ${fresh[k].id}`);
    communities[i] = fresh[k];
  });
  return { ...result, communities, summary: summarize(communities, preset) };
}
