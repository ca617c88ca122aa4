// Sutherland–Hodgman clipping of a ring against an axis-aligned rectangle, O(n) per side. Used to
// cut circles and buffers down to the few vertices near a community before the exact (Vatti)
// boolean: for a convex clip window the result has the right area and orientation (degenerate
// zero-width bridges can appear for non-convex rings; the non-zero union ignores them).
import type { BBox, XY } from '../reach/reachProvider';

function clipSide(ring: XY[], inside: (p: XY) => boolean, cut: (a: XY, b: XY) => XY): XY[] {
  const out: XY[] = [];
  const n = ring.length;
  if (!n) return out;
  let prev = ring[n - 1];
  let prevIn = inside(prev);
  for (let i = 0; i < n; i++) {
    const cur = ring[i];
    const curIn = inside(cur);
    if (curIn) {
      if (!prevIn) out.push(cut(prev, cur));
      out.push(cur);
    } else if (prevIn) out.push(cut(prev, cur));
    prev = cur;
    prevIn = curIn;
  }
  return out;
}

/** The part of `ring` inside `rect` (same orientation); [] when nothing is left. */
export function clipRingToRect(ring: XY[], rect: BBox): XY[] {
  const [x0, y0, x1, y1] = rect;
  // Fast paths: ring entirely inside, or its bbox entirely outside.
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  if (minX >= x0 && maxX <= x1 && minY >= y0 && maxY <= y1) return ring;
  if (maxX <= x0 || minX >= x1 || maxY <= y0 || minY >= y1) return [];
  let r = ring;
  const atX = (x: number) => (a: XY, b: XY): XY => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const atY = (y: number) => (a: XY, b: XY): XY => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  if (minX < x0) r = clipSide(r, (p) => p[0] >= x0, atX(x0));
  if (maxX > x1) r = clipSide(r, (p) => p[0] <= x1, atX(x1));
  if (minY < y0) r = clipSide(r, (p) => p[1] >= y0, atY(y0));
  if (maxY > y1) r = clipSide(r, (p) => p[1] <= y1, atY(y1));
  return r.length >= 3 ? r : [];
}
