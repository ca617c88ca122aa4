import { describe, expect, it } from 'vitest';
import { difference, intersection, union } from '../../../src/engine/geo/clip';
import { circleRing, circleSegments } from '../../../src/engine/geo/circle';
import { bufferRings } from '../../../src/engine/geo/buffer';
import { clipRingToRect } from '../../../src/engine/geo/clipToRect';
import { areaWithinConvexUnion, clipRingConvex, isConvexCCW, pruneContained } from '../../../src/engine/geo/convexClip';
import { flatArea, isConvexFlat, pruneContainedFlat, toFlat } from '../../../src/engine/geo/flatRing';
import { distanceToRings, pointInRings } from '../../../src/engine/geo/pointInPolygon';
import { groupRings, metricToMultiPolygon, multiPolygonToMetric, ringArea, ringsArea } from '../../../src/engine/geo/metricRings';
import { createLocalProjection } from '../../../src/engine/geo/localProjection';
import type { MetricRings, XY } from '../../../src/engine/reach/reachProvider';
import { ll, rect } from '../helpers';

const sq = (x0: number, y0: number, s: number): XY[] => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]];

describe('polygon booleans (clipper, centimetre grid)', () => {
  // Two 100 m squares overlapping in a 50 × 100 strip: union 15,000, intersection 5,000, difference 5,000.
  const A: MetricRings = [sq(0, 0, 100)];
  const B: MetricRings = [sq(50, 0, 100)];
  it('union / intersection / difference areas', () => {
    expect(ringsArea(union([...A, ...B]))).toBeCloseTo(15000, 6);
    expect(ringsArea(intersection(A, B))).toBeCloseTo(5000, 6);
    expect(ringsArea(difference(A, B))).toBeCloseTo(5000, 6);
  });
  it('keeps holes (outer CCW, hole CW)', () => {
    const withHole: MetricRings = [sq(0, 0, 100), sq(25, 25, 50).reverse()];
    const u = union(withHole);
    expect(ringsArea(u)).toBeCloseTo(10000 - 2500, 6);
    expect(u.filter((r) => ringArea(r) > 0)).toHaveLength(1);
    expect(u.filter((r) => ringArea(r) < 0)).toHaveLength(1);
  });
  it('works with coordinates far from zero but inside the fast range (±470 km)', () => {
    const far: MetricRings = [sq(400000, -400000, 100)];
    expect(ringsArea(intersection(far, [sq(400050, -400000, 100)]))).toBeCloseTo(5000, 6);
  });
});

describe('circles', () => {
  it.each([10, 300, 1000, 5000])('area deficit < 0.1 %% at r = %d m', (r) => {
    const area = ringArea(circleRing([0, 0], r));
    const exact = Math.PI * r * r;
    expect(area).toBeLessThan(exact);
    expect((exact - area) / exact).toBeLessThan(0.001);
  });
  it('sagitta stays within the tolerance', () => {
    // s = r(1 − cos(π/n)) ≤ min(0.5, 7e-4 r)
    for (const r of [50, 300, 1000, 3000]) {
      const n = circleSegments(r);
      expect(r * (1 - Math.cos(Math.PI / n))).toBeLessThanOrEqual(Math.min(0.5, 7e-4 * r) + 1e-12);
    }
  });
});

describe('buffer', () => {
  it('square buffered by d: s² + 4sd + πd² (round corners), within 0.1 %', () => {
    const s = 100, d = 300;
    const exact = s * s + 4 * s * d + Math.PI * d * d;
    const area = ringsArea(bufferRings([sq(0, 0, s)], d));
    expect(Math.abs(area - exact) / exact).toBeLessThan(0.001);
    expect(area).toBeLessThanOrEqual(exact + 1);
  });
});

describe('point in polygon', () => {
  const rings: MetricRings = [sq(0, 0, 100), sq(25, 25, 50).reverse()];
  it('boundary counts as inside, holes are outside', () => {
    expect(pointInRings([10, 10], rings)).toBe(1);
    expect(pointInRings([0, 50], rings)).toBe(0);
    expect(pointInRings([100, 100], rings)).toBe(0);
    expect(pointInRings([50, 50], rings)).toBe(-1);
    expect(pointInRings([25, 50], rings)).toBe(0);
    expect(pointInRings([150, 50], rings)).toBe(-1);
  });
  it('distance to rings: 0 inside, edge distance outside (incl. inside a hole)', () => {
    expect(distanceToRings([10, 10], rings)).toBe(0);
    expect(distanceToRings([103, 104], rings)).toBeCloseTo(5, 9);
    expect(distanceToRings([50, 50], rings)).toBeCloseTo(25, 9);
  });
});

describe('clipRingToRect', () => {
  it('cuts a square to the window (area by hand) and keeps orientation', () => {
    const r = clipRingToRect(sq(0, 0, 100), [50, -10, 200, 30]);
    expect(ringArea(r)).toBeCloseTo(50 * 30, 9);
    expect(clipRingToRect(sq(0, 0, 100), [200, 200, 300, 300])).toEqual([]);
  });
});

