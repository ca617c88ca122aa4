// Park green space (公园绿地) per community for the city-wide 人均公园绿地面积 (001: 城市建成区人均公园
// 绿地面积达到16平方米 = all park area ÷ all residents). Parks often lie beside residential
// communities, not inside them, so each park is counted once, whole, with the community that
// contains its centre (area centroid), else with the nearest community (straight-line distance to
// the polygon; ties to the lower index). A park farther than MAX_PARK_DISTANCE_M from every
// community is left out. Summing the communities of a street gives the street's park area.
import type Flatbush from 'flatbush';
import type { MetricRings, PreparedCommunity, XY } from './reach/reachProvider';
import type { PreparedGreen } from './prepare';
import { ringsArea } from './geo/metricRings';
import { distanceToRings } from './geo/pointInPolygon';

/** Parks beyond this distance from every community serve no audited resident. */
export const MAX_PARK_DISTANCE_M = 5000;

/** Area centroid of rings (holes subtract); the first vertex for degenerate rings. */
export function ringsCentroid(rings: MetricRings): XY {
  let a = 0, cx = 0, cy = 0;
  for (const r of rings) {
    for (let i = 0, n = r.length; i < n; i++) {
      const [x0, y0] = r[i], [x1, y1] = r[(i + 1) % n];
      const f = x0 * y1 - x1 * y0;
      a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
    }
  }
  if (Math.abs(a) < 1e-9) return rings[0][0];
  return [cx / (3 * a), cy / (3 * a)];
}

function nearestCommunity(p: XY, communities: readonly PreparedCommunity[], index: Flatbush): number {
  for (let r = 250; r <= MAX_PARK_DISTANCE_M * 2; r *= 2) {
    const d = Math.min(r, MAX_PARK_DISTANCE_M);
    let best = -1, bestD = Infinity;
    for (const i of index.search(p[0] - d, p[1] - d, p[0] + d, p[1] + d)) {
      const c = communities[i];
      if (!c.rings.length) continue;
      const dist = distanceToRings(p, c.rings);
      if (dist <= d && (dist < bestD || (dist === bestD && i < best))) { best = i; bestD = dist; }
    }
    if (best >= 0) return best;
    if (d >= MAX_PARK_DISTANCE_M) break;
  }
  return -1;
}

/** Park area (m²) counted with each community, index-aligned with `communities`. */
export function parkAreaByCommunity(communities: readonly PreparedCommunity[], index: Flatbush | null, green: readonly PreparedGreen[]): Float64Array {
  const out = new Float64Array(communities.length);
  if (!index) return out;
  for (const g of green) {
    if (g.kind !== 'park' || !g.rings.length) continue;
    const area = ringsArea(g.rings);
    if (!(area > 0)) continue;
    const i = nearestCommunity(ringsCentroid(g.rings), communities, index);
    if (i >= 0) out[i] += area;
  }
  return out;
}
