// Which pieces the residential shares measure with a kernel, and which sources' buffer primitives
// they look up: a piece that one disc or one green vertex's disc holds is whole without a kernel
// call (its figure is then weight × area either way, so only the calls tell the shortcut from the
// kernel), and primitives are looked up only for the sources near a piece the kernel measures.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommunityBasis } from '../../src/engine/residentialBasis';
import { reachedByPoints, reachedOnBasis } from '../../src/engine/residentialShare';
import { PolygonStoreBuilder } from '../../src/engine/residentialPieces';
import type { MetricRings, PreparedCommunity, ReachSource, XY } from '../../src/engine/reach/reachProvider';

const calls = vi.hoisted(() => ({ disc: 0, buffer: 0, primitives: [] as number[] }));

vi.mock('../../src/engine/geo/discUnionArea', async (original) => {
  const m = await original<typeof import('../../src/engine/geo/discUnionArea')>();
  return { ...m, areaInDiscUnionAt: (...a: Parameters<typeof m.areaInDiscUnionAt>) => { calls.disc++; return m.areaInDiscUnionAt(...a); } };
});
vi.mock('../../src/engine/geo/bufferUnionArea', async (original) => {
  const m = await original<typeof import('../../src/engine/geo/bufferUnionArea')>();
  return {
    ...m,
    areaInBufferUnionAt: (...a: Parameters<typeof m.areaInBufferUnionAt>) => { calls.buffer++; return m.areaInBufferUnionAt(...a); },
    cachedSourcePrimitives: (rings: MetricRings, d: number) => { calls.primitives.push(rings[0][0][0]); return m.cachedSourcePrimitives(rings, d); },
  };
});

afterEach(() => { calls.disc = 0; calls.buffer = 0; calls.primitives.length = 0; });

const square = (x0: number, y0: number, s: number): MetricRings => [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]]];
const polygon = (rings: MetricRings): ReachSource => {
  const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
  return { kind: 'polygon', id: 'G', rings, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
};
const COMMUNITY: PreparedCommunity = { index: 0, id: 'C', rings: square(-1000, -1000, 3000), area_m2: 9e6, bbox: [-1000, -1000, 2000, 2000] };
const noProvider = () => { throw new Error('the provider is not asked in straight-line mode'); };

function basisOf(pieces: { rings: MetricRings; weight: number }[]): CommunityBasis {
  const b = new PolygonStoreBuilder();
  let total = 0;
  for (const p of pieces) total += p.weight * b.areaOf(b.polygon(p.rings, p.weight));
  return { kind: 'residential-households', store: b.finish(), first: 0, count: pieces.length, total, residentialArea_m2: 0 };
}

// A rectangle inscribed in the circle of 9.99 m about the origin: its vertices are within 10 m of
// the origin, its bbox corners 13.4 m away.
const tilted: MetricRings = [[0.3, 1.9, 0.3 + Math.PI, 1.9 + Math.PI].map((t) => [9.99 * Math.cos(t), 9.99 * Math.sin(t)] as XY)];

describe('residential shares: kernel calls', () => {
  it('a piece whose vertices, not its bbox, lie in a disc is whole without the disc kernel; a piece the disc cuts is measured', () => {
    const basis = basisOf([{ rings: square(40, 40, 5), weight: 1 }, { rings: tilted, weight: 1.5 }]);
    expect(reachedByPoints(basis, Float64Array.from([42, 42, 0, 0]), 2, 10)).toBe(basis.total);
    expect(calls.disc).toBe(0);
    // 7 m about the origin cuts the tilted rectangle: one kernel call, a part of its area.
    const part = reachedByPoints(basis, Float64Array.from([42, 42, 0, 0]), 2, 7);
    expect(calls.disc).toBe(1);
    expect(part).toBeGreaterThan(25);
    expect(part).toBeLessThan(basis.total);
  });

  it('a piece whose bbox lies within d of a green vertex is whole without the buffer kernel or any primitives', () => {
    const g = polygon([[[0, 0], [-1, 0], [-1, -1]]]);
    // Alone (the pieces' box is the piece's) and beside a far piece (each piece on its own).
    const one = basisOf([{ rings: tilted, weight: 1.5 }]);
    expect(reachedOnBasis(one, COMMUNITY, [g], 14, 'euclidean', noProvider)).toBe(one.total);
    const two = basisOf([{ rings: tilted, weight: 1.5 }, { rings: square(500, 0, 10), weight: 1 }]);
    expect(reachedOnBasis(two, COMMUNITY, [g], 14, 'euclidean', noProvider)).toBe(two.total - 100);
    expect(calls.buffer).toBe(0);
    expect(calls.primitives).toEqual([]);
  });

  it('a green vertex outside the pieces\' box still holds a piece\'s box: 23.5 m from (−12, 0) to the tilted rectangle\'s far corners, d = 25', () => {
    const g = polygon([[[-12, 0], [-13, 0], [-13, -1]]]);
    const two = basisOf([{ rings: tilted, weight: 1.5 }, { rings: square(500, 0, 10), weight: 1 }]);
    expect(reachedOnBasis(two, COMMUNITY, [g], 25, 'euclidean', noProvider)).toBe(two.total - 100);
    expect(calls.buffer).toBe(0);
    // 23 m is short of the corners (9.54 + 12 = 21.54 m and 9.45 m across): the kernel measures it.
    reachedOnBasis(two, COMMUNITY, [g], 23, 'euclidean', noProvider);
    expect(calls.buffer).toBe(1);
    // A green whose bbox is 20 m from a 1 m piece, with a vertex 21.02 m from its far corners.
    const small = basisOf([{ rings: square(0, 0, 1), weight: 2 }, { rings: square(500, 0, 1), weight: 1 }]);
    expect(reachedOnBasis(small, COMMUNITY, [polygon([[[-20, 0], [-21, 0], [-21, -1]]])], 21.5, 'euclidean', noProvider)).toBe(2);
    expect(calls.buffer).toBe(1);
  });

  it('primitives are looked up for the sources near a piece the kernel measures, in the sources\' order, and for no other', () => {
    // Piece A (0..100 square) between greens at x = −100..0 and 100..200; piece B (1000..1010)
    // inside the green at 990..1040, whole. The green at 140, 300 is near neither piece.
    const basis = basisOf([{ rings: square(0, 0, 100), weight: 1 }, { rings: square(1000, 0, 10), weight: 2 }]);
    const sources = [polygon(square(100, 0, 100)), polygon(square(140, 300, 50)), polygon(square(990, -20, 50)), polygon(square(-100, 0, 100))];
    expect(reachedOnBasis(basis, COMMUNITY, sources, 30, 'euclidean', noProvider)).toBeCloseTo(2 * 30 * 100 + 2 * 100, 6);
    expect(calls.buffer).toBe(1);
    expect(calls.primitives).toEqual([100, -100]);
  });
});
