// How confirmed imports change the project: either a new project with only the imported data
// (every layer replaced, the demo's roads and facilities gone), or the matching layers replaced
// in the current one. Which one is offered first follows where the data lie: a layer that does
// not overlap the layers the project would keep starts a new project by default, so imported
// communities never sit silently on another place's facilities, green and roads. After any import the project is named for the files, not for the demo.
import type { I18nText } from '../engine/types';
import type { LayerKind } from '../io/import/types';
import { extentsOverlap, layerExtent, type Extent } from '../io/import/layerExtent';
import { emptyLayers, type Project, type ProjectLayers } from './project';

export type ImportTarget = 'newProject' | 'layers';
export type ImportedLayers = Partial<Pick<ProjectLayers, LayerKind>>;
export type LayerExtents = Partial<Record<LayerKind, Extent | null>>;

export const IMPORT_KINDS: LayerKind[] = ['communities', 'facilities', 'green', 'roads', 'residential', 'candidates'];

/** The project's name after importing `label` (file names): the files, never the demo's name. */
export function importedName(p: Project, label: string, target: ImportTarget): I18nText {
  if (target === 'newProject' || p.dataset.source !== 'import') return { zh: label, en: label };
  const has = (s: string) => s.split(/、|, /).includes(label);
  return {
    zh: has(p.dataset.name.zh) ? p.dataset.name.zh : `${p.dataset.name.zh}、${label}`,
    en: has(p.dataset.name.en) ? p.dataset.name.en : `${p.dataset.name.en}, ${label}`,
  };
}

/** The project after the import: a new project with only `layers`, or the current one with those layers replaced. */
export function applyImport(p: Project, layers: ImportedLayers, options: { target: ImportTarget; label: string }): Project {
  const name = importedName(p, options.label, options.target);
  const base: ProjectLayers = options.target === 'newProject' ? emptyLayers() : { ...p.layers };
  for (const kind of IMPORT_KINDS) {
    const features = layers[kind];
    if (features) (base as Record<LayerKind, unknown[]>)[kind] = features;
  }
  return { ...p, dataset: { source: 'import', name }, layers: base, layerVersion: p.layerVersion + 1 };
}

/** How many features each layer will hold after the import (what the dialog shows before confirming). */
export function countsAfterImport(p: Project | null, imported: Partial<Record<LayerKind, number>>, target: ImportTarget): Record<LayerKind, number> {
  const out = {} as Record<LayerKind, number>;
  for (const k of IMPORT_KINDS) out[k] = imported[k] ?? (target === 'newProject' || !p ? 0 : (p.layers[k]?.length ?? 0));
  return out;
}

/** Extents of the project's non-empty layers. */
export function projectExtents(layers: ProjectLayers): LayerExtents {
  const out: LayerExtents = {};
  for (const k of IMPORT_KINDS) {
    const features = layers[k];
    if (features?.length) out[k] = layerExtent(k, features);
  }
  return out;
}

export interface NonOverlap {
  /** The imported layer. */
  imported: LayerKind;
  /** A layer that stays in the project (or another imported one) and lies elsewhere. */
  other: LayerKind;
}

/**
 * Pairs of layers that would end up together in the project without overlapping: each imported
 * layer against every layer the project keeps (target "layers") and against the other imported
 * layers. Empty layers are not compared.
 */
export function nonOverlapping(current: LayerExtents, imported: LayerExtents, target: ImportTarget): NonOverlap[] {
  const out: NonOverlap[] = [];
  const kept: LayerExtents = target === 'layers' ? Object.fromEntries(IMPORT_KINDS.filter((k) => !(k in imported)).map((k) => [k, current[k] ?? null])) : {};
  const importedKinds = IMPORT_KINDS.filter((k) => imported[k]);
  for (const k of importedKinds) {
    const e = imported[k]!;
    for (const o of IMPORT_KINDS) {
      const other = o in imported ? imported[o] : kept[o];
      if (o === k || !other) continue;
      // Each pair of imported layers once.
      if (o in imported && importedKinds.indexOf(o) < importedKinds.indexOf(k)) continue;
      if (!extentsOverlap(e, other)) out.push({ imported: k, other: o });
    }
  }
  return out;
}

/**
 * The target offered first: a new project when an imported layer does not overlap the layers the
 * project would keep (or there is no project); the matching layers otherwise. Once a batch of
 * files has started a project, its later files add to it.
 */
export function defaultImportTarget(p: Project | null, current: LayerExtents, imported: LayerExtents, batchStarted: boolean): ImportTarget {
  if (batchStarted) return 'layers';
  if (!p) return 'newProject';
  return nonOverlapping(current, imported, 'layers').length > 0 ? 'newProject' : 'layers';
}
