// Pure helpers between an import result and the project: the one state update applied on confirm
// (replaceLayer per layer, planning/project.ts), layer counts, and where the current data lies (a hint
// for CRS suggestions).
import type { LayerKind } from '../../io/import/types';
import { replaceLayer, type Project, type ProjectLayers } from '../../planning/project';

export type ImportedLayers = Partial<Pick<ProjectLayers, LayerKind>>;

/** The project with each given layer replaced (others untouched); one call per confirm. */
export function applyImportedLayers(p: Project, layers: ImportedLayers): Project {
  let out = p;
  for (const kind of ['communities', 'facilities', 'green', 'roads', 'residential', 'candidates'] as const) {
    const features = layers[kind];
    if (features) out = replaceLayer(out, kind, features as never);
  }
  return out;
}

export function layerCounts(p: Project): Record<LayerKind, number> {
  return { communities: p.layers.communities.length, facilities: p.layers.facilities.length, green: p.layers.green.length, roads: p.layers.roads.length, residential: p.layers.residential?.length ?? 0, candidates: p.layers.candidates?.length ?? 0 };
}

/** Centre of the bounding box of the communities' first vertices (else facilities); undefined when
 *  empty, and for the demo district or sample (made-up places must not pull a real file's zone guess). */
export function dataHint(p: Project | null | undefined): { lon: number; lat: number } | undefined {
  if (!p || p.dataset.source !== 'import') return undefined;
  const pts: [number, number][] = [];
  for (const c of p.layers.communities) {
    const v = c.geometry[0]?.[0]?.[0];
    if (v) pts.push(v);
  }
  if (pts.length === 0) for (const f of p.layers.facilities) pts.push(f.position);
  if (pts.length === 0) return undefined;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of pts) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2 };
}

/** A message that names the file (readers usually start with it; add it when they did not). */
export function withFileName(message: string, file: string): string {
  return message.includes(file) ? message : `${file}: ${message}`;
}
