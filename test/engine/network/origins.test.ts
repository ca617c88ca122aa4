import { describe, expect, it } from 'vitest';
import { distanceToPolygon, withinPolygon } from '../../../src/engine/network/origins';
import type { BBox, MetricRings } from '../../../src/engine/reach/reachProvider';

// A 10 × 10 square with a 4 × 4 hole in its middle ([3, 7]²), outer CCW, hole CW.
const rings: MetricRings = [
  [[0, 0], [10, 0], [10, 10], [0, 10]],
  [[3, 3], [3, 7], [7, 7], [7, 3]],
];
const box: BBox = [0, 0, 10, 10];

describe('distanceToPolygon and withinPolygon', () => {
  it('hand distances: inside, in the hole, beside an edge, off a corner', () => {
    expect(distanceToPolygon(1, 1, rings)).toBe(0);
    // Centre of the hole: 2 m to each of its sides.
    expect(distanceToPolygon(5, 5, rings)).toBeCloseTo(2, 12);
    expect(distanceToPolygon(13, 5, rings)).toBeCloseTo(3, 12);
    // Off the corner (0, 0) by (−3, −4): 5 m.
    expect(distanceToPolygon(-3, -4, rings)).toBeCloseTo(5, 12);
  });

  it('withinPolygon(x, y, r) is distanceToPolygon ≤ r, also off the box and in the hole', () => {
    expect(withinPolygon(1, 1, rings, box, 0)).toBe(true);
    expect(withinPolygon(5, 5, rings, box, 2)).toBe(true);
    expect(withinPolygon(5, 5, rings, box, 1.99)).toBe(false);
    expect(withinPolygon(13, 5, rings, box, 3)).toBe(true);
    expect(withinPolygon(13, 5, rings, box, 2.99)).toBe(false);
    expect(withinPolygon(-3, -4, rings, box, 5)).toBe(true);
    expect(withinPolygon(-3, -4, rings, box, 4.99)).toBe(false);
    expect(withinPolygon(500, 500, rings, box, 100)).toBe(false);
    // Against the exact distance on a grid of points and radii.
    for (let x = -4; x <= 14; x += 0.7)
      for (let y = -4; y <= 14; y += 0.9)
        for (const r of [0, 0.5, 1.3, 2.2, 4]) expect(withinPolygon(x, y, rings, box, r)).toBe(distanceToPolygon(x, y, rings) <= r);
  });
});
