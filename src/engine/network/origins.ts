// How sources join the network (docs/network-areas.md, "Connector rules").
// - A point joins at the nearest point of the nearest edge within `maxConnector`; the straight
//   connector is walkable and counts towards the distance. Beyond `maxConnector` the point is off
//   network: it reaches nothing by network, but its own position still counts (distance 0), so its
//   area is the disk of radius min(M, d) around it.
// - A polygon (green space, park) counts as reached (distance 0 inside). It starts the network at
//   every node inside it or within `polygonConnector` of its boundary, at cost = the straight
//   distance to the polygon; if there is none, at the single nearest node within `maxConnector`.
import type { BBox, MetricRings, XY } from '../reach/reachProvider';
import type { RoadGraph } from './graph';
import type { Origins, NodeSeed } from './distances';
import { joinPoint, type NetworkJoin } from './join';
import type { LinearPiece } from './serviceArea';

export interface PointSource {
  id: string;
  xy: XY;
}

export interface JoinedPoint extends PointSource {
  join: NetworkJoin | null;
}

/** Origins and connector pieces for joined points. */
export function pointOrigins(points: JoinedPoint[]): { origins: Origins; pieces: LinearPiece[] } {
  const origins: Origins = { nodes: [], edges: [] };
  const pieces: LinearPiece[] = [];
  for (const p of points) {
    const [x, y] = p.xy;
    if (p.join) {
      origins.edges.push({ edge: p.join.edge, s: p.join.s, cost: p.join.connector });
      pieces.push({ x0: x, y0: y, f0: 0, x1: p.join.at[0], y1: p.join.at[1], f1: p.join.connector });
    } else pieces.push({ x0: x, y0: y, f0: 0, x1: x, y1: y, f1: 0 });
  }
  return { origins, pieces };
}

export function joinPoints(g: RoadGraph, points: PointSource[], maxConnector: number): JoinedPoint[] {
  return points.map((p) => ({ ...p, join: joinPoint(g, p.xy, maxConnector) }));
}

/** Distance from (x, y) to segment a–b: projectOnSegment's `dist` (join.ts), without its object. */
function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Straight distance from (x, y) to polygon rings (0 inside; even-odd over all rings). */
export function distanceToPolygon(x: number, y: number, rings: MetricRings): number {
  let inside = false;
  let best = Infinity;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const xi = r[i][0], yi = r[i][1], xj = r[j][0], yj = r[j][1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      const d = segmentDistance(x, y, xj, yj, xi, yi);
      if (d < best) best = d;
    }
  }
  return inside ? 0 : best;
}

/**
 * Whether distanceToPolygon(x, y, rings) ≤ r, answered early: false when the point is farther
 * than r from the rings' box `bbox`, true at the first edge within r.
 */
export function withinPolygon(x: number, y: number, rings: MetricRings, bbox: BBox, r: number): boolean {
  if (Math.hypot(Math.max(0, bbox[0] - x, x - bbox[2]), Math.max(0, bbox[1] - y, y - bbox[3])) > r) return false;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      if (segmentDistance(x, y, xj, yj, xi, yi) <= r) return true;
    }
  }
  return inside;
}

/** Node seeds for a polygon source (see the module comment). */
export function polygonSeeds(g: RoadGraph, rings: MetricRings, bbox: BBox, polygonConnector: number, maxConnector: number): NodeSeed[] {
  const near = (r: number): NodeSeed[] => {
    const seen = new Map<number, number>();
    for (const e of g.edgeCount ? g.edgeIndex.search(bbox[0] - r, bbox[1] - r, bbox[2] + r, bbox[3] + r) : []) {
      for (const n of [g.edgeFrom[e], g.edgeTo[e]]) {
        if (seen.has(n)) continue;
        seen.set(n, distanceToPolygon(g.nodeX[n], g.nodeY[n], rings));
      }
    }
    return [...seen].filter(([, c]) => c <= r).map(([node, cost]) => ({ node, cost }));
  };
  const seeds = near(polygonConnector);
  if (seeds.length || maxConnector <= polygonConnector) return seeds;
  const far = near(maxConnector);
  if (!far.length) return [];
  let best = far[0];
  for (const s of far) if (s.cost < best.cost || (s.cost === best.cost && s.node < best.node)) best = s;
  return [best];
}
