// Union area of convex polygons by inclusion–exclusion: hand-computed cases and clipper's union
// (geo/clip.ts, on a grid 1000× finer than the coordinates, so its rounding is far below the check).
import { describe, expect, it } from 'vitest';
import { convexUnionPieces, convexUnionTwiceArea } from '../../../src/engine/geo/convexUnionArea';
import { union } from '../../../src/engine/geo/clip';
import { ringsArea } from '../../../src/engine/geo/metricRings';
import { mulberry32 } from '../../../bench/lib/random';
import type { XY } from '../../../src/engine/reach/reachProvider';

function packed(rings: XY[][]): { xy: Float64Array; start: number[] } {
  const start = [0];
  const xy: number[] = [];
  for (const r of rings) { for (const [x, y] of r) xy.push(x, y); start.push(xy.length); }
  return { xy: Float64Array.from(xy), start };
}
const area = (rings: XY[][]) => { const p = packed(rings); return convexUnionTwiceArea(p.xy, p.start, rings.length, 0, 0) / 2; };
const sq = (x: number, y: number, s: number): XY[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
/** A w × h rectangle about (cx, cy) turned by t, counter-clockwise. */
const rotatedRect = (cx: number, cy: number, w: number, h: number, t: number): XY[] => {
  const c = Math.cos(t), s = Math.sin(t);
  return [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([u, v]) => [cx + u * c - v * s, cy + u * s + v * c] as XY);
};

describe('convexUnionTwiceArea', () => {
  it('by hand: apart 200, overlapping by a quarter 175, three in a row 200, three on one spot 100, touching 200', () => {
    expect(area([sq(0, 0, 10), sq(20, 0, 10)])).toBe(200);
    expect(area([sq(0, 0, 10), sq(5, 5, 10)])).toBe(175);
    expect(area([sq(0, 0, 10), sq(5, 0, 10), sq(10, 0, 10)])).toBe(200);
    expect(area([sq(0, 0, 10), sq(0, 0, 10), sq(0, 0, 10)])).toBe(100);
    expect(area([sq(0, 0, 10), sq(10, 0, 10)])).toBe(200);
    // A triangle over a square's corner: the square 100 + the triangle 50 − their overlap (the square 5..10) 25.
    expect(area([sq(0, 0, 10), [[5, 5], [15, 5], [5, 15]]])).toBe(125);
  });

  it('the area of clipper\'s union on 300 random sets of 2–6 overlapping rotated rectangles', () => {
    const rnd = mulberry32(11);
    for (let k = 0; k < 300; k++) {
      const m = 2 + Math.floor(rnd() * 5);
      const rings: XY[][] = [];
      for (let q = 0; q < m; q++) {
        const cx = rnd() * 60, cy = rnd() * 60, w = 15 + rnd() * 45, h = 10 + rnd() * 15, t = rnd() * Math.PI;
        rings.push(rotatedRect(cx, cy, w, h, t));
      }
      // Clipper at 1000× scale: coordinates × 1000, area ÷ 1e6 (its grid is then 1e-5 of a unit).
      const byClipper = ringsArea(union(rings.map((r) => r.map(([x, y]) => [x * 1000, y * 1000] as XY)))) / 1e6;
      expect(Math.abs(area(rings) - byClipper)).toBeLessThan(1e-3);
    }
  });

  it('the area of clipper\'s union on 300 random sets of 2–6 convex polygons of 3–7 vertices, away from the origin, measured from a point near them', () => {
    // Clipping polygons with an odd and an even number of edges, and rings stored after other data
    // (start[0] > 0), measured from (ox, oy) far from (0, 0).
    const rnd = mulberry32(23);
    const ox = 4e5, oy = 3e6;
    for (let k = 0; k < 300; k++) {
      const m = 2 + Math.floor(rnd() * 5);
      const rings: XY[][] = [];
      for (let q = 0; q < m; q++) {
        const cx = ox + rnd() * 40, cy = oy + rnd() * 40, r = 8 + rnd() * 20, t = rnd() * Math.PI, sides = 3 + Math.floor(rnd() * 5);
        rings.push(Array.from({ length: sides }, (_, v) => [cx + r * Math.cos(t + (2 * Math.PI * v) / sides), cy + r * Math.sin(t + (2 * Math.PI * v) / sides)] as XY));
      }
      const p = packed(rings);
      const pad = 6;
      const xy = new Float64Array(pad + p.xy.length).fill(-1e9);
      xy.set(p.xy, pad);
      const ours = convexUnionTwiceArea(xy, p.start.map((v) => v + pad), m, ox, oy) / 2;
      // Clipper at 1000× scale around the origin point: area ÷ 1e6.
      const byClipper = ringsArea(union(rings.map((r) => r.map(([x, y]) => [(x - ox) * 1000, (y - oy) * 1000] as XY)))) / 1e6;
      expect(Math.abs(ours - byClipper)).toBeLessThan(1e-3);
    }
  });

  it('by hand, measured from a point: a triangle over a square\'s corner, and a triangle inside a pentagon', () => {
    // The square 0..10 and the triangle (5,5), (15,5), (5,15) from (100, 200): 125 as above, the
    // triangle clipped by the square's four edges; then the pentagon (0,0), (10,0), (12,6), (5,10),
    // (-2,6) with the triangle (4,2), (6,2), (5,4) inside: the pentagon's area alone,
    // 10·6/2 + … by the shoelace: 2A = 0·0−10·0 + 10·6−12·0 + 12·10−5·6 + 5·6−(−2)·10 + (−2)·0−0·6 = 60 + 90 + 50 = 200.
    const at = (r: XY[], dx: number, dy: number) => r.map(([x, y]) => [x + dx, y + dy] as XY);
    const twice = (rings: XY[][], ox: number, oy: number) => { const p = packed(rings); return convexUnionTwiceArea(p.xy, p.start, rings.length, ox, oy); };
    expect(twice([at(sq(0, 0, 10), 100, 200), at([[5, 5], [15, 5], [5, 15]], 100, 200)], 100, 200)).toBe(250);
    const pentagon: XY[] = [[0, 0], [10, 0], [12, 6], [5, 10], [-2, 6]];
    expect(twice([pentagon, [[4, 2], [6, 2], [5, 4]]], 0, 0)).toBe(200);
    expect(twice([[[4, 2], [6, 2], [5, 4]], pentagon], 0, 0)).toBe(200);
  });

  it('bit for bit the sums of a recursive inclusion–exclusion written here, on 300 random sets of 3–9 polygons piled up to 6 deep', () => {
    // The same Sutherland–Hodgman clip and shoelace, the polygons swept by their boxes' minX (ties
    // in input order), each intersection's own sum added right after its area: the order of every
    // floating addition is the recursion's, so the totals must be identical, not merely close.
    type R = number[][];
    const twice = (r: R) => { let a = 0; for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]); return a; };
    const box = (r: R) => [Math.min(...r.map((v) => v[0])), Math.min(...r.map((v) => v[1])), Math.max(...r.map((v) => v[0])), Math.max(...r.map((v) => v[1]))];
    const clipTo = (subject: R, by: R): R => {
      let cur = subject;
      for (let e = 0; e < by.length && cur.length >= 3; e++) {
        const [ax, ay] = by[e], [bx, by1] = by[(e + 1) % by.length], ex = bx - ax, ey = by1 - ay;
        const out: R = [];
        let [px, py] = cur[cur.length - 1];
        let ps = ex * (py - ay) - ey * (px - ax);
        for (const [x, y] of cur) {
          const s = ex * (y - ay) - ey * (x - ax);
          if ((s >= 0) !== (ps >= 0)) { const t = ps / (ps - s); out.push([px + t * (x - px), py + t * (y - py)]); }
          if (s >= 0) out.push([x, y]);
          px = x; py = y; ps = s;
        }
        cur = out;
      }
      return cur;
    };
    let deepest = 0;
    const reference = (rings: XY[][], ox: number, oy: number): number => {
      const rel: R[] = rings.map((r) => r.map(([x, y]) => [x - ox, y - oy]));
      const boxes = rel.map(box);
      const sweep = rel.map((_, i) => i).sort((a, b) => boxes[a][0] - boxes[b][0] || a - b);
      const walk = (ring: R, last: number, sign: number, depth: number): number => {
        deepest = Math.max(deepest, depth);
        const [x0, y0, x1, y1] = box(ring);
        let sum = 0;
        for (let q = last + 1; q < sweep.length; q++) {
          const b = boxes[sweep[q]];
          if (b[0] > x1) break;
          if (b[2] < x0 || b[1] > y1 || b[3] < y0) continue;
          const cut = clipTo(ring, rel[sweep[q]]);
          if (cut.length < 3) continue;
          const a = twice(cut);
          if (!(a > 0)) continue;
          sum += sign * a;
          sum += walk(cut, q, -sign, depth + 1);
        }
        return sum;
      };
      let total = 0;
      for (let q = 0; q < sweep.length; q++) { total += twice(rel[sweep[q]]); total += walk(rel[sweep[q]], q, -1, 0); }
      return total;
    };
    const rnd = mulberry32(31);
    const ox = 2.5e5, oy = 1.7e6;
    for (let k = 0; k < 300; k++) {
      const m = 3 + Math.floor(rnd() * 7);
      const rings: XY[][] = [];
      for (let q = 0; q < m; q++) {
        const cx = ox + rnd() * 25, cy = oy + rnd() * 25, r = 6 + rnd() * 14, t = rnd() * Math.PI, sides = 3 + Math.floor(rnd() * 4);
        rings.push(Array.from({ length: sides }, (_, v) => [cx + r * Math.cos(t + (2 * Math.PI * v) / sides), cy + r * Math.sin(t + (2 * Math.PI * v) / sides)] as XY));
      }
      const p = packed(rings);
      const ours = convexUnionTwiceArea(p.xy, p.start, m, ox, oy);
      const expected = reference(rings, ox, oy);
      if (Number.isNaN(ours)) continue; // past the budget: the reference has no budget
      expect(Object.is(ours, expected), `set ${k}: ${ours} vs ${expected}`).toBe(true);
    }
    expect(deepest).toBeGreaterThanOrEqual(5);
  });

  it('gives up (NaN) when too many polygons overlap each other', () => {
    const rings = Array.from({ length: 16 }, (_, i) => sq(i * 0.01, 0, 10));
    expect(Number.isNaN(area(rings))).toBe(true);
  });
});

