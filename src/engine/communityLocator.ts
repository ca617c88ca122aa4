// Which communities a point lies in, and which communities overlap, decided on the polygons as the
// data draws them: straight edges between lon/lat vertices (geo/dataPlane.ts), not the bent edges
// of the audit's transverse Mercator. A point within BOUNDARY_TOLERANCE_M of an edge is on the
// boundary and counts as inside (audit-cli.md: "on the boundary counts as inside"), so a facility
// on the edge two communities share goes to the id that sorts first in the app and the CLI alike.
import Flatbush from 'flatbush';
import type { Community, DataWarning, Position } from './types';
import type { BBox, XY } from './reach/reachProvider';
import { createDataPlane } from './geo/dataPlane';
import { ringsBBox } from './geo/metricRings';
import { pointInRing } from './geo/pointInPolygon';

/**
 * On the boundary = within 1 cm of an edge. Survey coordinates come in millimetres to centimetres
 * and lon/lat with 7 decimals resolve 1.1 cm: a point closer than that to an edge is on it as far
 * as the data can tell. Nothing a planner sites is decided by a centimetre.
 */
export const BOUNDARY_TOLERANCE_M = 0.01;

/** Polygon parts ([outer, ...holes]) of one community in the data plane. */
type PlaneParts = XY[][][];

export interface CommunityLocator {
  /**
   * Communities holding the point, boundary included (`inside`), and those holding it strictly
   * (`strict`), each sorted by id (then index): `inside[0]` is the assignment by location.
   */
  locate(position: Position): { inside: number[]; strict: number[] };
  /** The id of the community at an index. */
  idOf(index: number): string;
  /** Pushes one `community_overlap` warning per pair where a vertex of one lies strictly inside the other. */
  overlapWarnings(pairs: Set<string>, warnings: DataWarning[]): void;
}

function planeParts(c: Community, forward: (p: Position) => XY): PlaneParts {
  const parts: PlaneParts = [];
  for (const polygon of Array.isArray(c.geometry) ? c.geometry : []) {
    if (!Array.isArray(polygon)) continue;
    const rings: XY[][] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 3 || ring.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        if (!rings.length) break; // no usable outer ring: skip the part
        continue;
      }
      rings.push(ring.map(forward));
    }
    if (rings.length) parts.push(rings);
  }
  return parts;
}

/** 1 strictly inside, 0 on the boundary, −1 outside one polygon part (outer ring minus holes). */
function inPart(p: XY, part: XY[][], tol: number): -1 | 0 | 1 {
  const outer = pointInRing(p, part[0], tol);
  if (outer <= 0) return outer;
  for (let h = 1; h < part.length; h++) {
    const r = pointInRing(p, part[h], tol);
    if (r === 0) return 0;
    if (r === 1) return -1;
  }
  return 1;
}

/** 1 strictly inside, 0 on the boundary, −1 outside a community (any of its parts). */
function inParts(p: XY, parts: PlaneParts, tol: number): -1 | 0 | 1 {
  let best: -1 | 0 | 1 = -1;
  for (const part of parts) {
    const r = inPart(p, part, tol);
    if (r === 1) return 1;
    if (r === 0) best = 0;
  }
  return best;
}

/**
 * @param communities the dataset's communities (lon/lat), index-aligned with `usable`
 * @param usable whether each community takes part (false for geometry the audit found unusable)
 * @param center the plane's centre (the audit projection's centre)
 */
export function createCommunityLocator(communities: Community[], usable: (index: number) => boolean, center: Position): CommunityLocator {
  const plane = createDataPlane(center);
  const parts: PlaneParts[] = communities.map((c, i) => (usable(i) ? planeParts(c, plane.forward) : []));
  const boxes = parts.map((p) => (p.length ? ringsBBox(p.map((part) => part[0])) : null));
  const withBox = boxes.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
  const index = withBox.length ? new Flatbush(withBox.length) : null;
  if (index) {
    for (const i of withBox) index.add(...(boxes[i] as BBox));
    index.finish();
  }
  const ids = communities.map((c, i) => c.id ?? String(i));
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b);
  const tol = BOUNDARY_TOLERANCE_M;

  return {
    idOf: (i) => ids[i],
    locate(position) {
      const inside: number[] = [];
      const strict: number[] = [];
      if (!index || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) return { inside, strict };
      const p = plane.forward(position);
      for (const k of index.search(p[0] - tol, p[1] - tol, p[0] + tol, p[1] + tol)) {
        const i = withBox[k];
        const r = inParts(p, parts[i], tol);
        if (r >= 0) inside.push(i);
        if (r > 0) strict.push(i);
      }
      inside.sort(byId);
      strict.sort(byId);
      return { inside, strict };
    },

    overlapWarnings(pairs, warnings) {
      if (!index) return;
      for (const a of withBox) {
        const ba = boxes[a] as BBox;
        for (const k of index.search(ba[0], ba[1], ba[2], ba[3])) {
          const b = withBox[k];
          if (b <= a) continue;
          const bb = boxes[b] as BBox;
          let hit = false;
          outer: for (const [x, y, by] of [[a, b, bb], [b, a, ba]] as const) {
            for (const part of parts[x]) for (const ring of part) for (const p of ring) {
              if (p[0] <= by[0] || p[0] >= by[2] || p[1] <= by[1] || p[1] >= by[3]) continue;
              if (inParts(p, parts[y], tol) > 0) { hit = true; break outer; }
            }
          }
          if (!hit) continue;
          const pair = [ids[a], ids[b]].sort();
          const key = pair.join('\u0000');
          if (pairs.has(key)) continue;
          pairs.add(key);
          warnings.push({ code: 'community_overlap', layer: 'communities', feature: pair[0], field: 'geometry', message: `communities ${pair[0]} and ${pair[1]} overlap; a facility in both goes to ${pair[0]}` });
        }
      }
    },
  };
}
