// Remembering what the user confirmed for a file schema (the field mapping, encoding, CRS, target
// layer and the categories chosen for unknown category values), keyed by schemaKey from src/io/import, so the next file with the same fields
// opens with the same choices. Storage is passed in (localStorage in the app, a Map in tests).
import type { FieldMap, LayerKind } from '../../io/import/types';
import { FACILITY_CATEGORIES, type FacilityCategory, type GreenKind, type Setting } from '../../engine/types';

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
  /** Raw setting value → urban/rural, and raw green kind → park/green (absent in older entries). */
  settingMap?: Record<string, Setting>;
  kindMap?: Record<string, GreenKind>;
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
  return validEntries(choice?.categoryMap, FACILITY_CATEGORIES);
}

/** All remembered value choices (category, setting, green kind), each restricted to its vocabulary. */
export function rememberedValueMaps(choice: RememberedChoice | undefined): { categoryMap: Record<string, FacilityCategory>; settingMap: Record<string, Setting>; kindMap: Record<string, GreenKind> } {
  return {
    categoryMap: rememberedCategoryMap(choice),
    settingMap: validEntries(choice?.settingMap, ['urban', 'rural'] as const),
    kindMap: validEntries(choice?.kindMap, ['park', 'green'] as const),
  };
}

function validEntries<T extends string>(m: unknown, allowed: readonly T[]): Record<string, T> {
  const out: Record<string, T> = {};
  if (!m || typeof m !== 'object') return out;
  for (const [value, c] of Object.entries(m as Record<string, unknown>)) if ((allowed as readonly unknown[]).includes(c)) out[value] = c as T;
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
