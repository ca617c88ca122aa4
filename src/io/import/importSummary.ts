// What the import worker sends back after validation: everything the dialog shows, without the
// features (which stay in the worker until the user confirms, so a large file never crosses to
// the main thread just to be previewed) and with the problem list cut to its first entries.
import type { ImportProblem, LayerImport, LayerKind } from './types';
import { layerExtent, type Extent } from './layerExtent';

export const MAX_PROBLEMS_SHOWN = 500;

export interface ImportSummary extends Omit<LayerImport, 'features' | 'problems'> {
  /** The first MAX_PROBLEMS_SHOWN problems, in file order. */
  problems: ImportProblem[];
  problemTotal: number;
  /** Category values that matched no vocabulary key, with their feature counts (all problems). */
  unknownCategories: { value: string; count: number }[];
  /** Number of valid features held by the worker. */
  featureCount: number;
  /** Where the valid features lie (lon/lat); null when there are none. */
  extent: Extent | null;
}

export interface OsmSummary {
  counts: Record<LayerKind, number>;
  /** Where each layer's features lie (lon/lat); null for an empty layer. */
  extents: Record<LayerKind, Extent | null>;
  notes: string[];
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

export function summarizeImport(r: LayerImport, limit = MAX_PROBLEMS_SHOWN): ImportSummary {
  const { features, problems, ...rest } = r;
  return { ...rest, problems: problems.slice(0, limit), problemTotal: problems.length, unknownCategories: unknownCategoryValues(problems), featureCount: features.length, extent: layerExtent(r.kind, features) };
}
