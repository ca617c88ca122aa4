// The reached part of residential pieces in straight-line mode, read from the flat store: hand
// areas (a quarter disc, a buffered strip, whole and unreached pieces), and the same figures as
// the reach provider measuring each piece as a community (the way every share went before).
import { describe, expect, it } from 'vitest';
import type { CommunityBasis } from '../../src/engine/residentialBasis';
import { basisPieces } from '../../src/engine/residentialBasis';
import { piecesBoxOf, reachedByPoints, reachedOnBasis } from '../../src/engine/residentialShare';
import { PolygonStoreBuilder } from '../../src/engine/residentialPieces';
import { createEuclideanReach } from '../../src/engine/reach/euclideanReach';
import type { MetricRings, PreparedCommunity, ReachSource, XY } from '../../src/engine/reach/reachProvider';
import { mulberry32 } from '../../bench/lib/random';
import { isCollected } from '../lib/collected';

const square = (x0: number, y0: number, s: number): MetricRings => [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]]];
const point = (x: number, y: number): ReachSource => ({ kind: 'point', id: `P${x},${y}`, xy: [x, y] });
const polygon = (rings: MetricRings): ReachSource => {
  const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
  return { kind: 'polygon', id: 'G', rings, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
};
const COMMUNITY: PreparedCommunity = { index: 0, id: 'C', rings: square(-1000, -1000, 3000), area_m2: 9e6, bbox: [-1000, -1000, 2000, 2000] };

function basisOf(pieces: { rings: MetricRings; weight: number }[]): CommunityBasis {
  const b = new PolygonStoreBuilder();
  let total = 0;
  for (const p of pieces) total += p.weight * b.areaOf(b.polygon(p.rings, p.weight));
  return { kind: 'residential-households', store: b.finish(), first: 0, count: pieces.length, total, residentialArea_m2: 0 };
}

const noProvider = () => { throw new Error('the provider is not asked in straight-line mode'); };

describe('reachedOnBasis, straight-line, by hand', () => {
  it('every piece within d of one point or one green vertex is whole: 2 × 100 + 5 × 400, and not when the box is 1 cm too far', () => {
    // Pieces 0..10 × 0..10 and 30..50 × 0..20: their box 0..50 × 0..20; its farthest corner from
    // (0, 0) is √(50² + 20²) = 53.85 m away.
    const basis = basisOf([{ rings: square(0, 0, 10), weight: 2 }, { rings: square(30, 0, 20), weight: 5 }]);
    const far = Math.hypot(50, 20);
    expect(reachedOnBasis(basis, COMMUNITY, [point(0, 0)], far, 'euclidean', noProvider)).toBe(2200);
    expect(reachedOnBasis(basis, COMMUNITY, [polygon([[[0, 0], [-10, 0], [-10, -10]]])], far, 'euclidean', noProvider)).toBe(2200);
    // 1 cm short: the far piece's corner (50, 20) is outside the disc, by a sliver of its area.
    const short = reachedOnBasis(basis, COMMUNITY, [point(0, 0)], far - 0.01, 'euclidean', noProvider);
    expect(short).toBeLessThan(2200);
    expect(short).toBeGreaterThan(2199);
    // The same with the pieces' box from the caller, as the audit passes it.
    const box = piecesBoxOf(basis);
    expect([...box]).toEqual([0, 0, 50, 20]);
    expect(reachedOnBasis(basis, COMMUNITY, [point(0, 0)], far, 'euclidean', noProvider, box)).toBe(2200);
    expect(reachedOnBasis(basis, COMMUNITY, [polygon([[[0, 0], [-10, 0], [-10, -10]]])], far, 'euclidean', noProvider, box)).toBe(2200);
    expect(reachedOnBasis(basis, COMMUNITY, [point(0, 0)], far - 0.01, 'euclidean', noProvider, box)).toBe(short);
    expect(reachedOnBasis(basis, COMMUNITY, [polygon([[[0, 0], [-10, 0], [-10, -10]]])], far - 0.01, 'euclidean', noProvider, box)).toBeLessThan(2200);
    expect(reachedByPoints(basis, Float64Array.from([0, 0]), 1, far - 0.01, box)).toBe(short);
  });

  it('a disc of 100 m centred on a corner of a 200 m square reaches a quarter disc: 2 × π·100²/4', () => {
    const basis = basisOf([{ rings: square(0, 0, 200), weight: 2 }]);
    expect(reachedOnBasis(basis, COMMUNITY, [point(0, 0)], 100, 'euclidean', noProvider)).toBeCloseTo(2 * Math.PI * 2500, 6);
  });

  it('a piece inside a disc is whole, a piece beyond every disc is not reached: 3 × 100 + 0', () => {
    const basis = basisOf([{ rings: square(0, 0, 10), weight: 3 }, { rings: square(500, 500, 10), weight: 7 }]);
    expect(reachedOnBasis(basis, COMMUNITY, [point(5, 5), point(300, 300)], 50, 'euclidean', noProvider)).toBeCloseTo(300, 9);
  });

  it('a green square beside a 100 m piece reaches the 50 m strip along their shared side: 50 × 100', () => {
    const basis = basisOf([{ rings: square(0, 0, 100), weight: 1 }]);
    expect(reachedOnBasis(basis, COMMUNITY, [polygon(square(-100, 0, 100))], 50, 'euclidean', noProvider)).toBeCloseTo(5000, 6);
  });

  it('a piece inside a green polygon is whole (0.5 × 400 m²)', () => {
    const basis = basisOf([{ rings: square(10, 10, 20), weight: 0.5 }]);
    expect(reachedOnBasis(basis, COMMUNITY, [polygon(square(0, 0, 100))], 300, 'euclidean', noProvider)).toBe(200);
  });

  it('walking mode asks the provider per piece near a source, with the community\'s whole source set', () => {
    const basis = basisOf([{ rings: square(0, 0, 10), weight: 1 }, { rings: square(900, 900, 10), weight: 1 }]);
    const asked: [string, number][] = [];
    const sources = [point(0, 0), point(1500, 1500)];
    const r = reachedOnBasis(basis, COMMUNITY, sources, 100, 'network', (p, s) => { asked.push([p.id, s.length]); return 10; });
    expect(asked).toEqual([['C#0', 2]]);
    expect(r).toBe(10);
  });
});

/** 40 random rotated rectangles (10–50 m × 10–30 m) over a 1 km square, weighted 10–110. */
function randomPieces(rand: () => number): { rings: XY[][]; weight: number }[] {
  return Array.from({ length: 40 }, () => {
    const cx = rand() * 1000, cy = rand() * 1000, w = 10 + 40 * rand(), h = 10 + 20 * rand(), t = rand() * Math.PI;
    const ring: XY[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([u, v]) => [cx + u * Math.cos(t) - v * Math.sin(t), cy + u * Math.sin(t) + v * Math.cos(t)]);
    return { rings: [ring], weight: 10 + 100 * rand() };
  });
}

describe('reachedOnBasis, straight-line: the same as the reach provider measuring each piece', () => {
  const reach = createEuclideanReach();
  for (const seed of [11, 12, 13]) {
    it(`seed ${seed}: 40 random pieces, points and then green polygons`, () => {
      const rand = mulberry32(seed);
      const pieces = randomPieces(rand);
      const basis = basisOf(pieces);
      const points = Array.from({ length: 12 }, () => point(rand() * 1200 - 100, rand() * 1200 - 100));
      const greens = Array.from({ length: 4 }, () => polygon(square(rand() * 1000, rand() * 1000, 30 + 100 * rand())));
      const viaProvider = (p: PreparedCommunity, s: ReachSource[], d: number) => reach.reachedArea(p, s, d);
      for (const [sources, d] of [[points, 300], [points, 120], [greens, 300], [greens, 80]] as const) {
        let expected = 0;
        for (const p of basisPieces(basis, COMMUNITY)) {
          const near = sources.filter((s) => {
            const b = p.bbox;
            const g = s.kind === 'point' ? [s.xy[0], s.xy[1], s.xy[0], s.xy[1]] : s.bbox;
            const dx = Math.max(0, g[0] - b[2], b[0] - g[2]), dy = Math.max(0, g[1] - b[3], b[1] - g[3]);
            return dx * dx + dy * dy <= d * d;
          });
          if (near.length) expected += p.weight * viaProvider(p, near, d);
        }
        expect(expected).toBeGreaterThan(0);
        const got = reachedOnBasis(basis, COMMUNITY, [...sources], d, 'euclidean', noProvider);
        expect(Math.abs(got - expected)).toBeLessThan(1e-9 * expected);
        expect(reachedOnBasis(basis, COMMUNITY, [...sources], d, 'euclidean', noProvider, piecesBoxOf(basis))).toBe(got);
      }
    });
  }
});

describe('pieces that refer to a layer\'s polygons for their rings (whole footprints on the households basis)', () => {
  // The layer holds decoys before each piece, and the basis store holds rings of its own under the
  // same indices: a reader that took a referring piece's rings from the basis store would measure
  // another polygon, or none.
  function referringBasisOf(pieces: { rings: MetricRings; weight: number }[]): CommunityBasis {
    const layer = new PolygonStoreBuilder();
    const at: number[] = [];
    for (const p of pieces) {
      layer.polygon(square(5000, 5000, 1));
      at.push(layer.polygon(p.rings));
    }
    const from = layer.finish();
    const b = new PolygonStoreBuilder();
    b.polygon(square(0, 0, 1000)); // not a piece of the basis
    let total = 0;
    pieces.forEach((p, i) => { total += p.weight * b.areaOf(b.reference(from, at[i], p.weight)); });
    const store = b.finish();
    expect(Array.from(store.ringsFrom!.subarray(1))).toEqual(at);
    return { kind: 'residential-households', store, first: 1, count: pieces.length, total, residentialArea_m2: 0 };
  }
  const xyOf = (pts: [number, number][]) => Float64Array.from(pts.flat());
  const tilted: MetricRings = [[0.3, 1.9, 0.3 + Math.PI, 1.9 + Math.PI].map((t) => [9.99 * Math.cos(t), 9.99 * Math.sin(t)] as XY)];

  it('a quarter disc (2 × π·100²/4), a 50 m strip beside green (50 × 100), a piece inside green whole (0.5 × 400)', () => {
    const corner = referringBasisOf([{ rings: square(0, 0, 200), weight: 2 }]);
    expect(reachedOnBasis(corner, COMMUNITY, [point(0, 0)], 100, 'euclidean', noProvider)).toBeCloseTo(2 * Math.PI * 2500, 6);
    expect(reachedByPoints(corner, xyOf([[0, 0]]), 1, 100)).toBeCloseTo(2 * Math.PI * 2500, 6);
    const strip = referringBasisOf([{ rings: square(0, 0, 100), weight: 1 }]);
    expect(reachedOnBasis(strip, COMMUNITY, [polygon(square(-100, 0, 100))], 50, 'euclidean', noProvider)).toBeCloseTo(5000, 6);
    const inside = referringBasisOf([{ rings: square(10, 10, 20), weight: 0.5 }]);
    expect(reachedOnBasis(inside, COMMUNITY, [polygon(square(0, 0, 100))], 300, 'euclidean', noProvider)).toBe(200);
    // A green square whose corner lies inside the piece does not hold it: the piece 5..25 × 5..25,
    // green −10..15 × −10..15 with d = 0.5 reaches 5..15.5 × 5..15.5 less its rounded corner.
    const cornerIn = referringBasisOf([{ rings: square(5, 5, 20), weight: 1 }]);
    const g = polygon(square(-10, -10, 25));
    const want = 10.5 * 10.5 - (0.25 - Math.PI * 0.25 / 4);
    expect(reachedOnBasis(cornerIn, COMMUNITY, [g], 0.5, 'euclidean', noProvider)).toBeCloseTo(want, 6);
  });

  it('a tilted rectangle whose vertices lie in the 10 m disc about its centre is whole; a square 40 m off is not reached', () => {
    const basis = referringBasisOf([{ rings: tilted, weight: 1.5 }, { rings: square(40, 40, 5), weight: 1 }]);
    expect(reachedByPoints(basis, xyOf([[0, 0]]), 1, 10)).toBe(1.5 * basis.store!.area[1]);
    expect(basis.store!.area[1]).toBeCloseTo(2 * 9.99 * 9.99 * Math.sin(1.6), 9);
    // In the 9 m disc its corners (9.99 m out) are not: measured by the kernel, as the same
    // rectangle copied into the basis measures, and less than whole.
    const part = reachedByPoints(basis, xyOf([[0, 0]]), 1, 9);
    expect(part).toBeLessThan(1.5 * basis.store!.area[1] - 1);
    expect(part).toBe(reachedByPoints(basisOf([{ rings: tilted, weight: 1.5 }, { rings: square(40, 40, 5), weight: 1 }]), xyOf([[0, 0]]), 1, 9));
  });

  it('walking mode and the gap layer get the rings referred to (basisPieces)', () => {
    const basis = referringBasisOf([{ rings: square(0, 0, 10), weight: 2 }, { rings: tilted, weight: 1.5 }]);
    const pieces = basisPieces(basis, COMMUNITY);
    expect(pieces.map((p) => p.rings)).toEqual([square(0, 0, 10), tilted]);
    expect(pieces.map((p) => p.area_m2)).toEqual([100, basis.store!.area[2]]);
  });
});

describe('reachedByPoints: point sources as coordinates', () => {
  const xyOf = (pts: [number, number][]) => Float64Array.from(pts.flat());

  it('by hand: a quarter disc of a 200 m square (2 × π·100²/4); a whole piece and an unreached one (3 × 100 + 0)', () => {
    expect(reachedByPoints(basisOf([{ rings: square(0, 0, 200), weight: 2 }]), xyOf([[0, 0]]), 1, 100)).toBeCloseTo(2 * Math.PI * 2500, 6);
    const two = basisOf([{ rings: square(0, 0, 10), weight: 3 }, { rings: square(500, 500, 10), weight: 7 }]);
    expect(reachedByPoints(two, xyOf([[5, 5], [300, 300]]), 2, 50)).toBeCloseTo(300, 9);
    // Only the first k pairs are sources: the second point alone reaches nothing.
    expect(reachedByPoints(two, xyOf([[300, 300], [5, 5]]), 1, 50)).toBe(0);
    expect(reachedByPoints(two, xyOf([[5, 5]]), 0, 50)).toBe(0);
  });

  for (const seed of [21, 22]) {
    it(`seed ${seed}: 40 random pieces, the reach provider measuring each piece as a community`, () => {
      const rand = mulberry32(seed);
      const pieces = randomPieces(rand);
      const basis = basisOf(pieces);
      const pts = Array.from({ length: 12 }, () => [rand() * 1200 - 100, rand() * 1200 - 100] as [number, number]);
      const reach = createEuclideanReach();
      for (const d of [300, 120, 40]) {
        let expected = 0;
        for (const p of basisPieces(basis, COMMUNITY)) {
          const near = pts.filter(([x, y]) => Math.hypot(Math.max(0, p.bbox[0] - x, x - p.bbox[2]), Math.max(0, p.bbox[1] - y, y - p.bbox[3])) <= d);
          if (near.length) expected += p.weight * reach.reachedArea(p, near.map(([x, y]) => point(x, y)), d);
        }
        expect(expected).toBeGreaterThan(0);
        const got = reachedByPoints(basis, xyOf(pts), pts.length, d);
        expect(Math.abs(got - expected)).toBeLessThan(1e-9 * expected);
        expect(reachedByPoints(basis, xyOf(pts), pts.length, d, piecesBoxOf(basis))).toBe(got);
      }
    });
  }
});

describe('one basis after another, and shortcuts that must not decide too much', () => {
  const xyOf = (pts: [number, number][]) => Float64Array.from(pts.flat());

  it('each basis is measured with its own pieces\' box: a disc that holds the first basis whole does not hold the second', () => {
    // Basis A: one 10 m square at the origin, in the 20 m disc about (5, 5) whole: 3 × 100.
    // Basis B: the same square and a 10 m square at (100, 0), beyond every disc: 3 × 100 + 0.
    const a = basisOf([{ rings: square(0, 0, 10), weight: 3 }]);
    const b = basisOf([{ rings: square(0, 0, 10), weight: 3 }, { rings: square(100, 0, 10), weight: 7 }]);
    const at = xyOf([[5, 5]]);
    expect(reachedByPoints(a, at, 1, 20)).toBe(300);
    expect(reachedByPoints(b, at, 1, 20)).toBe(300);
    expect(reachedOnBasis(a, COMMUNITY, [point(5, 5)], 20, 'euclidean', noProvider)).toBe(300);
    expect(reachedOnBasis(b, COMMUNITY, [point(5, 5)], 20, 'euclidean', noProvider)).toBe(300);
    // Green: a vertex at (5, 5) holds A's box within 20 m (its corners are 7.1 m away), not B's.
    const g = polygon([[[5, 5], [4, 5], [4, 4]]]);
    expect(reachedOnBasis(a, COMMUNITY, [g], 20, 'euclidean', noProvider)).toBe(300);
    expect(reachedOnBasis(b, COMMUNITY, [g], 20, 'euclidean', noProvider)).toBe(300);
  });

  it('the disc that held the last piece holds the next only when it holds all of it: 3 × 100 + 2 × π·100²/4', () => {
    // The 10 m square about the centre is whole; the 200 m square from the centre is reached in a
    // quarter disc, though its nearest corner is the centre itself.
    const basis = basisOf([{ rings: square(-5, -5, 10), weight: 3 }, { rings: square(0, 0, 200), weight: 2 }]);
    const expected = 300 + 2 * Math.PI * 2500;
    expect(reachedByPoints(basis, xyOf([[0, 0]]), 1, 100)).toBeCloseTo(expected, 6);
    // The second disc, tried after the first for the big square, adds nothing inside it.
    expect(reachedByPoints(basis, xyOf([[0, 0], [-300, -300]]), 2, 100)).toBeCloseTo(expected, 6);
  });

  // A rectangle inscribed in the circle of 9.99 m about the origin (vertices at 0.3, 1.9, 0.3 + π
  // and 1.9 + π rad): its bbox corners are 13.4 m away. Measured whole, a piece gives exactly
  // weight × its area (the basis total); measured by a kernel, its area to rounding only.
  const tilted: MetricRings = [[0.3, 1.9, 0.3 + Math.PI, 1.9 + Math.PI].map((t) => [9.99 * Math.cos(t), 9.99 * Math.sin(t)] as XY)];

  it('a piece whose bbox leaves the disc but whose vertices do not is whole: a tilted rectangle in the 10 m disc about its centre', () => {
    const basis = basisOf([{ rings: square(40, 40, 5), weight: 1 }, { rings: tilted, weight: 1.5 }]);
    // 25 + 1.5 × 2 · 9.99² · sin(1.6), by hand to 1e-9.
    expect(basis.total).toBeCloseTo(25 + 1.5 * 2 * 9.99 * 9.99 * Math.sin(1.6), 9);
    expect(reachedByPoints(basis, xyOf([[42, 42], [0, 0]]), 2, 10)).toBe(basis.total);
  });

  it('a piece whose bbox lies within d of a green vertex is whole: the tilted rectangle, 14 m from a triangle\'s corner at its centre', () => {
    const basis = basisOf([{ rings: tilted, weight: 1.5 }]);
    const g = polygon([[[0, 0], [-1, 0], [-1, -1]]]);
    expect(reachedOnBasis(basis, COMMUNITY, [g], 14, 'euclidean', noProvider)).toBe(basis.total);
    // With a far piece in the basis the community's box is not in reach; the piece alone is.
    const two = basisOf([{ rings: tilted, weight: 1.5 }, { rings: square(500, 0, 10), weight: 1 }]);
    expect(reachedOnBasis(two, COMMUNITY, [g], 14, 'euclidean', noProvider)).toBe(two.total - 100);
  });

  it('green polygons on both sides of a 100 m piece reach a 30 m strip each (2 × 30 × 100); a third, 40 m beyond, adds nothing', () => {
    const basis = basisOf([{ rings: square(0, 0, 100), weight: 1 }]);
    const sources = [polygon(square(-100, 0, 100)), polygon(square(140, 300, 50)), polygon(square(100, 0, 100))];
    expect(reachedOnBasis(basis, COMMUNITY, sources, 30, 'euclidean', noProvider)).toBeCloseTo(6000, 6);
    expect(reachedOnBasis(basis, COMMUNITY, sources.slice(1), 30, 'euclidean', noProvider)).toBeCloseTo(3000, 6);
  });

  it('the green vertex that held the last piece holds the next only when it holds all of it: 2 × 1600 + 3 × 500 + 4 × 100', () => {
    // Green square 0..10; d = 100. Its corner (10, 0) holds 20..60 × 0..40 (farthest corner 64 m)
    // and 30..40 × 30..40 (50 m), not 60..160 × 0..10 between them (150 m), of which the buffer
    // reaches x ≤ 110 (50 × 10 m). No vertex holds the pieces' box 20..160 × 0..40.
    const strip: MetricRings = [[[60, 0], [160, 0], [160, 10], [60, 10]]];
    const pieces = [{ rings: square(20, 0, 40), weight: 2 }, { rings: strip, weight: 3 }, { rings: square(30, 30, 10), weight: 4 }];
    const g = [polygon(square(0, 0, 10))];
    expect(reachedOnBasis(basisOf(pieces), COMMUNITY, g, 100, 'euclidean', noProvider)).toBeCloseTo(5100, 6);
    expect(reachedOnBasis(basisOf([pieces[1], pieces[0], pieces[2]]), COMMUNITY, g, 100, 'euclidean', noProvider)).toBeCloseTo(5100, 6);
  });

  it('a basis is not kept once the caller drops it', async () => {
    const make = () => basisOf([{ rings: square(0, 0, 10), weight: 3 }, { rings: square(100, 0, 10), weight: 7 }]);
    expect(await isCollected(make, (b) => reachedByPoints(b, xyOf([[5, 5]]), 1, 20))).toBe(true);
    expect(await isCollected(make, (b) => reachedOnBasis(b, COMMUNITY, [polygon(square(-50, 0, 40))], 20, 'euclidean', noProvider))).toBe(true);
  });

  it('the sources measured through the reach provider are not kept once the caller drops them', async () => {
    const basis = basisOf([{ rings: square(0, 0, 10), weight: 3 }]);
    const seen: number[] = [];
    const provider = (_p: unknown, near: readonly unknown[]) => { seen.push(near.length); return 0; };
    expect(await isCollected(() => polygon(square(-50, 0, 40)), (g) => reachedOnBasis(basis, COMMUNITY, [g], 20, 'network', provider))).toBe(true);
    expect(seen).toEqual([1]);
  });
});
