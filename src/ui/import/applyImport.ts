// Pure helpers between an import result and the project: the one state update applied on confirm
// (replaceLayer per layer, state/project.ts), layer counts, where the current data lies (a hint
// for CRS suggestions), and the unknown category values pulled out of the problem list.
import type { ImportProblem, LayerKind } from '../../io/import/types';
import { replaceLayer, type Project, type ProjectLayers } from '../state/project';

export type ImportedLayers = Partial<Pick<ProjectLayers, LayerKind>>;

/** The project with each given layer replaced (others untouched); one call per confirm. */
export function applyImportedLayers(p: Project, layers: ImportedLayers): Project {
  let out = p;
  for (const kind of ['communities', 'facilities', 'green', 'roads'] as const) {
    const features = layers[kind];
    if (features) out = replaceLayer(out, kind, features as never);
  }
  return out;
}

export function layerCounts(p: Project): Record<LayerKind, number> {
  return { communities: p.layers.communities.length, facilities: p.layers.facilities.length, green: p.layers.green.length, roads: p.layers.roads.length };
}

/** Centre of the bounding box of the communities' first vertices (else facilities); undefined when empty. */
export function dataHint(p: Project | null | undefined): { lon: number; lat: number } | undefined {
  if (!p) return undefined;
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

const UNKNOWN_CATEGORY = /^category "(.*)" is not in the facility vocabulary/;

/** Category values that matched no vocabulary key, with how many features carry each, most first. */
export function unknownCategoryValues(problems: readonly ImportProblem[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of problems) {
    const m = UNKNOWN_CATEGORY.exec(p.message);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** A message that names the file (readers usually start with it; add it when they did not). */
export function withFileName(message: string, file: string): string {
  return message.includes(file) ? message : `${file}: ${message}`;
}
