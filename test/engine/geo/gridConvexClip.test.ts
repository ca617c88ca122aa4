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
    expect(isConvexOnGrid(flat([[0, 0], [5, 0], [10, 0], [10, 10], [0, 10]]), 5, 0, true)).toBe(false); // strict: left turns only
    expect(isConvexOnGrid(flat([[9, 9], [0, 0], [10, 0], [10, 10], [0, 10]]), 4, 2, true)).toBe(true); // from offset 2
    expect(isConvexOnGrid(flat([[0, 0], [0, 10], [10, 10], [10, 0]]), 4)).toBe(false);
    expect(isConvexOnGrid(flat([[0, 0], [10, 0], [5, 2], [10, 10], [0, 10]]), 5)).toBe(false);
    // A pentagram's vertices in star order: every turn left, winding twice.
    const star = [0, 2, 4, 1, 3].map((k) => [Math.round(100 * Math.cos((2 * Math.PI * k) / 5)), Math.round(100 * Math.sin((2 * Math.PI * k) / 5))]);
    expect(isConvexOnGrid(flat(star), 5)).toBe(false);
  });
});

/**
 * Convex and counter-clockwise by a second method: every vertex on or left of every edge's line,
 * positive area, the turns adding up to one turn (atan2 of each turn), and every coordinate
 * within ±2^25.
 */
function convexByHalfPlanes(r: number[][]): boolean {
  const n = r.length;
  if (n < 3 || r.some(([x, y]) => Math.abs(x) > 2 ** 25 || Math.abs(y) > 2 ** 25)) return false;
  let twice = 0, turning = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = r[i], [bx, by] = r[(i + 1) % n], [cx, cy] = r[(i + 2) % n];
    twice += ax * by - bx * ay;
    for (const [x, y] of r) if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0) return false;
    const ux = bx - ax, uy = by - ay, vx = cx - bx, vy = cy - by;
    turning += Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  }
  return twice > 0 && Math.abs(turning - 2 * Math.PI) < 1e-6;
}

