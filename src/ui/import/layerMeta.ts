// What was applied to each imported layer (files, format, CRS and offset correction, encoding,
// field mapping, counts). The project state has no metadata slot per layer, so the import keeps
// its own record keyed by layer kind in localStorage; importedLayerMeta(kind) reads it back.
import type { AppliedCrs, EncodingInfo, FieldMap, LayerKind, SourceFormat } from '../../io/import/types';
import { browserStore, type KeyValueStore } from './importMemory';

export interface ImportedLayerMeta {
  kind: LayerKind;
  files: string[];
  format: SourceFormat;
  crs: AppliedCrs;
  encoding?: EncodingInfo;
  fieldMap: FieldMap;
  counts: { read: number; valid: number; errors: number; warnings: number };
  notes: string[];
  /** ISO time of the confirmation. */
  importedAt: string;
}

export const LAYER_META_KEY = 'lifecircle.import.layers.v1';

export function readLayerMeta(store: KeyValueStore | undefined = browserStore()): Partial<Record<LayerKind, ImportedLayerMeta>> {
  try {
    const v = JSON.parse(store?.getItem(LAYER_META_KEY) ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as Partial<Record<LayerKind, ImportedLayerMeta>>) : {};
  } catch {
    return {};
  }
}

export function importedLayerMeta(kind: LayerKind, store?: KeyValueStore): ImportedLayerMeta | undefined {
  return readLayerMeta(store)[kind];
}

/** Records the given layers' metadata; `newProject`: the other layers' records go (their layers did). */
export function recordLayerMeta(metas: ImportedLayerMeta[], store: KeyValueStore | undefined = browserStore(), newProject = false): void {
  if (!store) return;
  const all = newProject ? {} : readLayerMeta(store);
  for (const m of metas) all[m.kind] = m;
  try {
    store.setItem(LAYER_META_KEY, JSON.stringify(all));
  } catch {
    // Storage full: the layer itself is in the project; only the record is lost.
  }
}
