// Built-in presets (src/engine/presets.ts) plus the user's saved ones, as one lookup.
import { getPreset, listPresets, validatePreset } from '../../engine/presets';
import type { RulePreset } from '../../engine/types';

export const DEFAULT_PRESET_ID = 'national-2022';

let builtins: RulePreset[] | null = null;

export function builtinPresets(): RulePreset[] {
  if (!builtins) {
    const listed = listPresets() as unknown as (RulePreset | { id: string })[];
    builtins = listed.map((p) => ('rules' in p ? (p as RulePreset) : (getPreset(p.id) as RulePreset))).filter(Boolean);
  }
  return builtins;
}

export function findPreset(id: string, custom: RulePreset[]): RulePreset {
  return custom.find((p) => p.id === id) ?? builtinPresets().find((p) => p.id === id) ?? builtinPresets().find((p) => p.id === DEFAULT_PRESET_ID) ?? builtinPresets()[0];
}

/** Validates an edited preset with the engine's schema check; errors name field paths. */
export function checkPreset(p: RulePreset): string[] {
  const r = validatePreset(p) as { preset?: RulePreset; errors?: string[] };
  return r.errors ?? [];
}
