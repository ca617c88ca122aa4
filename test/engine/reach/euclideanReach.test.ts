import { describe, expect, it } from 'vitest';
import { createEuclideanReach } from '../../../src/engine/reach/euclideanReach';
import type { MetricRings, PreparedCommunity, ReachSource, XY } from '../../../src/engine/reach/reachProvider';
import { ringArea, ringsArea, ringsBBox } from '../../../src/engine/geo/metricRings';
import { mulberry32 } from '../../../bench/lib/random';

const sq = (x0: number, y0: number, s: number): XY[] => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]];
const prepared = (rings: MetricRings, index = 0): PreparedCommunity => ({ index, id: `C${index}`, rings, area_m2: ringsArea(rings), bbox: ringsBBox(rings) });
const pt = (x: number, y: number, id = `${x},${y}`): ReachSource => ({ kind: 'point', id, xy: [x, y] });

// Deterministic PRNG (mulberry32) so failures reproduce.
const rng = mulberry32;

// Independent second method: crossing-number point-in-polygon and point-segment distance written
// here, not taken from the engine.
function inside(p: XY, rings: MetricRings): boolean {
  let c = false;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) c = !c;
  }
  return c;
}
function segDist(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
function polyDist(p: XY, rings: MetricRings): number {
  if (inside(p, rings)) return 0;
  let d = Infinity;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) d = Math.min(d, segDist(p, r[j], r[i]));
  return d;
}

describe('euclideanReach', () => {
  const reach = createEuclideanReach();

  it('no source → nothing reached', () => {
    expect(reach.reachedPart(prepared([sq(0, 0, 100)]), [], 300)).toEqual([]);
  });

  it('a circle holding every vertex → the whole community (fast exit)', () => {
    const c = prepared([sq(0, 0, 100)]);
    const before = reach.stats.whole;
    // Farthest corner from (50, 50) is 70.7 m away.
    expect(ringsArea(reach.reachedPart(c, [pt(50, 50)], 71))).toBeCloseTo(10000, 6);
    expect(reach.stats.whole).toBe(before + 1);
  });

  it('square half covered by a circle on an edge midpoint: π r²/2', () => {
    // 800 m square, r = 300 m at (400, 0): half disk inside → π·300²/2 = 141,371.7 m². The area is
    // measured on the true disc; the drawn part is an inscribed polygon, ≤ 0.1 % less.
    const c = prepared([sq(0, 0, 800)]);
    const area = reach.reachedArea(c, [pt(400, 0)], 300);
    const exact = (Math.PI * 300 * 300) / 2;
    expect(Math.abs(area - exact)).toBeLessThan(1e-6 * exact);
    const drawn = ringsArea(reach.reachedPart(c, [pt(400, 0)], 300));
    expect(drawn).toBeLessThanOrEqual(exact);
    expect((exact - drawn) / exact).toBeLessThan(0.001);
  });

  it('union of overlapping circles is counted once', () => {
    // Two circles r = 100 at (300, 400) and (400, 400), both wholly inside the 800 m square:
    // lens overlap 2r²acos(s/2r) − (s/2)√(4r² − s²), s = 100 → union = 2πr² − lens.
    const r = 100, s = 100;
    const lens = 2 * r * r * Math.acos(s / (2 * r)) - (s / 2) * Math.sqrt(4 * r * r - s * s);
    const exact = 2 * Math.PI * r * r - lens;
    const area = reach.reachedArea(prepared([sq(0, 0, 800)]), [pt(300, 400), pt(400, 400)], r);
    expect(Math.abs(area - exact) / exact).toBeLessThan(0.001);
  });

  it('polygon source inside the community: buffer area s² + 4sd + πd², exactly (true round joins)', () => {
    const src: ReachSource = { kind: 'polygon', id: 'G', rings: [sq(350, 350, 100)], bbox: [350, 350, 450, 450] };
    const exact = 100 * 100 + 4 * 100 * 200 + Math.PI * 200 * 200;
    const area = reach.reachedArea(prepared([sq(0, 0, 800)]), [src], 200);
    expect(Math.abs(area - exact) / exact).toBeLessThan(1e-9);
  });

  it('community inside a polygon source → whole (fast exit)', () => {
    const src: ReachSource = { kind: 'polygon', id: 'G', rings: [sq(-10, -10, 200)], bbox: [-10, -10, 190, 190] };
    const before = reach.stats.whole;
    expect(reach.reachedArea(prepared([sq(0, 0, 100)]), [src], 300)).toBeCloseTo(10000, 6);
    expect(reach.stats.whole).toBe(before + 1);
  });

  it('agrees with a Monte-Carlo point sample on random communities and sources (second method)', () => {
    const rand = rng(20251123);
    const N = 6000;
    for (let trial = 0; trial < 12; trial++) {
      // Star-shaped community: 5–12 vertices at random radii around a random centre.
      const k = 5 + Math.floor(rand() * 8);
      const cx = (rand() - 0.5) * 400, cy = (rand() - 0.5) * 400;
      const angles = Array.from({ length: k }, () => rand() * 2 * Math.PI).sort((a, b) => a - b);
      const ring: XY[] = angles.map((a) => { const r = 100 + rand() * 300; return [cx + r * Math.cos(a), cy + r * Math.sin(a)]; });
      if (ringArea(ring) < 0) ring.reverse();
      const c = prepared([ring], trial);
      const d = [150, 300, 500][trial % 3];
      const points: XY[] = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => [cx + (rand() - 0.5) * 1200, cy + (rand() - 0.5) * 1200]);
      const polys: MetricRings[] = trial % 2 ? [[sq(cx + (rand() - 0.5) * 800, cy + (rand() - 0.5) * 800, 30 + rand() * 80)]] : [];
      const sources: ReachSource[] = [
        ...points.map((p, i) => pt(p[0], p[1], `P${i}`)),
        ...polys.map((r, i) => ({ kind: 'polygon' as const, id: `G${i}`, rings: r, bbox: ringsBBox(r) })),
      ];
      const share = reach.reachedArea(c, sources, d) / c.area_m2;
      // Sample uniformly in the community (rejection from its bbox).
      let hit = 0, n = 0;
      const [x0, y0, x1, y1] = c.bbox;
      while (n < N) {
        const p: XY = [x0 + rand() * (x1 - x0), y0 + rand() * (y1 - y0)];
        if (!inside(p, c.rings)) continue;
        n++;
        if (points.some((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) <= d) || polys.some((r) => polyDist(p, r) <= d)) hit++;
      }
      const est = hit / N;
      const sigma = Math.sqrt(Math.max(est * (1 - est), 1e-4) / N);
      // 4σ sampling error plus the ≤ 0.1 % inscribed-polygon deficit.
      expect(Math.abs(share - est), `trial ${trial}: engine ${share}, sample ${est}`).toBeLessThan(4 * sigma + 0.002);
    }
  });
});
