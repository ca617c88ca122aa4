// Convex intersection on clipper's grid: against hand-computed cases and against clipper's own
// intersection (geo/clip.ts) on random rotated rectangles and convex quadrilaterals.
import { describe, expect, it } from 'vitest';
import { clipConvexOnGrid, isConvexOnGrid } from '../../../src/engine/geo/gridConvexClip';
import { CLIP_SCALE, intersection } from '../../../src/engine/geo/clip';
import { mulberry32 } from '../../../bench/lib/random';
import type { XY } from '../../../src/engine/reach/reachProvider';

const flat = (pts: number[][]) => Float64Array.from(pts.flat());
const ring = (out: Float64Array, n: number): number[][] => Array.from({ length: n }, (_, i) => [out[2 * i], out[2 * i + 1]]);
/** The ring's vertices as a sorted list of "x,y" (the start vertex may differ). */
const key = (r: number[][]) => r.map(([x, y]) => `${x},${y}`).sort();

describe('isConvexOnGrid', () => {
  it('a counter-clockwise square is convex, clockwise or dented or wound twice is not; a straight vertex is allowed', () => {
    expect(isConvexOnGrid(flat([[0, 0], [10, 0], [10, 10], [0, 10]]), 4)).toBe(true);
    expect(isConvexOnGrid(flat([[0, 0], [5, 0], [10, 0], [10, 10], [0, 10]]), 5)).toBe(true);
    expect(isConvexOnGrid(flat([[0, 0], [0, 10], [10, 10], [10, 0]]), 4)).toBe(false);
    expect(isConvexOnGrid(flat([[0, 0], [10, 0], [5, 2], [10, 10], [0, 10]]), 5)).toBe(false);
    // A pentagram's vertices in star order: every turn left, winding twice.
    const star = [0, 2, 4, 1, 3].map((k) => [Math.round(100 * Math.cos((2 * Math.PI * k) / 5)), Math.round(100 * Math.sin((2 * Math.PI * k) / 5))]);
    expect(isConvexOnGrid(flat(star), 5)).toBe(false);
  });
});

describe('clipConvexOnGrid', () => {
  const out = new Float64Array(64);
  it('hand cases: overlapping squares, a square inside, disjoint and edge-touching squares', () => {
    const a = flat([[0, 0], [10, 0], [10, 10], [0, 10]]);
    let n = clipConvexOnGrid(flat([[5, 5], [15, 5], [15, 15], [5, 15]]), 4, a, 4, out);
    expect(key(ring(out, n))).toEqual(key([[5, 5], [10, 5], [10, 10], [5, 10]]));
    n = clipConvexOnGrid(flat([[2, 2], [4, 2], [4, 4], [2, 4]]), 4, a, 4, out);
    expect(key(ring(out, n))).toEqual(key([[2, 2], [4, 2], [4, 4], [2, 4]]));
    expect(clipConvexOnGrid(flat([[20, 0], [30, 0], [30, 10], [20, 10]]), 4, a, 4, out)).toBe(0);
    expect(clipConvexOnGrid(flat([[10, 0], [20, 0], [20, 10], [10, 10]]), 4, a, 4, out)).toBe(0);
  });

  it('crossings on the grid stay, crossings between grid points are rounded half away from zero, as clipper rounds them', () => {
    // Triangle (0,0) (6,0) (0,6) against the square 0..3: crossings at (3, 0) and (3, 3), on the grid.
    const n = clipConvexOnGrid(flat([[0, 0], [6, 0], [0, 6]]), 3, flat([[0, 0], [3, 0], [3, 3], [0, 3]]), 4, out);
    expect(key(ring(out, n))).toEqual(key([[0, 0], [3, 0], [3, 3], [0, 3]]));
    // Triangle (0,0) (5,0) (0,5) against x ≤ 2 (square 0..2 × 0..9): the hypotenuse crosses x = 2 at y = 3.
    const m = clipConvexOnGrid(flat([[0, 0], [5, 0], [0, 5]]), 3, flat([[0, 0], [2, 0], [2, 9], [0, 9]]), 4, out);
    expect(key(ring(out, m))).toEqual(key([[0, 0], [2, 0], [2, 3], [0, 5]]));
    // A rectangle against the strip 0 ≤ x ≤ 1: crossings on the grid.
    const p = clipConvexOnGrid(flat([[-4, -5], [4, -5], [4, 5], [-4, 5]]), 4, flat([[0, -10], [1, -10], [1, 10], [0, 10]]), 4, out);
    expect(key(ring(out, p))).toEqual(key([[0, -5], [1, -5], [1, 5], [0, 5]]));
    const q = clipConvexOnGrid(flat([[0, 0], [2, 0], [2, 5]]), 3, flat([[0, -10], [1, -10], [1, 10], [0, 10]]), 4, out);
    // The edge (2,5) → (0,0) crosses x = 1 at y = 2.5: rounded to 3.
    expect(key(ring(out, q))).toEqual(key([[0, 0], [1, 0], [1, 3]]));
    const byClipper = intersection([[[0, 0], [0.02, 0], [0.02, 0.05]]], [[[0, -0.1], [0.01, -0.1], [0.01, 0.1], [0, 0.1]]]);
    expect(key(byClipper[0].map(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]))).toEqual(key([[0, 0], [1, 0], [1, 3]]));
    // Mirrored below the x axis: the crossing at y = −2.5 rounds to −3.
    const r = clipConvexOnGrid(flat([[0, 0], [2, -5], [2, 0]]), 3, flat([[0, -10], [1, -10], [1, 10], [0, 10]]), 4, out);
    expect(key(ring(out, r))).toEqual(key([[0, 0], [1, -3], [1, 0]]));
  });

  it('the same polygon as clipper on 3,000 random rotated rectangles against random convex quadrilaterals', () => {
    const rnd = mulberry32(7);
    let cut = 0, same = 0;
    for (let k = 0; k < 3000; k++) {
      // A community: a jittered square about 200 m; a footprint 15–60 × 10–25 m near its edge.
      const j = () => (rnd() - 0.5) * 40;
      const quad: XY[] = [[j(), j()], [200 + j(), j()], [200 + j(), 200 + j()], [j(), 200 + j()]];
      const cx = rnd() * 240 - 20, cy = rnd() * 240 - 20, w = 15 + rnd() * 45, h = 10 + rnd() * 15, t = rnd() * Math.PI;
      const c = Math.cos(t), s = Math.sin(t);
      const rect: XY[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([u, v]) => [cx + u * c - v * s, cy + u * s + v * c]);
      const g = (r: XY[]) => Float64Array.from(r.flatMap(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]));
      const sq = g(quad), sr = g(rect);
      if (!isConvexOnGrid(sq, 4) || !isConvexOnGrid(sr, 4)) continue;
      const n = clipConvexOnGrid(sr, 4, sq, 4, out);
      const byClipper = intersection([quad], [rect]);
      const expected = byClipper.length === 1 ? byClipper[0].map(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]) : [];
      if (expected.length) cut++;
      if (JSON.stringify(key(ring(out, n))) === JSON.stringify(key(expected))) same++;
    }
    expect(cut).toBeGreaterThan(300);
    expect(same).toBe(3000);
  });
});
