// Whether two convex rings on the grid meet, by separating axes: hand cases (apart, touching at a
// corner or along an edge, one inside the other) and, on random small integer hulls where touches
// are common, the answer of edge-by-edge crossing tests plus point-in-polygon.
import { describe, expect, it } from 'vitest';
import { convexRingsMeet } from '../../../src/engine/geo/convexRingsMeet';
import { segmentsMeet } from '../../../src/engine/geo/flatSegments';
import { mulberry32 } from '../../../bench/lib/random';

type Ring = [number, number][];

function meet(a: Ring, b: Ring): boolean {
  const f = Float64Array.from([...a.flat(), ...b.flat()]);
  const ab = convexRingsMeet(f, 0, a.length, 2 * a.length, b.length);
  expect(convexRingsMeet(f, 2 * a.length, b.length, 0, a.length)).toBe(ab); // symmetric
  return ab;
}

/** The second method: some edge of a meets some edge of b, or a vertex of one lies inside the other. */
function meetBySegments(a: Ring, b: Ring): boolean {
  const f = Float64Array.from([...a.flat(), ...b.flat()]);
  const off = 2 * a.length;
  for (let i = 0, pi = a.length - 1; i < a.length; pi = i++) {
    for (let j = 0, pj = b.length - 1; j < b.length; pj = j++) if (segmentsMeet(f, 2 * pi, 2 * i, off + 2 * pj, off + 2 * j)) return true;
  }
  const inside = (r: Ring, [x, y]: [number, number]) => {
    let c = false;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      if ((r[i][1] > y) !== (r[j][1] > y) && x < ((r[j][0] - r[i][0]) * (y - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) c = !c;
    }
    return c;
  };
  return inside(b, a[0]) || inside(a, b[0]);
}

/** Counter-clockwise convex hull of points (monotone chain), collinear points dropped. */
function hull(points: [number, number][]): Ring {
  const p = [...points].sort((u, v) => u[0] - v[0] || u[1] - v[1]);
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (pts: [number, number][]) => {
    const out: [number, number][] = [];
    for (const q of pts) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], q) <= 0) out.pop();
      out.push(q);
    }
    return out.slice(0, -1);
  };
  return [...half(p), ...half([...p].reverse())];
}

const square = (x: number, y: number, s: number): Ring => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

describe('convexRingsMeet', () => {
  it('by hand: apart by one unit, touching at a corner, sharing an edge, overlapping, one inside the other', () => {
    expect(meet(square(0, 0, 10), square(11, 0, 10))).toBe(false);
    expect(meet(square(0, 0, 10), square(10, 10, 10))).toBe(true);
    expect(meet(square(0, 0, 10), square(10, 3, 10))).toBe(true);
    expect(meet(square(0, 0, 10), square(5, 5, 10))).toBe(true);
    expect(meet(square(0, 0, 10), square(3, 3, 2))).toBe(true);
    // A diamond whose corner stops one unit short of the square's edge; then reaches it.
    expect(meet(square(0, 0, 10), [[15, 0], [20, 5], [15, 10], [11, 5]])).toBe(false);
    expect(meet(square(0, 0, 10), [[15, 0], [20, 5], [15, 10], [10, 5]])).toBe(true);
    // Apart across a diagonal gap: only a diagonal edge separates them.
    expect(meet([[0, 0], [10, 0], [0, 10]], [[6, 6], [16, 6], [6, 16]])).toBe(false);
    expect(meet([[0, 0], [10, 0], [0, 10]], [[5, 5], [15, 5], [5, 15]])).toBe(true);
    // A straight vertex (collinear) in a ring changes nothing.
    expect(meet([[0, 0], [5, 0], [10, 0], [10, 10], [0, 10]], square(10, 10, 4))).toBe(true);
    expect(meet([[0, 0], [5, 0], [10, 0], [10, 10], [0, 10]], square(11, 10, 4))).toBe(false);
  });

  it('20,000 pairs of random hulls on a small grid (many touch): the edge-crossing and point-in-polygon answer', () => {
    const rand = mulberry32(77);
    const pt = (cx: number, cy: number): [number, number] => [cx + Math.floor(rand() * 9) - 4, cy + Math.floor(rand() * 9) - 4];
    let met = 0, touching = 0;
    for (let k = 0; k < 20_000; k++) {
      const a = hull(Array.from({ length: 3 + Math.floor(rand() * 6) }, () => pt(0, 0)));
      const b = hull(Array.from({ length: 3 + Math.floor(rand() * 6) }, () => pt(Math.floor(rand() * 11) - 5, Math.floor(rand() * 11) - 5)));
      if (a.length < 3 || b.length < 3) continue;
      const want = meetBySegments(a, b);
      expect(meet(a, b), JSON.stringify([a, b])).toBe(want);
      if (want) met++;
      // Touching: they meet, but moving b one unit away along some axis parts them.
      if (want && [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => !meetBySegments(a, b.map(([x, y]) => [x + dx, y + dy])))) touching++;
    }
    expect(met).toBeGreaterThan(5000);
    expect(met).toBeLessThan(19_000);
    expect(touching).toBeGreaterThan(500);
  });
});
