// Data warnings for walking mode: which inputs the road layer does not serve. A community with no
// road edge within the connector distance of its polygon (distance 0 inside) cannot be reached on
// foot from anywhere, and a facility farther than the connector distance from every edge cannot
// join the network (service-areas-cli.md: "joined to the network at the nearest point on the
// nearest edge"; farther than the maximum connector it is off network). A road layer from another
// city thus lists every community instead of failing them all in silence.
import type { DataWarning } from '../types';
import type { PreparedCommunity, XY } from '../reach/reachProvider';
import type { RoadGraph } from './graph';
import { joinPoint, projectOnSegment } from './join';
import { distanceToPolygon } from './origins';

/** Side of r against the line p → q: 1 left, −1 right, 0 on it. */
function orient(px: number, py: number, qx: number, qy: number, rx: number, ry: number): number {
  return Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
}

/** Whether r lies in the box of p and q (for a point already on the line p–q: on the segment). */
function onBox(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  return Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
}

/** Whether segments a–b and c–d cross or touch (orientation test; collinear overlap counts). */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onBox(ax, ay, bx, by, cx, cy)) || (o2 === 0 && onBox(ax, ay, bx, by, dx, dy)) || (o3 === 0 && onBox(cx, cy, dx, dy, ax, ay)) || (o4 === 0 && onBox(cx, cy, dx, dy, bx, by));
}

/** Straight distance (metres) from segment a–b to polygon rings: 0 when it touches or enters them. */
export function segmentToPolygonDistance(a: XY, b: XY, rings: XY[][]): number {
  let best = Math.min(distanceToPolygon(a[0], a[1], rings), distanceToPolygon(b[0], b[1], rings));
  if (best === 0) return 0;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const p = r[j];
      const q = r[i];
      if (segmentsMeet(a[0], a[1], b[0], b[1], p[0], p[1], q[0], q[1])) return 0;
      const d = Math.min(
        projectOnSegment(p[0], p[1], a[0], a[1], b[0], b[1]).dist,
        projectOnSegment(q[0], q[1], a[0], a[1], b[0], b[1]).dist,
      );
      if (d < best) best = d;
    }
  }
  return best;
}

/** Whether some road edge lies within `maxConnector` metres of the community (0 inside). */
export function communityHasRoad(graph: RoadGraph, community: PreparedCommunity, maxConnector: number): boolean {
  if (!community.rings.length || graph.edgeCount === 0) return false;
  const [x0, y0, x1, y1] = community.bbox;
  for (const e of graph.edgeIndex.search(x0 - maxConnector, y0 - maxConnector, x1 + maxConnector, y1 + maxConnector)) {
    const a: XY = [graph.nodeX[graph.edgeFrom[e]], graph.nodeY[graph.edgeFrom[e]]];
    const b: XY = [graph.nodeX[graph.edgeTo[e]], graph.nodeY[graph.edgeTo[e]]];
    // The segment is never farther than its nearer end: an end close enough settles it.
    if (distanceToPolygon(a[0], a[1], community.rings) <= maxConnector || distanceToPolygon(b[0], b[1], community.rings) <= maxConnector) return true;
    if (segmentToPolygonDistance(a, b, community.rings) <= maxConnector) return true;
  }
  return false;
}

export interface NetworkPoint {
  id: string;
  xy: XY;
}

/**
 * The walking-mode data warnings: one `community_off_network` per community with no road within
 * `maxConnector` metres, one `facility_off_network` per facility that cannot join the network.
 * Communities without geometry are skipped (they already carry an invalid_geometry warning).
 */
export function networkCoverageWarnings(graph: RoadGraph, communities: PreparedCommunity[], facilities: NetworkPoint[], maxConnector: number): DataWarning[] {
  const out: DataWarning[] = [];
  for (const c of communities) {
    if (!c.rings.length || communityHasRoad(graph, c, maxConnector)) continue;
    out.push({ code: 'community_off_network', layer: 'communities', feature: c.id, field: 'geometry', message: `community ${c.id}: no walkable road within ${maxConnector} m; walking distances cannot reach it (does the road layer cover this area?)` });
  }
  for (const f of facilities) {
    if (!Number.isFinite(f.xy[0]) || !Number.isFinite(f.xy[1]) || joinPoint(graph, f.xy, maxConnector)) continue;
    out.push({ code: 'facility_off_network', layer: 'facilities', feature: f.id, field: 'geometry', message: `facility ${f.id}: no walkable road within ${maxConnector} m; it cannot join the walking network and reaches nothing on foot` });
  }
  return out;
}
