// Area of a polygon ∩ a union of equal discs (Green's theorem, true circles): closed-form cases by
// hand, and random non-convex polygons with holes against a second method (clipper intersection
// of the polygon with the union of very fine circle polygons).
import { describe, expect, it } from 'vitest';
import { areaInDiscUnion, areaInDiscUnionAt } from '../../../src/engine/geo/discUnionArea';
import { circleRing } from '../../../src/engine/geo/circle';
import { intersection, union } from '../../../src/engine/geo/clip';
import { ringsArea } from '../../../src/engine/geo/metricRings';
import { toFlat } from '../../../src/engine/geo/flatRing';
import type { MetricRings, XY } from '../../../src/engine/reach/reachProvider';
import { mulberry32, starRing as star } from '../../../bench/lib/random';
import { isCollected } from '../../lib/collected';

const square = (x0: number, y0: number, x1: number, y1: number): XY[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const area = (rings: MetricRings, centers: number[], r: number) => areaInDiscUnion(rings.map(toFlat), centers, r, [0, 0]);
const disc = (r: number) => Math.PI * r * r;

describe('areaInDiscUnion: closed forms', () => {
  const box: MetricRings = [square(-100, -100, 100, 100)];
  it('a disc inside the polygon: πr²', () => {
    expect(area(box, [0, 0], 50)).toBeCloseTo(disc(50), 6);
  });
  it('a disc centred on a corner: a quarter; on an edge: a half', () => {
    expect(area(box, [100, 100], 50)).toBeCloseTo(disc(50) / 4, 6);
    expect(area(box, [100, 0], 50)).toBeCloseTo(disc(50) / 2, 6);
  });
  it('two overlapping discs: 2πr² minus the lens', () => {
    // d = 60, r = 50: lens = 2r²·acos(d/2r) − (d/2)·√(4r² − d²) = 5000·acos(0.6) − 30·80.
    const lens = 5000 * Math.acos(0.6) - 2400;
    expect(area(box, [-30, 0, 30, 0], 50)).toBeCloseTo(2 * disc(50) - lens, 6);
  });
  it('the same disc twice counts once', () => {
    expect(area(box, [0, 0, 0, 0, 0, 0], 50)).toBeCloseTo(disc(50), 6);
  });
  it('a hole inside the disc is not counted', () => {
    const withHole: MetricRings = [square(-100, -100, 100, 100), square(-20, -20, 20, 20).reverse()];
    expect(area(withHole, [0, 0], 50)).toBeCloseTo(disc(50) - 1600, 6);
  });
  it('a disc covering the whole polygon: the polygon area; a disc far away: 0', () => {
    const small: MetricRings = [square(0, 0, 10, 10)];
    expect(area(small, [5, 5], 100)).toBeCloseTo(100, 6);
    expect(area(small, [500, 500], 100)).toBe(0);
  });
  it('two polygons of a multipolygon, each half in the disc', () => {
    const two: MetricRings = [square(-60, -10, -40, 10), square(40, -10, 60, 10)];
    // Disc r = 50 at the origin cuts each square at |x| = √(2500 − y²); area inside = ∫(√(2500−y²) − 40) dy over |y| ≤ 10, twice.
    const F = (y: number) => (y * Math.sqrt(2500 - y * y) + 2500 * Math.asin(y / 50)) / 2;
    const one = F(10) - F(-10) - 40 * 20;
    expect(area(two, [0, 0], 50)).toBeCloseTo(2 * one, 6);
  });
  it('discs that miss the polygon, lie in its hole or hold all of it add nothing of their own', () => {
    // A ring of 200 m with a hole of 100 m: a disc of 20 m in the ring part counts, one in the hole
    // and one far away do not.
    const holed: MetricRings = [square(-100, -100, 100, 100), square(-50, -50, 50, 50).reverse()];
    expect(area(holed, [0, 0, 75, 0, 300, 0], 20)).toBeCloseTo(disc(20), 6);
    // A disc holding the whole 10 m square, and one 140 m away from it.
    expect(area([square(0, 0, 10, 10)], [5, 5, 150, 5], 100)).toBeCloseTo(100, 6);
  });
  it('discs that touch from outside: 2πr²', () => {
    expect(area(box, [-50, 0, 50, 0], 50)).toBeCloseTo(2 * disc(50), 6);
  });
  it('two overlapping discs in every direction, the lens crossing where the sweep starts', () => {
    const lens = 5000 * Math.acos(0.6) - 2400;
    for (let a = 0; a < 2 * Math.PI; a += Math.PI / 16) {
      for (const at of [a, 0.7137093, 0.7137093 + Math.PI]) {
        const got = area([square(-200, -200, 200, 200)], [0, 0, 60 * Math.cos(at), 60 * Math.sin(at)], 50);
        expect(got, `direction ${at}`).toBeCloseTo(2 * disc(50) - lens, 6);
      }
    }
  });
});

describe('areaInDiscUnion: polygon vertices exactly on a circle', () => {
  // Where a vertex lies on the circle, the edges on either side of it must agree on which side it
  // is, or the circle's in/out parity flips and whole arcs are counted or lost.
  const sq: MetricRings = [square(0, 0, 100, 100)];
  it('a 100 m square and a 100 m disc on a corner: the corners next to it lie on the circle; a quarter disc', () => {
    expect(area(sq, [0, 0], 100)).toBeCloseTo(disc(100) / 4, 6);
    expect(area(sq, [100, 100], 100)).toBeCloseTo(disc(100) / 4, 6);
  });
  it('a circle through two corners: the circular segment πr²/4 − r²/2 (a right angle at the centre)', () => {
    const r = Math.SQRT2 * 50;
    expect(area(sq, [50, -50], r)).toBeCloseTo(disc(r) / 4 - (r * r) / 2, 6);
  });
  it('a 3-4-5 triangle: the centre at one corner, the far corner on the circle of radius 5', () => {
    // The triangle (0,0) (3,0) (3,4) lies inside the disc of radius 5 about (0,0): its own area, 6.
    expect(area([[[0, 0], [3, 0], [3, 4]]], [0, 0], 5)).toBeCloseTo(6, 9);
  });
  it('random lattice polygons and centres with Pythagorean radii (many vertices on circles) against clipper', () => {
    const rand = mulberry32(4_5_2026);
    for (let trial = 0; trial < 40; trial++) {
      // A union of random 10 m cells on a 12 × 12 grid.
      const cells: MetricRings = [];
      for (let i = 0; i < 40; i++) {
        const x = 10 * Math.floor(rand() * 12), y = 10 * Math.floor(rand() * 12);
        cells.push(square(x, y, x + 10, y + 10));
      }
      const clean = union(cells);
      const r = [50, 100, 130, 250, 25][trial % 5];
      const k = 1 + Math.floor(rand() * 4);
      const centers: number[] = [];
      for (let i = 0; i < k; i++) centers.push(10 * Math.floor(rand() * 13), 10 * Math.floor(rand() * 13));
      const fine: MetricRings = [];
      for (let i = 0; i < k; i++) fine.push(circleRing([centers[2 * i], centers[2 * i + 1]], r, 1e-6 * r));
      const expected = ringsArea(intersection(clean, union(fine)));
      const got = areaInDiscUnion(clean.map(toFlat), centers, r, [60, 60]);
      expect(Math.abs(got - expected), `trial ${trial}: ${got} vs ${expected}`).toBeLessThan(0.05 + 1e-5 * expected);
    }
  });
});

describe('areaInDiscUnion against clipper with fine circles', () => {
  it('random non-convex polygons with holes and 1–12 discs', () => {
    const rand = mulberry32(20261202);
    for (let trial = 0; trial < 60; trial++) {
      const cx = (rand() - 0.5) * 20_000, cy = (rand() - 0.5) * 20_000;
      const rings: MetricRings = union([star(rand, cx, cy, 150, 400, 5 + Math.floor(rand() * 30))]);
      if (trial % 3 === 0) rings.push(star(rand, cx, cy, 20, 60, 6).reverse());
      const clean = union(rings);
      const r = 50 + rand() * 400;
      const k = 1 + Math.floor(rand() * 12);
      const centers: number[] = [];
      for (let i = 0; i < k; i++) centers.push(cx + (rand() - 0.5) * 900, cy + (rand() - 0.5) * 900);
      const fine: MetricRings = [];
      for (let i = 0; i < k; i++) fine.push(circleRing([centers[2 * i], centers[2 * i + 1]], r, 1e-6 * r));
      const expected = ringsArea(intersection(clean, union(fine)));
      const got = areaInDiscUnion(clean.map(toFlat), centers, r, [cx, cy]);
      // Fine circles (sagitta 1e-6·r: area deficit < 2e-6) and centimetre clipper coordinates.
      expect(Math.abs(got - expected), `trial ${trial}: ${got} vs ${expected}`).toBeLessThan(0.5 + 1e-5 * expected);
    }
  });
});

describe('areaInDiscUnionAt: the rings read in place from a flat store', () => {
  it('equals areaInDiscUnion on the same rings, bit for bit, with other rings around them', () => {
    const rand = mulberry32(7031);
    for (let trial = 0; trial < 120; trial++) {
      const cx = (rand() - 0.5) * 20_000, cy = (rand() - 0.5) * 20_000;
      const rings: MetricRings = [star(rand, cx, cy, 40, 120, 4 + Math.floor(rand() * 16))];
      if (trial % 3 === 0) rings.push(star(rand, cx, cy, 5, 25, 5).reverse());
      // A polygon before and one after in the store, near enough to change the area if read.
      const before = [star(rand, cx + 30, cy, 40, 90, 7)], after = [star(rand, cx - 30, cy, 40, 90, 6)];
      const all = [...before, ...rings, ...after].map(toFlat);
      const starts = [0];
      for (const f of all) starts.push(starts[starts.length - 1] + f.length);
      const xy = new Float64Array(starts[starts.length - 1]);
      all.forEach((f, q) => xy.set(f, starts[q]));
      const r = 10 + rand() * 150, k = 1 + Math.floor(rand() * 8);
      const centers: number[] = [];
      for (let i = 0; i < k; i++) centers.push(cx + (rand() - 0.5) * 300, cy + (rand() - 0.5) * 300);
      centers.push(1e9, 1e9); // past `end`: must not be read
      const origin: [number, number] = [cx + 1, cy - 1];
      const expected = areaInDiscUnion(rings.map(toFlat), centers, r, origin, 2 * k);
      const got = areaInDiscUnionAt(xy, Uint32Array.from(starts), 1, 1 + rings.length, centers, r, origin, 2 * k);
      expect(got, `trial ${trial}`).toBe(expected);
    }
  });
});

describe('areaInDiscUnionAt holds nothing of its input', () => {
  it('the store it measured is collected once the caller drops it (a dataset does not outlive its audit)', async () => {
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    const freed = await isCollected(() => Float64Array.from(square), (xy) => {
      expect(areaInDiscUnionAt(xy, Uint32Array.of(0, 8), 0, 1, [50, 50], 10, [0, 0])).toBeCloseTo(Math.PI * 100, 6);
    });
    expect(freed).toBe(true);
  });
});
