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
