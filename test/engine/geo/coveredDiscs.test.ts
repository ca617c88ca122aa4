// Dropping covered discs leaves the union's area inside a polygon unchanged (compared with the
// exact disc-union area over all discs, the second method), and drops most of a dense cloud.
import { describe, expect, it } from 'vitest';
import { keptDiscs } from '../../../src/engine/geo/coveredDiscs';
import { areaInDiscUnion } from '../../../src/engine/geo/discUnionArea';

function cloud(n: number, seed: number, span: number): number[] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(-span + rnd() * 2 * span, -span + rnd() * 2 * span);
  return out;
}

// A concave community (an L of 1,200 m × 1,200 m with a 600 m notch), counter-clockwise.
const L = new Float64Array([0, 0, 1200, 0, 1200, 600, 600, 600, 600, 1200, 0, 1200]);
const WINDOW: [number, number, number, number] = [0, 0, 1200, 1200];

describe('keptDiscs', () => {
  for (const [n, r] of [[400, 300], [2000, 300], [300, 100], [60, 500]] as const) {
    it(`${n} discs of ${r} m around a concave community: same area, fewer discs`, () => {
      const c = cloud(n, 11 + n, 1600).map((v) => v + 600);
      const all = areaInDiscUnion([L], c, r, [600, 600]);
      const kept = keptDiscs(c, r, WINDOW);
      const pruned = areaInDiscUnion([L], kept, r, [600, 600]);
      expect(Math.abs(pruned - all)).toBeLessThan(1e-6 * all);
      if (n >= 400) expect(kept.length / 2).toBeLessThan(n / 4);
    });
  }

  it('a ring of discs around an uncovered hole keeps the disc that fills the hole', () => {
    // Eight discs of 100 m on a circle of radius 150 m leave the centre uncovered; a ninth disc at the
    // centre fills it, so it must stay although its whole circle lies inside the ring.
    const ring: number[] = [];
    for (let i = 0; i < 8; i++) ring.push(600 + 150 * Math.cos((i * Math.PI) / 4), 600 + 150 * Math.sin((i * Math.PI) / 4));
    const c = [...ring, 600, 600];
    expect(areaInDiscUnion([L], c, 100, [600, 600])).toBeGreaterThan(areaInDiscUnion([L], ring, 100, [600, 600]));
    expect(keptDiscs(c, 100, WINDOW)).toEqual(expect.arrayContaining([600, 600]));
  });

  it('discs wholly outside the window are dropped; the same disc twice is kept once', () => {
    expect(keptDiscs([5000, 5000, 100, 100, 100, 100], 50, WINDOW)).toEqual([100, 100]);
  });
});
