// Area of a polygon ∩ the union of polygon sources' d-buffers (rectangles, discs and interiors
// by Green's theorem): closed forms by hand, and random non-convex sources and communities with
// holes against a second method (clipper: offset with round joins at the finest arc tolerance,
// union, intersection).
import { describe, expect, it } from 'vitest';
import { areaInBufferUnion, areaInBufferUnionAt, sourcePrimitives } from '../../../src/engine/geo/bufferUnionArea';
import { intersection, offsetPaths, toPaths, fromPaths, union } from '../../../src/engine/geo/clip';
import { ringsArea } from '../../../src/engine/geo/metricRings';
import { toFlat } from '../../../src/engine/geo/flatRing';
import type { MetricRings, XY } from '../../../src/engine/reach/reachProvider';
import { mulberry32, starRing as star } from '../../../bench/lib/random';
import { isCollected } from '../../lib/collected';

const square = (x0: number, y0: number, x1: number, y1: number): XY[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const area = (community: MetricRings, sources: MetricRings[], d: number, origin: [number, number] = [0, 0]) =>
  areaInBufferUnion(community.map(toFlat), sources.map((s) => sourcePrimitives(s.map(toFlat), d)), origin);

describe('areaInBufferUnion: closed forms', () => {
  const park: MetricRings = [square(0, 0, 100, 100)];
  it('a square park next to a square community, d = 300: a 300 m strip', () => {
    // Community [100, 500] × [0, 100]: the points within 300 m of the park are x ≤ 400.
    expect(area([square(100, 0, 500, 100)], [park], 300)).toBeCloseTo(300 * 100, 6);
  });
  it('a community diagonal to the park: a quarter disc around the corner', () => {
    // Community [100, 500] × [100, 400]: distance to the park is the distance to (100, 100).
    expect(area([square(100, 100, 500, 400)], [park], 300)).toBeCloseTo((Math.PI * 300 * 300) / 4, 6);
  });
  it('a community around the park: the park plus its rounded buffer (a + pd + πd²)', () => {
    // Buffer of a 100 m square by d = 50: 100² + 4·100·50 + π·50².
    expect(area([square(-1000, -1000, 1000, 1000)], [park], 50)).toBeCloseTo(10_000 + 20_000 + Math.PI * 2500, 6);
  });
  it('a community inside a large park: all of it; far away: 0', () => {
    expect(area([square(100, 100, 200, 200)], [[square(0, 0, 1000, 1000)]], 10)).toBeCloseTo(10_000, 6);
    expect(area([square(2000, 2000, 2100, 2100)], [park], 300)).toBe(0);
  });
  it('two parks sharing an edge count their union once', () => {
    const a: MetricRings = [square(0, 0, 100, 100)], b: MetricRings = [square(100, 0, 200, 100)];
    // Union 200 × 100, buffered by 50: 200·100 + 2·(200 + 100)·50 + π·50².
    expect(area([square(-1000, -1000, 1000, 1000)], [a, b], 50)).toBeCloseTo(20_000 + 30_000 + Math.PI * 2500, 6);
  });
  it('a park with a hole larger than 2d: the hole’s inner part is not reached', () => {
    const ring: MetricRings = [square(0, 0, 1000, 1000), square(200, 200, 800, 800).reverse()];
    // Reached: everything but the hole shrunk by d = 100 (a 400 m square), within the community [0, 1000]².
    expect(area([square(0, 0, 1000, 1000)], [ring], 100)).toBeCloseTo(1_000_000 - 400 * 400, 6);
  });
});

describe('areaInBufferUnion: a community whose every vertex is within d of one source', () => {
  it('a convex source: the whole community, though no single rectangle or disc holds it', () => {
    // Vertices 40 m beyond the park's sides and corners; the buffer (d = 60) is convex.
    const community: MetricRings = [[[-40, 50], [50, -40], [140, 50], [50, 140]]];
    expect(area(community, [[square(0, 0, 100, 100)]], 60)).toBeCloseTo(2 * 90 * 90, 6);
  });
  it('a non-convex source (a C open to the right): only the strips along its arms', () => {
    // Every vertex of the community [150, 850]² is 50 m from an arm, its centre 400 m from any;
    // with d = 60 the reached part is y ≤ 160, x ≤ 160 or y ≥ 840: 700² − 690 · 680.
    const c: MetricRings = [[[0, 0], [1000, 0], [1000, 100], [100, 100], [100, 900], [1000, 900], [1000, 1000], [0, 1000]]];
    expect(area([square(150, 150, 850, 850)], [c], 60)).toBeCloseTo(700 * 700 - 690 * 680, 6);
  });
});

describe('areaInBufferUnion against clipper offset', () => {
  it('convex sources and communities about as large as their buffers (some wholly inside)', () => {
    const rand = mulberry32(20261202);
    let whole = 0;
    for (let trial = 0; trial < 60; trial++) {
      const cx = (rand() - 0.5) * 20_000, cy = (rand() - 0.5) * 20_000;
      // A convex source: points on a circle at sorted angles, counter-clockwise.
      const rs = 30 + rand() * 120, n = 3 + Math.floor(rand() * 6);
      const angles = Array.from({ length: n }, () => rand() * 2 * Math.PI).sort((a, b) => a - b);
      const source: MetricRings = [angles.map((t): XY => [cx + rs * Math.cos(t), cy + rs * Math.sin(t)])];
      const d = 50 + rand() * 400;
      const community = union([star(rand, cx + (rand() - 0.5) * 100, cy + (rand() - 0.5) * 100, 0.3 * d, (0.6 + 0.6 * rand()) * (d + rs), 4 + Math.floor(rand() * 8))]);
      const expected = ringsArea(intersection(community, union(fromPaths(offsetPaths(toPaths(union(source)), d, 0.0025)))));
      const got = area(community, [union(source)], d, [cx, cy]);
      if (Math.abs(got - ringsArea(community)) < 1e-6) whole++;
      // Clipper rounds the crossings of the community with the buffer to the centimetre grid: up
      // to ½ cm across the community's perimeter (a fine sampling of trial 19 confirms this
      // kernel's 133,107.1 m² against clipper's 133,108.6 m²).
      let perimeter = 0;
      for (const r of community) for (let i = 0; i < r.length; i++) perimeter += Math.hypot(r[(i + 1) % r.length][0] - r[i][0], r[(i + 1) % r.length][1] - r[i][1]);
      expect(got - expected, `trial ${trial}: ${got} vs ${expected}`).toBeLessThan(1 + 0.005 * perimeter + (4 / 3) * (0.0025 / d) * expected);
      expect(got - expected, `trial ${trial}: ${got} vs ${expected}`).toBeGreaterThan(-1 - 0.005 * perimeter);
    }
    expect(whole).toBeGreaterThan(5);
    expect(whole).toBeLessThan(55);
  });

  it('random non-convex sources (some sharing edges) and communities with holes', () => {
    const rand = mulberry32(20261203);
    for (let trial = 0; trial < 80; trial++) {
      const cx = (rand() - 0.5) * 20_000, cy = (rand() - 0.5) * 20_000;
      const community: MetricRings = [star(rand, cx, cy, 150, 400, 5 + Math.floor(rand() * 20))];
      if (trial % 3 === 0) community.push(star(rand, cx, cy, 20, 60, 6).reverse());
      const cleanCommunity = union(community);
      const d = 20 + rand() * 500;
      const sources: MetricRings[] = [];
      const k = 1 + Math.floor(rand() * 6);
      for (let i = 0; i < k; i++) {
        const sx = cx + (rand() - 0.5) * 1400, sy = cy + (rand() - 0.5) * 1400;
        const s: MetricRings = [star(rand, sx, sy, 10, 40 + rand() * 150, 3 + Math.floor(rand() * 10))];
        if (i % 4 === 3) s.push(star(rand, sx, sy, 2, 8, 5).reverse());
        sources.push(union(s));
      }
      if (trial % 4 === 1) {
        // A neighbour sharing one edge of the first source (a parcel next to a parcel).
        const r0 = sources[0][0], a = r0[0], b = r0[1];
        const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
        sources.push(union([[b, a, [mx + (b[1] - a[1]), my - (b[0] - a[0])]]]));
      }
      const buffers: MetricRings = [];
      for (const s of sources) buffers.push(...fromPaths(offsetPaths(toPaths(s), d, 0.0025)));
      const expected = ringsArea(intersection(cleanCommunity, union(buffers)));
      const got = area(cleanCommunity, sources, d, [cx, cy]);
      // Clipper's arcs are inscribed with a 2.5 mm sagitta s: an area deficit of at most
      // (4/3)·s/d of the area reached through arcs, plus the rounding of the offset's vertices to
      // centimetres (± 0.5 cm along a boundary of a few km).
      expect(got - expected, `trial ${trial}: ${got} vs ${expected}`).toBeLessThan(1 + (4 / 3) * (0.0025 / d) * expected);
      expect(got - expected, `trial ${trial}: ${got} vs ${expected}`).toBeGreaterThan(-1);
    }
  });
});

describe('areaInBufferUnionAt: the community read in place from a flat store', () => {
  it('equals areaInBufferUnion on the same rings, bit for bit, with other rings around them', () => {
    const rand = mulberry32(4417);
    for (let trial = 0; trial < 120; trial++) {
      const cx = (rand() - 0.5) * 20_000, cy = (rand() - 0.5) * 20_000;
      const community: MetricRings = [star(rand, cx, cy, 40, 160, 4 + Math.floor(rand() * 16))];
      if (trial % 3 === 0) community.push(star(rand, cx, cy, 5, 25, 5).reverse());
      const clean = union(community);
      // A polygon before and one after in the store, near enough to change the area if read.
      const before = [star(rand, cx + 30, cy, 40, 90, 7)], after = [star(rand, cx - 30, cy, 40, 90, 6)];
      const all = [...before, ...clean, ...after].map(toFlat);
      const starts = [0];
      for (const f of all) starts.push(starts[starts.length - 1] + f.length);
      const xy = new Float64Array(starts[starts.length - 1]);
      all.forEach((f, q) => xy.set(f, starts[q]));
      // Distances from a few metres (partly reached) to beyond the community (wholly reached).
      const d = 5 + rand() * (trial % 4 === 0 ? 600 : 150);
      const prims = [];
      const k = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < k; i++) {
        const sx = cx + (rand() - 0.5) * 500, sy = cy + (rand() - 0.5) * 500;
        const s: MetricRings = [star(rand, sx, sy, 10, 40 + rand() * 150, 3 + Math.floor(rand() * 10))];
        if (i % 3 === 2) s.push(star(rand, sx, sy, 2, 8, 5).reverse());
        prims.push(sourcePrimitives(union(s).map(toFlat), d));
      }
      const origin: [number, number] = [cx + 1, cy - 1];
      const expected = areaInBufferUnion(clean.map(toFlat), prims, origin);
      const got = areaInBufferUnionAt(xy, Uint32Array.from(starts), 1, 1 + clean.length, prims, origin);
      expect(got, `trial ${trial}`).toBe(expected);
    }
  });
});

describe('areaInBufferUnionAt holds nothing of its input', () => {
  it('the store it measured and the sources it used are collected once the caller drops them', async () => {
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    const source = toFlat([[40, 40], [60, 40], [60, 60], [40, 60]]);
    // A community square that the source's 5 m buffer does not hold whole, so the source's interior is used.
    const storeFreed = await isCollected(() => Float64Array.from(square), (xy) => {
      expect(areaInBufferUnionAt(xy, Uint32Array.of(0, 8), 0, 1, [sourcePrimitives([source], 5)], [0, 0])).toBeCloseTo(400 + 4 * 20 * 5 + Math.PI * 25, 6);
    });
    expect(storeFreed).toBe(true);
    const sourceFreed = await isCollected(() => sourcePrimitives([source], 5), (prims) => {
      areaInBufferUnionAt(Float64Array.from(square), Uint32Array.of(0, 8), 0, 1, [prims], [0, 0]);
    });
    expect(sourceFreed).toBe(true);
  });
});