describe('convexUnionPieces: the intersections inclusion–exclusion adds and takes away', () => {
  /** Every intersection given, as [sign, twice its area, its ring measured from the origin given]. */
  const pieces = (rings: XY[][], ox = 0, oy = 0) => {
    const p = packed(rings);
    const out: [number, number, XY[]][] = [];
    const twice = convexUnionPieces(p.xy, p.start, rings.length, ox, oy, (ring, count, sign) => {
      const r = Array.from({ length: count }, (_, v) => [ring[2 * v], ring[2 * v + 1]] as XY);
      out.push([sign, 2 * ringsArea([r]), r]);
    });
    return { twice, out };
  };

  it('by hand: apart, none; two overlapping by a quarter, −25; three on one spot, three pairs −100 and the triple +100', () => {
    expect(pieces([sq(0, 0, 10), sq(20, 0, 10)]).out).toEqual([]);
    const two = pieces([sq(0, 0, 10), sq(5, 5, 10)]);
    expect(two.twice).toBe(350);
    expect(two.out.map(([s, a]) => [s, a])).toEqual([[-1, 50]]);
    expect(Math.min(...two.out[0][2].map((q) => q[0]))).toBe(5); // the square 5..10 × 5..10
    expect(Math.max(...two.out[0][2].map((q) => q[1]))).toBe(10);
    const three = pieces([sq(0, 0, 10), sq(0, 0, 10), sq(0, 0, 10)]);
    expect(three.out.map(([s, a]) => [s, a]).sort()).toEqual([[-1, 200], [-1, 200], [-1, 200], [1, 200]].sort());
  });

  it('touching along an edge: no intersection given (it has no area)', () => {
    expect(pieces([sq(0, 0, 10), sq(10, 0, 10)]).out).toEqual([]);
  });

  it('measured from the origin given, and summing to the union: 300 random sets against clipper\'s union at a 1000× finer grid', () => {
    const rnd = mulberry32(41);
    const ox = 5e5, oy = 2.5e6;
    for (let k = 0; k < 300; k++) {
      const m = 2 + Math.floor(rnd() * 5);
      const rings: XY[][] = [];
      for (let q = 0; q < m; q++) {
        const cx = ox + rnd() * 40, cy = oy + rnd() * 40, w = 15 + rnd() * 30, h = 10 + rnd() * 15, t = rnd() * Math.PI;
        rings.push(rotatedRect(cx, cy, w, h, t));
      }
      const { twice, out } = pieces(rings, ox, oy);
      const parts = rings.reduce((t, r) => t + 2 * ringsArea([r]), 0);
      // Σ parts + Σ sign × intersections is the union's area ...
      expect(Math.abs(parts + out.reduce((t, [s, a]) => t + s * a, 0) - twice)).toBeLessThan(1e-6);
      const byClipper = ringsArea(union(rings.map((r) => r.map(([x, y]) => [(x - ox) * 1000, (y - oy) * 1000] as XY)))) / 1e6;
      expect(Math.abs(twice / 2 - byClipper)).toBeLessThan(1e-3);
      // ... and every intersection lies inside each of two parts at least (measured from the origin).
      for (const [, , r] of out) {
        const inside = rings.filter((ring) => r.every(([x, y]) => ring.every((a, i) => {
          const b = ring[(i + 1) % ring.length];
          return (b[0] - a[0]) * (y + oy - a[1]) - (b[1] - a[1]) * (x + ox - a[0]) >= -1e-6;
        })));
        expect(inside.length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
