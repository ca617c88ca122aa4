// Deterministic pseudo-random numbers (mulberry32) for benchmarks and randomised tests, so every run sees the same city.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random star-shaped (generally non-convex) ring of `n` vertices around (cx, cy), counter-clockwise, radii in [rMin, rMax]. */
export function starRing(rand: () => number, cx: number, cy: number, rMin: number, rMax: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * (i + 0.2 + 0.6 * rand())) / n;
    const rr = rMin + (rMax - rMin) * rand();
    out.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  return out;
}
