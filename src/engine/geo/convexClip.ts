// Area of a polygon's intersection with a union of a few convex polygons, without a general
// boolean: inclusion–exclusion over the convex pieces, each term a Sutherland–Hodgman clip of the
// subject rings (any simple rings, holes included: the signed area of a ring clipped to a convex
// window is the signed area of their intersection). Depth-first, pruning empty intersections
// (their supersets are empty too). Exact for the polygons given; 2^k − 1 terms at worst, so the
// caller uses it only for small k.
import type { XY } from '../reach/reachProvider';
import { ringArea } from './metricRings';
import { clipFlatConvex, flatArea, fromFlat, toFlat, type FlatRing } from './flatRing';

/** Clips `subject` to the convex counter-clockwise polygon `clip` (Sutherland–Hodgman). */
export function clipRingConvex(subject: XY[], clip: XY[]): XY[] {
  const r = clipFlatConvex(toFlat(subject), toFlat(clip));
  return r ? fromFlat(r) : [];
}

/**
 * True when the ring is convex and counter-clockwise: every turn is a left turn or straight
 * (no reversal, so zero-width bridges from window clipping are refused) and it winds once
 * (the x direction changes sign at most twice). Reflex turns up to 1e-3 rad are tolerated:
 * buffers rounded to the centimetre grid have such dents, whose area is negligible (cm²).
 */
export function isConvexCCW(ring: XY[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  let flips = 0;
  let lastDx = 0;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n], c = ring[(i + 2) % n];
    const ux = b[0] - a[0], uy = b[1] - a[1], vx = c[0] - b[0], vy = c[1] - b[1];
    const cross = ux * vy - uy * vx;
    const scale = Math.hypot(ux, uy) * Math.hypot(vx, vy);
    if (cross < -1e-3 * scale) return false;
    if (cross <= 1e-3 * scale && ux * vx + uy * vy < 0) return false;
    if (ux !== 0) {
      if (lastDx !== 0 && Math.sign(ux) !== Math.sign(lastDx)) flips++;
      lastDx = ux;
    }
  }
  return flips <= 2 && ringArea(ring) > 0;
}

/** True when p lies in the convex counter-clockwise ring (boundary inclusive, tolerance tol metres). */
export function inConvex(p: XY, ring: XY[], tol = 1e-6): boolean {
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[j], b = ring[i];
    const ex = b[0] - a[0], ey = b[1] - a[1];
    if (ex * (p[1] - a[1]) - ey * (p[0] - a[0]) < -tol * Math.hypot(ex, ey)) return false;
  }
  return true;
}

/**
 * Drops convex pieces contained in another kept piece (all vertices inside a convex piece means
 * the whole piece is inside): the union is unchanged. Larger pieces are kept first.
 */
export function pruneContained(pieces: XY[][]): XY[][] {
  if (pieces.length < 2) return pieces;
  const sorted = pieces.map((r) => ({ r, a: ringArea(r) })).sort((x, y) => y.a - x.a);
  const kept: XY[][] = [];
  for (const { r } of sorted) {
    if (kept.some((k) => r.every((p) => inConvex(p, k)))) continue;
    kept.push(r);
  }
  return kept;
}

/**
 * Area of (rings) ∩ (∪ pieces), pieces convex and counter-clockwise. When the subject is a single
 * convex ring every intersection is convex, and each clip runs against the shorter polygon.
 */
export function areaWithinConvexUnion(rings: XY[][], pieces: XY[][], subjectConvex = false): number {
  return areaWithinConvexUnionFlat(rings.map(toFlat), pieces.map(toFlat), subjectConvex);
}

export function areaWithinConvexUnionFlat(rings: FlatRing[], pieces: FlatRing[], subjectConvex = false): number {
  let total = 0;
  const k = pieces.length;
  const convex = subjectConvex && rings.length === 1;
  const rec = (current: FlatRing[], start: number, sign: number) => {
    for (let i = start; i < k; i++) {
      const next: FlatRing[] = [];
      let a = 0;
      const piece = pieces[i];
      for (const r of current) {
        const c = convex && r.length < piece.length ? clipFlatConvex(piece, r) : clipFlatConvex(r, piece);
        if (c) { next.push(c); a += flatArea(c); }
      }
      if (!next.length || Math.abs(a) < 1e-9) continue;
      total += sign * a;
      if (i + 1 < k) rec(next, i + 1, -sign);
    }
  };
  rec(rings, 0, 1);
  return total;
}
