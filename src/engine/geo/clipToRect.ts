// Sutherland–Hodgman clipping of a ring against an axis-aligned rectangle, O(n) per side. Used to
// cut circles and buffers down to the few vertices near a community before the exact (Vatti)
// boolean: for a convex clip window the result has the right area and orientation (degenerate
// zero-width bridges can appear for non-convex rings; the non-zero union ignores them).
import type { BBox, XY } from '../reach/reachProvider';
import { clipFlatToRect, fromFlat, toFlat } from './flatRing';

/** The part of `ring` inside `rect` (same orientation); [] when nothing is left. */
export function clipRingToRect(ring: XY[], rect: BBox): XY[] {
  const r = clipFlatToRect(toFlat(ring), rect);
  return r ? fromFlat(r) : [];
}
