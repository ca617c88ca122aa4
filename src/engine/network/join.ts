// Joining a point to the network: the nearest point of the nearest edge segment (spec
// service-areas-cli.md: "joined to the network at the nearest point on the nearest edge; the
// straight connector counts towards the distance"). The edge is split virtually: the join is kept
// as (edge, position along it), the graph is not rebuilt.
import type { XY } from '../reach/reachProvider';
import type { RoadGraph } from './graph';

export interface NetworkJoin {
  edge: number;
  /** Arc position of the join point from the edge's `from` node, metres (0..edgeLength). */
  s: number;
  /** Connector length (point to join point), metres. */
  connector: number;
  /** The join point. */
  at: XY;
}

/** Default maximum connector length (metres) beyond which a point is "off network". */
export const DEFAULT_MAX_CONNECTOR_M = 300;

/** Distance from p to segment a–b and the arc position of the nearest point (from a). */
export function projectOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): { dist: number; s: number; x: number; y: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = ax + t * dx;
  const y = ay + t * dy;
  return { dist: Math.hypot(px - x, py - y), s: t * Math.sqrt(len2), x, y };
}

/**
 * Joins `xy` to the nearest edge within `maxConnector` metres; null when none is that close
 * (the point is off network). Ties go to the lowest edge number (deterministic).
 */
export function joinPoint(g: RoadGraph, xy: XY, maxConnector = DEFAULT_MAX_CONNECTOR_M): NetworkJoin | null {
  if (g.edgeCount === 0) return null;
  const [px, py] = xy;
  let best: NetworkJoin | null = null;
  // Grow the search box so that the common case (a road within tens of metres) stays cheap.
  for (let r = Math.min(50, maxConnector); ; r = Math.min(maxConnector, r * 3)) {
    for (const e of g.edgeIndex.search(px - r, py - r, px + r, py + r)) {
      const a = g.edgeFrom[e];
      const b = g.edgeTo[e];
      const pr = projectOnSegment(px, py, g.nodeX[a], g.nodeY[a], g.nodeX[b], g.nodeY[b]);
      if (pr.dist > maxConnector) continue;
      if (!best || pr.dist < best.connector || (pr.dist === best.connector && e < best.edge)) {
        best = { edge: e, s: pr.s, connector: pr.dist, at: [pr.x, pr.y] };
      }
    }
    // A hit within r is final: anything outside the box is farther than r.
    if ((best && best.connector <= r) || r >= maxConnector) return best;
  }
}
