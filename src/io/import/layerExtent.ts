// Where a layer lies: the lon/lat bounding box of its features (community and green polygons,
// facility points, road lines), and whether two layers lie in the same place. The import dialog
// uses it to see that a layer from another city does not belong with the current project's layers.
import type { Position } from '../../engine/types';
import type { LayerKind } from './types';

/** [west, south, east, north] in degrees. */
export type Extent = [number, number, number, number];

function grow(e: Extent | null, p: Position | undefined): Extent | null {
  if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return e;
  if (!e) return [p[0], p[1], p[0], p[1]];
  if (p[0] < e[0]) e[0] = p[0];
  if (p[1] < e[1]) e[1] = p[1];
  if (p[0] > e[2]) e[2] = p[0];
  if (p[1] > e[3]) e[3] = p[1];
  return e;
}

/** The extent of one layer's features (engine types, WGS84 lon/lat); null when it has none. */
export function layerExtent(kind: LayerKind, features: readonly unknown[]): Extent | null {
  let e: Extent | null = null;
  for (const f of features as Record<string, unknown>[]) {
    if (kind === 'facilities' || kind === 'candidates') e = grow(e, f.position as Position);
    else if (kind === 'roads') for (const p of (f.coordinates as Position[] | undefined) ?? []) e = grow(e, p);
    else for (const poly of (f.geometry as Position[][][] | undefined) ?? []) for (const ring of poly ?? []) for (const p of ring ?? []) e = grow(e, p);
  }
  return e;
}

/**
 * Slack when comparing extents, in degrees (about 2 km): a facility or park just outside the
 * communities, or a road layer cut a little short, still belongs with them.
 */
export const EXTENT_SLACK_DEG = 0.02;

/** Whether two extents overlap once each is widened by `slack` degrees. */
export function extentsOverlap(a: Extent, b: Extent, slack = EXTENT_SLACK_DEG): boolean {
  return a[0] - slack <= b[2] + slack && b[0] - slack <= a[2] + slack && a[1] - slack <= b[3] + slack && b[1] - slack <= a[3] + slack;
}