describe('isConvexOnGrid against half-planes', () => {
  it('agrees on 4,000 random rings read at an offset: hulls, with straight vertices, reversed, dented, wound twice, beyond 2^25', () => {
    const rnd = mulberry32(11);
    const seen = { convex: 0, not: 0 };
    for (let k = 0; k < 4000; k++) {
      // The convex hull (counter-clockwise, monotone chain) of 3–9 random grid points.
      const pts = Array.from({ length: 3 + Math.floor(rnd() * 7) }, () => [Math.round(rnd() * 2000), Math.round(rnd() * 2000)]);
      pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
      const lower: number[][] = [], upper: number[][] = [];
      for (const p of pts) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop(); lower.push(p); }
      for (const p of [...pts].reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop(); upper.push(p); }
      let r = [...lower.slice(0, -1), ...upper.slice(0, -1)];
      const variant = k % 6;
      if (variant === 1 && r.length >= 3) { const i = Math.floor(rnd() * r.length), j = (i + 1) % r.length; r.splice(i + 1, 0, [(r[i][0] + r[j][0]) / 2, (r[i][1] + r[j][1]) / 2].map(Math.round)); }
      if (variant === 2) r.reverse();
      if (variant === 3 && r.length >= 3) { const i = Math.floor(rnd() * r.length); r[i] = [r[i][0] + Math.round((rnd() - 0.5) * 1500), r[i][1] + Math.round((rnd() - 0.5) * 1500)]; }
      if (variant === 4) r = [...r, ...r];
      if (variant === 5) r = r.map(([x, y]) => [x + 2 ** 25 - 1000, y]);
      // Rotate the start so that the wrap-around falls anywhere.
      const s = r.length ? Math.floor(rnd() * r.length) : 0;
      r = [...r.slice(s), ...r.slice(0, s)];
      const pad = Math.floor(rnd() * 4);
      const f = Float64Array.from([...Array.from({ length: 2 * pad }, () => rnd() * 1e6), ...r.flat(), 7, 7]);
      const expected = convexByHalfPlanes(r);
      seen[expected ? 'convex' : 'not']++;
      expect(isConvexOnGrid(f, r.length, 2 * pad), JSON.stringify(r)).toBe(expected);
    }
    expect(seen.convex).toBeGreaterThan(1000);
    expect(seen.not).toBeGreaterThan(1000);
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

  it('a crossing clipper may round otherwise is refused (−1): a rounding tie, a crossing near a vertex\'s scanline', () => {
    // From the 10k synthetic city: the footprint edge (−1947841, 1999466) → (−1949423, 2001258)
    // crosses the community edge y = 2000682 at x = −1948914.5 exactly; clipper rounds from the
    // edge's lower end, −1949423 + round(508.5) = −1948914, not the nearest-half-away −1948915.
    const subject = flat([[-1950699, 1996943], [-1947841, 1999466], [-1949423, 2001258], [-1952280, 1998735]]);
    const community = flat([[-1959452, 1963162], [-1919239, 1964247], [-1917335, 2000682], [-1961504, 2000682]]);
    const byClipper = intersection([ring(community, 4).map(([x, y]) => [x / CLIP_SCALE, y / CLIP_SCALE] as XY)], [ring(subject, 4).map(([x, y]) => [x / CLIP_SCALE, y / CLIP_SCALE] as XY)]);
    expect(key(byClipper[0].map(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]))).toContain('-1948914,2000682');
    expect(clipConvexOnGrid(subject, 4, community, 4, out)).toBe(-1);
    // The footprint edge (1921563, 185815) → (1920962, 187958) crosses the community edge
    // (1922751, 158209) → (1920481, 199083) at y = 187349.566, 0.566 below the footprint vertex
    // (1918789, 187349): clipper finds it one scanline late and puts it at y = 187349, not 187350.
    const s2 = flat([[1919390, 185205], [1921563, 185815], [1920962, 187958], [1918789, 187349]]);
    const c2 = flat([[1883002, 157067], [1922751, 158209], [1920481, 199083], [1882924, 203209]]);
    const byClipper2 = intersection([ring(c2, 4).map(([x, y]) => [x / CLIP_SCALE, y / CLIP_SCALE] as XY)], [ring(s2, 4).map(([x, y]) => [x / CLIP_SCALE, y / CLIP_SCALE] as XY)]);
    expect(key(byClipper2[0].map(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]))).toContain('1921133,187349');
    expect(clipConvexOnGrid(s2, 4, c2, 4, out)).toBe(-1);
  });

  it('a crossing far from ties and scanlines is the nearest grid point: triangle (0,0) (1000,0) (0,1003) against x ≤ 400', () => {
    // The hypotenuse crosses x = 400 at y = 1003 · 600 / 1000 = 601.8 → 602.
    const n = clipConvexOnGrid(flat([[0, 0], [1000, 0], [0, 1003]]), 3, flat([[0, 0], [400, 0], [400, 2000], [0, 2000]]), 4, out);
    expect(key(ring(out, n))).toEqual(key([[0, 0], [400, 0], [400, 602], [0, 1003]]));
    const byClipper = intersection([[[0, 0], [10, 0], [0, 10.03]]], [[[0, 0], [4, 0], [4, 20], [0, 20]]]);
    expect(key(byClipper[0].map(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]))).toEqual(key([[0, 0], [400, 0], [400, 602], [0, 1003]]));
  });

  it('the same polygon as clipper on 3,000 random rotated rectangles against random convex quadrilaterals', () => {
    const rnd = mulberry32(7);
    let cut = 0, same = 0, refused = 0;
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
      if (n < 0) { refused++; continue; }
      const byClipper = intersection([quad], [rect]);
      const expected = byClipper.length === 1 ? byClipper[0].map(([x, y]) => [Math.round(x * CLIP_SCALE), Math.round(y * CLIP_SCALE)]) : [];
      if (expected.length) cut++;
      if (JSON.stringify(key(ring(out, n))) === JSON.stringify(key(expected))) same++;
    }
    expect(cut).toBeGreaterThan(300);
    expect(refused).toBeLessThan(150); // 115: crossings near a vertex's scanline, for clipper
    expect(same).toBe(3000 - refused);
  });
});
