// One Sutherland–Hodgman step: the part of a closed ring on the inside of one half-plane
// (Sutherland & Hodgman 1974). Generic over the point type, so float rings ([x, y]) and clipper's
// integer points ({ X, Y }) share it; rectangle clips are four calls.
export function clipToHalfPlane<P>(pts: readonly P[], inside: (p: P) => boolean, cut: (a: P, b: P) => P): P[] {
  const res: P[] = [];
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % pts.length];
    const ia = inside(a);
    const ib = inside(b);
    if (ia) res.push(a);
    if (ia !== ib) res.push(cut(a, b));
  }
  return res;
}

/**
 * The same step on a flat ring (x, y interleaved in `src`, n points) against an axis-parallel
 * half-plane: x ≥ v (axis 0, sign 1), x ≤ v (axis 0, sign −1), y ≥ v or y ≤ v (axis 1), written into
 * `dst` (room for 2n + 2 points); returns the point count. No array per point, for hot loops.
 */
export function clipFlatToAxis(src: Float64Array, n: number, dst: Float64Array, axis: number, sign: number, v: number): number {
  let m = 0;
  for (let a = 0; a < n; a++) {
    const b = a + 1 === n ? 0 : a + 1;
    const ax = src[2 * a], ay = src[2 * a + 1], bx = src[2 * b], by = src[2 * b + 1];
    const ia = sign * ((axis === 0 ? ax : ay) - v) >= 0;
    const ib = sign * ((axis === 0 ? bx : by) - v) >= 0;
    if (ia) {
      dst[2 * m] = ax;
      dst[2 * m + 1] = ay;
      m++;
    }
    if (ia !== ib) {
      if (axis === 0) {
        dst[2 * m] = v;
        dst[2 * m + 1] = ay + ((by - ay) * (v - ax)) / (bx - ax);
      } else {
        dst[2 * m] = ax + ((bx - ax) * (v - ay)) / (by - ay);
        dst[2 * m + 1] = v;
      }
      m++;
    }
  }
  return m;
}
