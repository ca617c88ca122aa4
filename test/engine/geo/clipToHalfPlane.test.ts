import { describe, expect, it } from 'vitest';
import { clipFlatToAxis, clipToHalfPlane } from '../../../src/engine/geo/clipToHalfPlane';

const flat = (ring: [number, number][]) => Float64Array.from(ring.flat());
const area = (pts: [number, number][]) => {
  let a = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) a += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  return a / 2;
};

describe('clipToHalfPlane', () => {
  it('keeps the part of a square right of x = 1 (hand area)', () => {
    const sq: [number, number][] = [[0, 0], [4, 0], [4, 4], [0, 4]];
    const right = clipToHalfPlane(sq, (p) => p[0] >= 1, (a, b) => [1, a[1] + ((b[1] - a[1]) * (1 - a[0])) / (b[0] - a[0])] as [number, number]);
    expect(area(right)).toBeCloseTo(12, 12);
  });
});

describe('clipFlatToAxis', () => {
  it('clips a diamond to the four sides of a box as the hand-computed octagon', () => {
    // Diamond |x| + |y| ≤ 2 cut to the box [−1, 1]²: the whole box minus nothing (corners at |x|+|y| = 2 are on it).
    const diamond = flat([[2, 0], [0, 2], [-2, 0], [0, -2]]);
    const a = new Float64Array(64), b = new Float64Array(64);
    a.set(diamond);
    let n = clipFlatToAxis(a, 4, b, 0, 1, -1);
    n = clipFlatToAxis(b, n, a, 0, -1, 1);
    n = clipFlatToAxis(a, n, b, 1, 1, -1);
    n = clipFlatToAxis(b, n, a, 1, -1, 1);
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i++) pts.push([a[2 * i], a[2 * i + 1]]);
    expect(area(pts)).toBeCloseTo(4, 12);
    // The diamond cut to x ≥ 1 alone: a triangle of base 2 and height 1.
    a.set(diamond);
    const m = clipFlatToAxis(a, 4, b, 0, 1, 1);
    const tri: [number, number][] = [];
    for (let i = 0; i < m; i++) tri.push([b[2 * i], b[2 * i + 1]]);
    expect(area(tri)).toBeCloseTo(1, 12);
    // y ≤ −3 misses it entirely.
    a.set(diamond);
    expect(clipFlatToAxis(a, 4, b, 1, -1, -3)).toBe(0);
  });
});
