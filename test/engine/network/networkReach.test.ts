import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/engine/network/graph';
import { createNetworkReach, createNetworkReachFromGraph } from '../../../src/engine/network/networkReach';
import type { BBox, MetricRings, PreparedCommunity, ReachSource, XY } from '../../../src/engine/reach/reachProvider';
import { mulberry32, randomGridLines, shoelace } from './helpers';
import { joinPoints, pointOrigins } from '../../../src/engine/network/origins';
import { networkDistances } from '../../../src/engine/network/distances';
import { serviceAreaPaths } from '../../../src/engine/network/serviceArea';
import { fromPaths, intersectPaths, toPaths } from '../../../src/engine/network/clip';

function square(index: number, x0: number, y0: number, x1: number, y1: number): PreparedCommunity {
  const rings: MetricRings = [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]];
  return { index, id: `c${index}`, rings, area_m2: (x1 - x0) * (y1 - y0), bbox: [x0, y0, x1, y1] };
}
const point = (id: string, xy: XY): ReachSource => ({ kind: 'point', id, xy });
const polygon = (id: string, x0: number, y0: number, x1: number, y1: number): ReachSource => ({
  kind: 'polygon',
  id,
  rings: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]],
  bbox: [x0, y0, x1, y1] as BBox,
});

describe('createNetworkReach', () => {
  it('projects roads and reports graph stats', () => {
    const proj = { forward: (p: [number, number]): XY => [p[0] * 1e5, p[1] * 1e5], inverse: (xy: XY): [number, number] => [xy[0] / 1e5, xy[1] / 1e5] };
    const reach = createNetworkReach([{ id: 'a', coordinates: [[0, 0], [0.001, 0]] }, { id: 'b', coordinates: [[0.01, 0], [0.011, 0]] }], proj);
    expect(reach.mode).toBe('network');
    expect(reach.graphStats.edges).toBe(2);
    expect(reach.graphStats.totalLength_m).toBeCloseTo(200, 6);
    expect(reach.graphStats.components).toBe(2);
  });

  it('a community beside a straight road: the strip within the lateral offset', () => {
    // Road y = 0, x ∈ [-1000, 1000]; facility on it at the origin; d = 300, M = 50.
    // Community [-100, 100] × [0, 100]: every road point under it is ≤ 100 m away (radius 50),
    // so the reached part is [-100, 100] × [0, 50] = 10 000 m².
    const reach = createNetworkReachFromGraph(buildGraph([[[-1000, 0], [0, 0], [1000, 0]]]), { maxOffset_m: 50 });
    const part = reach.reachedPart(square(0, -100, 0, 100, 100), [point('k', [0, 0])], 300);
    expect(shoelace(part)).toBeCloseTo(10_000, 0);
    // A community on the road 400–500 m away: d = 300 reaches nothing of it.
    expect(reach.reachedPart(square(1, 400, 0, 500, 100), [point('k', [0, 0])], 300)).toEqual([]);
  });

  it('a facility moved under the same id is measured from its new position, not from cached distances', () => {
    // Road y = 0, x ∈ [-1000, 1000]; M = 50, d = 300. Community [-100, 100] × [0, 100].
    // At the origin the strip [-100, 100] × [0, 50] is reached (10 000 m²); moved to x = 900 the
    // nearest community point is 800 m of road away, beyond 300 m: nothing is reached.
    const reach = createNetworkReachFromGraph(buildGraph([[[-1000, 0], [0, 0], [1000, 0]]]), { maxOffset_m: 50 });
    const c = square(0, -100, 0, 100, 100);
    expect(shoelace(reach.reachedPart(c, [point('k', [0, 0])], 300))).toBeCloseTo(10_000, 0);
    expect(reach.reachedPart(c, [point('k', [900, 0])], 300)).toEqual([]);
  });

  it('a whole source set announced before a move does not answer for the moved facility', () => {
    // Same road, M = 50, d = 300; k announced at the origin (prepareSources, as the audit does),
    // then asked about from x = 900 under the same id: nothing of the community is within reach.
    const reach = createNetworkReachFromGraph(buildGraph([[[-1000, 0], [0, 0], [1000, 0]]]), { maxOffset_m: 50 });
    const c = square(0, -100, 0, 100, 100);
    reach.prepareSources([point('k', [0, 0])], 300);
    expect(reach.reachedArea(c, [point('k', [0, 0])], 300)).toBeCloseTo(10_000, 0);
    expect(reach.reachedArea(c, [point('k', [900, 0])], 300)).toBe(0);
    expect(reach.reachedPart(c, [point('k', [900, 0])], 300)).toEqual([]);
  });

  it('a facility moved in place (the same source object, its position changed) is measured from its new position', () => {
    // Same road and community as above: the strip [-100, 100] × [0, 50] (10 000 m²) from the
    // origin, nothing from x = 900; the source object is reused, as the audit's are.
    const reach = createNetworkReachFromGraph(buildGraph([[[-1000, 0], [0, 0], [1000, 0]]]), { maxOffset_m: 50 });
    const c = square(0, -100, 0, 100, 100);
    const k = { kind: 'point' as const, id: 'k', xy: [0, 0] as XY };
    const sources: ReachSource[] = [k];
    expect(reach.reachedArea(c, sources, 300)).toBeCloseTo(10_000, 0);
    k.xy = [900, 0];
    expect(reach.reachedArea(c, [k], 300)).toBe(0);
    k.xy[0] = 0;
    expect(reach.reachedArea(c, [k], 300)).toBeCloseTo(10_000, 0);
  });

  it('a community across a crossing road without a shared vertex is not reached through it', () => {
    // Road A along y = 0 (x ∈ [0, 1000]); road B along x = 500 crossing it without a vertex.
    // Community around B, 300 m north of A: [450, 300] – [550, 400]; facility 1 m off A at x = 300.
    const g = buildGraph([[[0, 0], [1000, 0]], [[500, -500], [500, 500]]]);
    const reach = createNetworkReachFromGraph(g, { maxOffset_m: 50 });
    expect(reach.reachedPart(square(0, 450, 300, 550, 400), [point('k', [300, -1])], 900)).toEqual([]);
    // Joined to B instead (1 m west of it), it reaches the community: B passes through its middle,
    // 300..400 m from the facility: the strip |x − 500| ≤ 50 covers all 100 m of width.
    const part = reach.reachedPart(square(1, 450, 300, 550, 400), [point('j', [499, 5])], 900);
    expect(shoelace(part)).toBeCloseTo(10_000, 0);
  });

  it('polygon sources count whole, plus the lateral offset, and start the network where it touches them', () => {
    // Park [150, 250] × [0, 100]; community [0, 100] × [0, 100]; M = 100, d = 300.
    // Without a road into the park only the offset counts: x ∈ [50, 100] → 5 000 m².
    const far = createNetworkReachFromGraph(buildGraph([[[5000, 5000], [5100, 5000]]]), { maxOffset_m: 100 });
    expect(shoelace(far.reachedPart(square(0, 0, 0, 100, 100), [polygon('p', 150, 0, 250, 100)], 300))).toBeCloseTo(5000, 0);
    // A path from inside the park (200, 50) west to (-500, 50): every community point is ≤ 50 m
    // off it where the walk is ≤ 200 m (x ≥ 0), so 200 + 50 ≤ 300: the whole 10 000 m².
    const withPath = createNetworkReachFromGraph(buildGraph([[[200, 50], [-500, 50]]]), { maxOffset_m: 100 });
    expect(shoelace(withPath.reachedPart(square(0, 0, 0, 100, 100), [polygon('p', 150, 0, 250, 100)], 300))).toBeCloseTo(10_000, 0);
  });

  it('a polygon source reshaped in place (same ring array, new box) is measured as reshaped', () => {
    // No road near; M = 100, d = 300: only the offset counts. Park [150, 250] × [0, 100] beside
    // community [0, 100] × [0, 100]: x ∈ [50, 100] → 5 000 m². Moved to [120, 220] × [0, 100]:
    // x ∈ [20, 100] → 8 000 m².
    const reach = createNetworkReachFromGraph(buildGraph([[[5000, 5000], [5100, 5000]]]), { maxOffset_m: 100 });
    const c = square(0, 0, 0, 100, 100);
    const rings: MetricRings = [[[150, 0], [250, 0], [250, 100], [150, 100]]];
    expect(reach.reachedArea(c, [{ kind: 'polygon', id: 'p', rings, bbox: [150, 0, 250, 100] }], 300)).toBeCloseTo(5000, -1);
    for (const p of rings[0]) p[0] -= 30;
    expect(reach.reachedArea(c, [{ kind: 'polygon', id: 'p', rings, bbox: [120, 0, 220, 100] }], 300)).toBeCloseTo(8000, -1);
  });

  it('prepared source sets give the same parts with one Dijkstra run', () => {
    const rand = mulberry32(5);
    const g = buildGraph(randomGridLines(rand, 12, 80, 0.8, 2));
    const facilities = Array.from({ length: 8 }, (_, i) => point(`f${i}`, [rand() * 880, rand() * 880]));
    const communities = Array.from({ length: 9 }, (_, i) => square(i, (i % 3) * 300, Math.floor(i / 3) * 300, (i % 3) * 300 + 250, Math.floor(i / 3) * 300 + 250));
    const d = 300;
    // The caller's prefilter: sources within d straight-line metres of the community bbox.
    const near = (c: PreparedCommunity) =>
      facilities.filter((f) => {
        const [x, y] = (f as { xy: XY }).xy;
        const dx = Math.max(0, c.bbox[0] - x, x - c.bbox[2]);
        const dy = Math.max(0, c.bbox[1] - y, y - c.bbox[3]);
        return Math.hypot(dx, dy) <= d;
      });
    const plain = createNetworkReachFromGraph(g, { maxOffset_m: 60 });
    const prepared = createNetworkReachFromGraph(g, { maxOffset_m: 60 });
    prepared.prepareSources(facilities, d);
    let compared = 0;
    for (const c of communities) {
      const subset = near(c);
      const a = shoelace(plain.reachedPart(c, subset, d));
      const b = shoelace(prepared.reachedPart(c, subset, d));
      expect(b).toBeCloseTo(a, 1);
      if (a > 0) compared++;
    }
    expect(compared).toBeGreaterThan(2);
    expect(prepared.runs).toBe(1);
    expect(plain.runs).toBeGreaterThan(1);
  });

  it('a community well inside the reach is returned whole, agreeing with the area construction', () => {
    // Grid with 50 m spacing over [0, 600]²; facility at the centre; community [200, 400]²:
    // every community point is ≤ 25 m off a road whose walk from (300, 300) is ≤ 200 m (Manhattan),
    // so with d = 1000, M = 100 the whole community is within reach: the fast exit returns it.
    const lines: XY[][] = [];
    for (let k = 0; k <= 12; k++) {
      lines.push(Array.from({ length: 13 }, (_, i) => [i * 50, k * 50] as XY));
      lines.push(Array.from({ length: 13 }, (_, i) => [k * 50, i * 50] as XY));
    }
    const g = buildGraph(lines);
    const reach = createNetworkReachFromGraph(g, { maxOffset_m: 100 });
    const c = square(0, 200, 200, 400, 400);
    const part = reach.reachedPart(c, [point('k', [300, 300])], 1000);
    expect(shoelace(part)).toBeCloseTo(40_000, 6);
    // Second method: the general construction (capsules ∩ community, no fast exit) covers the
    // community too, up to the inscribed polygons' sagitta (≤ 1 m) along the few uncovered fringes.
    const [j] = joinPoints(g, [{ id: 'k', xy: [300, 300] }], 300);
    const nd = networkDistances(g, pointOrigins([j]).origins, 1000);
    const general = fromPaths(intersectPaths(serviceAreaPaths(g, nd, 1000, { maxOffset_m: 100 }), toPaths(c.rings)));
    expect(shoelace(general)).toBeGreaterThan(40_000 * 0.999);
    // d = 150 reaches only the roads near the centre: the fast exit must refuse, part < community.
    const small = reach.reachedPart(c, [point('k', [300, 300])], 150);
    expect(shoelace(small)).toBeGreaterThan(0);
    expect(shoelace(small)).toBeLessThan(40_000 * 0.99);
  });

  it('reports off-network point sources', () => {
    const reach = createNetworkReachFromGraph(buildGraph([[[0, 0], [100, 0]]]), { maxConnector_m: 200, maxOffset_m: 50 });
    const part = reach.reachedPart(square(0, 0, 400, 100, 500), [point('lonely', [50, 450])], 300);
    // Its own disk (radius 50) lies inside the community: an inscribed polygon with sagitta ≤ 1 m,
    // so its area is between π·49² and π·50².
    expect(shoelace(part)).toBeLessThan(Math.PI * 2500);
    expect(shoelace(part)).toBeGreaterThan(Math.PI * 49 * 49);
    expect(reach.offNetwork()).toEqual(['lonely']);
  });
});

describe('targets sharing a community index', () => {
  it('two pieces of one community (same index) get their own parts', () => {
    // Road y = 0; facility at the origin; d = 300, M = 50. Piece A [-100, 100] × [0, 100] is
    // reached up to y = 50 (10 000 m²). Piece B (same index, same box) is the triangle
    // (-100, 0), (100, 0), (-100, 100): width 200 − 2y at height y, so up to y = 50 it has
    // 200·50 − 50² = 7 500 m². A cache keyed by the index would clip B with A's outline.
    const reach = createNetworkReachFromGraph(buildGraph([[[-1000, 0], [0, 0], [1000, 0]]]), { maxOffset_m: 50 });
    const a = square(7, -100, 0, 100, 100);
    const b: PreparedCommunity = { ...a, rings: [[[-100, 0], [100, 0], [-100, 100]]], area_m2: 10_000 };
    expect(shoelace(reach.reachedPart(a, [point('k', [0, 0])], 300))).toBeCloseTo(10_000, 0);
    expect(shoelace(reach.reachedPart(b, [point('k', [0, 0])], 300))).toBeCloseTo(7_500, 0);
  });
});
