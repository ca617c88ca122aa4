// Remembering what the user confirmed for a file schema (the field mapping, encoding, CRS, target
// layer and the categories chosen for unknown category values), keyed by schemaKey from src/io/import, so the next file with the same fields
// opens with the same choices. Storage is passed in (localStorage in the app, a Map in tests).
import type { FieldMap, LayerKind } from '../../io/import/types';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../../engine/types';

export interface RememberedChoice {
  kind: LayerKind;
  fieldMap: FieldMap;
  /** '' = automatic. */
  encoding: string;
  /** '' = as detected. */
  crs: string;
  swapXY: boolean;
  /** Raw category value → vocabulary key chosen in the dialog (absent in entries saved before). */
  categoryMap?: Record<string, FacilityCategory>;
  /** Date.now() when confirmed: the oldest entries go first when the list is full. */
  savedAt: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const MEMORY_KEY = 'lifecircle.import.memory.v1';
export const MEMORY_LIMIT = 50;

function load(store: KeyValueStore): Record<string, RememberedChoice> {
  try {
    const v = JSON.parse(store.getItem(MEMORY_KEY) ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, RememberedChoice>) : {};
  } catch {
    return {};
  }
}

export function recallChoice(store: KeyValueStore, schemaKey: string): RememberedChoice | undefined {
  if (!schemaKey) return undefined;
  return load(store)[schemaKey];
}

export function rememberChoice(store: KeyValueStore, schemaKey: string, choice: RememberedChoice, limit = MEMORY_LIMIT): void {
  if (!schemaKey) return;
  const all = load(store);
  all[schemaKey] = choice;
  const keys = Object.keys(all).sort((a, b) => all[b].savedAt - all[a].savedAt);
  const kept: Record<string, RememberedChoice> = {};
  for (const k of keys.slice(0, limit)) kept[k] = all[k];
  try {
    store.setItem(MEMORY_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or blocked: remembering is a convenience, the import itself went through.
  }
}

/** A remembered field mapping restricted to the fields the file has now (a renamed field is dropped). */
export function rememberedFieldMap(choice: RememberedChoice | undefined, kind: LayerKind, fields: string[]): FieldMap | undefined {
  if (!choice || choice.kind !== kind) return undefined;
  const out: FieldMap = {};
  for (const [canon, src] of Object.entries(choice.fieldMap)) if (src && fields.includes(src)) out[canon] = src;
  return out;
}

/** The remembered category choices that are still vocabulary keys (storage may hold anything). */
export function rememberedCategoryMap(choice: RememberedChoice | undefined): Record<string, FacilityCategory> {
  const out: Record<string, FacilityCategory> = {};
  const m: unknown = choice?.categoryMap;
  if (!m || typeof m !== 'object') return out;
  for (const [value, c] of Object.entries(m as Record<string, unknown>))
    if ((FACILITY_CATEGORIES as readonly unknown[]).includes(c)) out[value] = c as FacilityCategory;
  return out;
}

/** localStorage when the browser offers it, else undefined (private mode, Node). */
export function browserStore(): KeyValueStore | undefined {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : undefined;
  } catch {
    return undefined;
  }
}
