// Segment tests over flat coordinates ([x0, y0, x1, y1, …] in a Float64Array; a vertex is named by
// the offset of its x): exact sign tests, no array per point.

/** Sign of the turn a → b → c, over flat coordinates. */
function orient(f: Float64Array, a: number, b: number, c: number): number {
  return Math.sign((f[b] - f[a]) * (f[c + 1] - f[a + 1]) - (f[b + 1] - f[a + 1]) * (f[c] - f[a]));
}

/** c lies within the bbox of segment ab. */
function within(f: Float64Array, a: number, b: number, c: number): boolean {
  return Math.min(f[a], f[b]) <= f[c] && f[c] <= Math.max(f[a], f[b]) && Math.min(f[a + 1], f[b + 1]) <= f[c + 1] && f[c + 1] <= Math.max(f[a + 1], f[b + 1]);
}

/** Proper or touching intersection of segments ab and cd (vertex offsets into f). */
export function segmentsMeet(f: Float64Array, a: number, b: number, c: number, d: number): boolean {
  const o1 = orient(f, a, b, c), o2 = orient(f, a, b, d), o3 = orient(f, c, d, a), o4 = orient(f, c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(f, a, b, c)) || (o2 === 0 && within(f, a, b, d)) || (o3 === 0 && within(f, c, d, a)) || (o4 === 0 && within(f, c, d, b));
}
