// Whether two convex rings on clipper's integer grid meet (cross, touch or one holds the other),
// by the separating axis theorem: two closed convex polygons are disjoint exactly when the line
// through some edge of one has the whole other polygon strictly on its outer side. Exact: integer
// coordinates within ±2^25 (isConvexOnGrid), so every cross product is an exact double.

/**
 * The convex counter-clockwise rings f[a .. a + 2na) and f[b .. b + 2nb) (grid units, no closing
 * vertex, isConvexOnGrid) share a point: the answer an edge-by-edge crossing test and a
 * point-in-polygon test give for them, in na + nb edge passes at most.
 */
export function convexRingsMeet(f: Float64Array, a: number, na: number, b: number, nb: number): boolean {
  return !edgeSeparates(f, a, na, b, nb) && !edgeSeparates(f, b, nb, a, na);
}

/** Some edge line of ring p has every vertex of ring q strictly right of it (outside p). */
function edgeSeparates(f: Float64Array, p: number, np: number, q: number, nq: number): boolean {
  const qEnd = q + 2 * nq;
  for (let i = 0, j = np - 1; i < np; j = i++) {
    const ax = f[p + 2 * j], ay = f[p + 2 * j + 1];
    const ex = f[p + 2 * i] - ax, ey = f[p + 2 * i + 1] - ay;
    let outside = true;
    for (let v = q; v < qEnd; v += 2) {
      if (ex * (f[v + 1] - ay) - ey * (f[v] - ax) >= 0) { outside = false; break; }
    }
    if (outside) return true;
  }
  return false;
}
