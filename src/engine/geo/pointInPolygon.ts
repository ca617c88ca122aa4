// Point-in-polygon on metric rings (crossing number) with the boundary counting as inside
// (audit-cli.md: "on the boundary counts as inside"), and point-to-rings distance.
import type { MetricRings, XY } from '../reach/reachProvider';

/** Distance (m) from p to segment ab. */
export function pointSegmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance (m) from p to the nearest ring edge. */
export function distanceToBoundary(p: XY, rings: MetricRings): number {
  let d = Infinity;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const e = pointSegmentDistance(p, r[j], r[i]);
      if (e < d) d = e;
    }
  }
  return d;
}

/** 1 inside, 0 on the boundary (within `tol` metres), −1 outside, for one ring (orientation ignored). */
export function pointInRing(p: XY, ring: XY[], tol = 1e-3): -1 | 0 | 1 {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j], b = ring[i];
    // Cheap bbox reject before the exact boundary distance.
    if (
      x >= Math.min(a[0], b[0]) - tol && x <= Math.max(a[0], b[0]) + tol &&
      y >= Math.min(a[1], b[1]) - tol && y <= Math.max(a[1], b[1]) + tol &&
      pointSegmentDistance(p, a, b) <= tol
    ) return 0;
    if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * Where p lies relative to oriented rings (outer rings and holes, even-odd over all rings):
 * 1 strictly inside, 0 on the boundary (within `tol` metres, default 1 mm), −1 outside.
 */
export function pointInRings(p: XY, rings: MetricRings, tol = 1e-3): -1 | 0 | 1 {
  let inside = false;
  const [x, y] = p;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j], b = ring[i];
      // Cheap bbox reject before the exact boundary distance.
      if (
        x >= Math.min(a[0], b[0]) - tol && x <= Math.max(a[0], b[0]) + tol &&
        y >= Math.min(a[1], b[1]) - tol && y <= Math.max(a[1], b[1]) + tol &&
        pointSegmentDistance(p, a, b) <= tol
      ) return 0;
      if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/** Distance (m) from p to the area of the rings: 0 inside or on the boundary. */
export function distanceToRings(p: XY, rings: MetricRings): number {
  if (pointInRings(p, rings, 0) >= 0) return 0;
  return distanceToBoundary(p, rings);
}
