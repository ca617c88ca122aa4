import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/engine/network/graph';
import { createNetworkReachFromGraph } from '../../../src/engine/network/networkReach';
import { clipRingsIntoStore, clipRingsToRect, pathsArea } from '../../../src/engine/network/reachedArea';
import { PolygonStore } from '../../../src/engine/network/capsules';
import type { MetricRings, PreparedCommunity, ReachSource, XY } from '../../../src/engine/reach/reachProvider';
import { mulberry32, randomGridLines, shoelace } from './helpers';

function community(index: number, rings: MetricRings): PreparedCommunity {
  const xs = rings[0].map((p) => p[0]);
  const ys = rings[0].map((p) => p[1]);
  return { index, id: `c${index}`, rings, area_m2: shoelace(rings), bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}
const point = (id: string, xy: XY): ReachSource => ({ kind: 'point', id, xy });

describe('reachedArea (share-only)', () => {
  it('clips rings to a rectangle keeping holes (hand areas)', () => {
    // Square [0, 100]² with a hole [40, 60]² clipped to [50, 150] × [0, 100]:
    // outer part 50 × 100 = 5000, hole part 10 × 20 = 200 → 4800.
    const rings: MetricRings = [[[0, 0], [100, 0], [100, 100], [0, 100]], [[40, 40], [40, 60], [60, 60], [60, 40]]];
    expect(shoelace(clipRingsToRect(rings, [50, 0, 150, 100]))).toBeCloseTo(4800, 9);
    // A 2 m × 3 m rectangle in cm: 6 m².
    expect(pathsArea([[{ X: 0, Y: 0 }, { X: 200, Y: 0 }, { X: 200, Y: 300 }, { X: 0, Y: 300 }]])).toBe(6);
  });

  it('clipping into a flat store gives the hand area and the same points as the ring clip', () => {
    const rings: MetricRings = [[[0, 0], [100, 0], [100, 100], [0, 100]], [[40, 40], [40, 60], [60, 60], [60, 40]]];
    const store = new PolygonStore();
    expect(clipRingsIntoStore(rings, [50, 0, 150, 100], store)).toBeCloseTo(4800, 9);
    // Random star-shaped rings against random rectangles: the same points as clipRingsToRect.
    const rand = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      const n = 3 + Math.floor(rand() * 12);
      const ring: XY[] = Array.from({ length: n }, (_, i) => {
        const a = (2 * Math.PI * i) / n, r = 20 + 80 * rand();
        return [50 + r * Math.cos(a), 50 + r * Math.sin(a)] as XY;
      });
      const x0 = rand() * 100, y0 = rand() * 100;
      const rect: [number, number, number, number] = [x0, y0, x0 + rand() * 80, y0 + rand() * 80];
      const want = clipRingsToRect([ring], rect);
      store.clear();
      const area = clipRingsIntoStore([ring], rect, store);
      expect(store.n).toBe(want.length);
      const got = want.length ? Array.from({ length: store.start[1] }, (_, i) => [store.X[i], store.Y[i]]) : [];
      expect(got).toEqual(want.length ? want[0] : []);
      expect(area).toBeCloseTo(shoelace(want), 9);
    }
  });

  it('a community beside a straight road: the strip within the lateral offset (hand area)', () => {
    // Road y = 0; facility at the origin; d = 300, M = 50: the community [-100, 100] × [0, 100]
    // is reached up to y = 50 (every road point under it is ≤ 100 m away): 200 × 50 = 10 000 m².
    const reach = createNetworkReachFromGraph(buildGraph([[[-1000, 0], [0, 0], [1000, 0]]]), { maxOffset_m: 50 });
    const c = community(0, [[[-100, 0], [100, 0], [100, 100], [-100, 100]]]);
    expect(reach.reachedArea(c, [point('k', [0, 0])], 300)).toBeCloseTo(10_000, 0);
    // 400–500 m away: nothing within 300 m.
    expect(reach.reachedArea(community(1, [[[400, 0], [500, 0], [500, 100], [400, 100]]]), [point('k', [0, 0])], 300)).toBe(0);
  });

  it('polygon sources count whole plus the lateral offset (hand areas, as reachedPart)', () => {
    // Park [150, 250] × [0, 100]; community [0, 100]²; M = 100, d = 300. No road near: only the
    // park grown by min(M, d) = 100 reaches in, x ∈ [50, 100] → 5 000 m² (the grown corner
    // rounds off outside the community).
    const park: ReachSource = { kind: 'polygon', id: 'p', rings: [[[150, 0], [250, 0], [250, 100], [150, 100]]], bbox: [150, 0, 250, 100] };
    const c = community(0, [[[0, 0], [100, 0], [100, 100], [0, 100]]]);
    const far = createNetworkReachFromGraph(buildGraph([[[5000, 5000], [5100, 5000]]]), { maxOffset_m: 100 });
    expect(far.reachedArea(c, [park], 300)).toBeCloseTo(5000, 0);
    // A path from inside the park west through the community: every point of it is ≤ 50 m off a
    // path point walked ≤ 200 m, so all 10 000 m² are within 300 m.
    const path = createNetworkReachFromGraph(buildGraph([[[200, 50], [-500, 50]]]), { maxOffset_m: 100 });
    expect(path.reachedArea(c, [park], 300)).toBeCloseTo(10_000, 0);
    // d = 120: the walk west ends at x = 80, and a path point at x has radius 120 − (200 − x) ≤ 20
    // there (x ≤ 100), so it adds nothing west of x = 50: only the park's strip, 5 000 m².
    expect(path.reachedArea(c, [park], 120)).toBeCloseTo(5000, 0);
  });

  it('equals the area of reachedPart on random grids (second method: clipper rings, shoelace)', () => {
    const rand = mulberry32(11);
    const g = buildGraph(randomGridLines(rand, 14, 70, 0.85, 2));
    const facilities = Array.from({ length: 6 }, (_, i) => point(`f${i}`, [rand() * 910, rand() * 910]));
    // Non-rectangular communities (a trapezoid with a hole) so tiles are cut by the rings.
    const communities = Array.from({ length: 9 }, (_, i) => {
      const x = (i % 3) * 300 + 10;
      const y = Math.floor(i / 3) * 300 + 10;
      return community(i, [
        [[x, y], [x + 280, y], [x + 200, y + 280], [x, y + 280]],
        [[x + 100, y + 100], [x + 100, y + 150], [x + 150, y + 150], [x + 150, y + 100]],
      ]);
    });
    let partial = 0;
    for (const d of [150, 300, 600]) {
      for (const tile of [undefined, 40]) {
        const reach = createNetworkReachFromGraph(g, { maxOffset_m: 80, shareTile_m: tile });
        for (const c of communities) {
          const a = reach.reachedArea(c, facilities, d);
          const b = shoelace(reach.reachedPart(c, facilities, d));
          // Both sum the same pieces; they differ only by centimetre rounding of clipper vertices.
          expect(Math.abs(a - b)).toBeLessThan(2);
          if (b > 1 && b < c.area_m2 - 1) partial++;
        }
      }
    }
    // The comparison must exercise partly reached communities, not only empty/full ones.
    expect(partial).toBeGreaterThan(10);
  });

  it('small communities inside one tile: the capsules of the whole tile are not needed (against reachedPart)', () => {
    // Communities much smaller than the tile, placed anywhere in it: only capsules meeting the
    // community's part of the tile may count, and every one of those must.
    const rand = mulberry32(23);
    const g = buildGraph(randomGridLines(rand, 12, 60, 0.8, 2));
    const facilities = Array.from({ length: 4 }, (_, i) => point(`f${i}`, [rand() * 660, rand() * 660]));
    let partial = 0;
    for (const d of [120, 250]) {
      const reach = createNetworkReachFromGraph(g, { maxOffset_m: 100 });
      for (let k = 0; k < 150; k++) {
        const x = 40 + rand() * 560, y = 40 + rand() * 560, w = 4 + rand() * 40, h = 4 + rand() * 40;
        const c = community(k, [[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]]);
        const a = reach.reachedArea(c, facilities, d);
        const b = shoelace(reach.reachedPart(c, facilities, d));
        // Centimetre rounding of clipper's vertices only: well under a centimetre times the perimeter.
        expect(Math.abs(a - b)).toBeLessThan(0.01 * 2 * (w + h));
        if (b > 1 && b < c.area_m2 - 1) partial++;
      }
    }
    expect(partial).toBeGreaterThan(40);
  });
});