describe('lon/lat ↔ metric rings', () => {
  const proj = createLocalProjection([114, 23]);
  it('normalises orientation and reports problems', () => {
    // A clockwise outer ring with a counter-clockwise hole: normalised to outer CCW, hole CW.
    const outer = rect(-300, -300, 300, 300).slice().reverse();
    const hole = rect(-100, -100, 100, 100);
    const { rings, problems } = multiPolygonToMetric([[outer, hole]], proj);
    expect(problems).toEqual([]);
    expect(ringsArea(rings)).toBeCloseTo(360000 - 40000, -1);
    expect(rings.filter((r) => ringArea(r) > 0)).toHaveLength(1);
    expect(multiPolygonToMetric([[[ll(0, 0), ll(1, 0), ll(0, 0)]]], proj).problems[0]).toMatch(/fewer than 3/);
    expect(multiPolygonToMetric([[[[NaN, 1], [2, 3], [3, 4], [NaN, 1]]]], proj).problems[0]).toMatch(/non-numeric/);
  });
  it('a simple single ring skips the union but comes out exactly as the union returns it', () => {
    // Random simple rings (stars) and rings the union must clean (a bow tie, a repeated and a
    // collinear vertex): the result is the union's ring, vertex for vertex up to the first.
    const p = createLocalProjection([114, 23]);
    const cyclicEqual = (a: XY[], b: XY[]) => a.length === b.length && a.some((_, s) => a.every((v, i) => v[0] === b[(i + s) % b.length][0] && v[1] === b[(i + s) % b.length][1]));
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const cases: [number, number][][] = [];
    for (let t = 0; t < 40; t++) {
      const n = 3 + Math.floor(rand() * 20), ring: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * (i + 0.2 + 0.6 * rand())) / n, r = 20 + 300 * rand();
        ring.push([114 + (r * Math.cos(a)) / 102_000, 23 + (r * Math.sin(a)) / 110_000]);
      }
      cases.push(ring);
    }
    cases.push([[114, 23], [114.001, 23.001], [114.001, 23], [114, 23.001]]); // bow tie
    cases.push([[114, 23], [114.001, 23], [114.002, 23], [114.002, 23.001]]); // collinear vertex
    for (const ring of cases) {
      const closed = [...ring, ring[0]];
      const got = multiPolygonToMetric([[closed]], p).rings;
      const raw = [closed.slice(0, -1).map((q) => p.forward(q))];
      if (ringArea(raw[0]) < 0) raw[0].reverse();
      const expected = union(raw);
      expect(got.length).toBe(expected.length);
      for (let i = 0; i < got.length; i++) expect(cyclicEqual(got[i], expected[i]), JSON.stringify(ring)).toBe(true);
    }
  });
  it('groups holes into their outer ring and converts back to closed lon/lat rings', () => {
    const rings: MetricRings = [sq(0, 0, 100), sq(25, 25, 50).reverse(), sq(500, 0, 10)];
    const grouped = groupRings(rings);
    expect(grouped.map((p) => p.length).sort()).toEqual([1, 2]);
    const mp = metricToMultiPolygon(rings, proj);
    expect(mp).toHaveLength(2);
    for (const poly of mp) for (const r of poly) expect(r[0]).toEqual(r[r.length - 1]);
  });
});

describe('convex clipping and inclusion–exclusion', () => {
  it('area of a square within a union of two overlapping squares (by hand)', () => {
    // Subject 0..100²; pieces 50..150 × 0..100 and 0..100 × 60..160: 5000 + 4000 − 2000 = 7000.
    expect(areaWithinConvexUnion([sq(0, 0, 100)], [sq(50, 0, 100), sq(0, 60, 100)])).toBeCloseTo(7000, 6);
  });
  it('holes count negative; agrees with clipper on circles', () => {
    const subject: MetricRings = [sq(0, 0, 100), sq(25, 25, 50).reverse()];
    const pieces = [circleRing([0, 0], 80), circleRing([100, 30], 60), circleRing([60, 100], 50)];
    const viaClipper = ringsArea(intersection(subject, pieces));
    expect(areaWithinConvexUnion(subject, pieces)).toBeCloseTo(viaClipper, 0);
  });
  it('clipRingConvex clips a non-convex subject correctly', () => {
    // L-shape (area 7500) ∩ right half (x ≥ 50): 50 × 100 − 50 × 50 = 2500.
    const L: XY[] = [[0, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100]];
    expect(ringArea(clipRingConvex(L, sq(50, -10, 120)))).toBeCloseTo(2500, 9);
  });
  it('isConvexCCW refuses clockwise, reflex, bridged and doubly wound rings', () => {
    expect(isConvexCCW(sq(0, 0, 10))).toBe(true);
    expect(isConvexCCW(sq(0, 0, 10).reverse())).toBe(false);
    expect(isConvexCCW([[0, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100]])).toBe(false);
    // Two lobes joined by a zero-width bridge along y = 0.
    expect(isConvexCCW([[0, 0], [10, 0], [10, 10], [10, 0], [20, 0], [20, 10], [0, 10]])).toBe(false);
    const star: XY[] = [0, 2, 4, 1, 3].map((k) => [Math.cos((2 * Math.PI * k) / 5), Math.sin((2 * Math.PI * k) / 5)]);
    expect(isConvexCCW(star)).toBe(false);
  });
});

describe('flat ring helpers agree with the XY versions', () => {
  it('convexity, containment pruning', () => {
    const rings: XY[][] = [sq(0, 0, 10), sq(0, 0, 10).reverse(), [[0, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100]], circleRing([5, 5], 30)];
    for (const r of rings) expect(isConvexFlat(toFlat(r))).toBe(isConvexCCW(r));
    // Small square inside the big one is dropped; the disjoint one stays.
    const kept = pruneContainedFlat([toFlat(sq(2, 2, 3)), toFlat(sq(0, 0, 10)), toFlat(sq(20, 0, 5))]);
    expect(kept.map((f) => flatArea(f)).sort((a, b) => a - b)).toEqual([25, 100]);
    expect(pruneContained([sq(2, 2, 3), sq(0, 0, 10), sq(20, 0, 5)]).map(ringArea).sort((a, b) => a - b)).toEqual([25, 100]);
  });
});
