// Pieces the residential shares count whole without a kernel: a piece whose vertices, not its
// bbox, lie in a disc, and a piece whose bbox lies within d of a green vertex (near the pieces'
// box or beyond it). Counted whole, a piece adds exactly weight × its area; measured by a kernel,
// a tilted rectangle comes out a few units in the last place smaller about half the time, so
// exact sums over eight such pieces tell the shortcut from the kernel.
import { describe, expect, it } from 'vitest';
import type { CommunityBasis } from '../../src/engine/residentialBasis';
import { reachedByPoints, reachedOnBasis } from '../../src/engine/residentialShare';
import { PolygonStoreBuilder } from '../../src/engine/residentialPieces';
import type { MetricRings, PreparedCommunity, ReachSource, XY } from '../../src/engine/reach/reachProvider';
import { mulberry32 } from '../../bench/lib/random';

const square = (x0: number, y0: number, s: number): MetricRings => [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]]];
const polygon = (rings: MetricRings): ReachSource => {
  const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
  return { kind: 'polygon', id: 'G', rings, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
};
const COMMUNITY: PreparedCommunity = { index: 0, id: 'C', rings: square(-1000, -1000, 4000), area_m2: 16e6, bbox: [-1000, -1000, 3000, 3000] };
const noProvider = () => { throw new Error('the provider is not asked in straight-line mode'); };

function basisOf(pieces: { rings: MetricRings; weight: number }[]): CommunityBasis {
  const b = new PolygonStoreBuilder();
  let total = 0;
  for (const p of pieces) total += p.weight * b.areaOf(b.polygon(p.rings, p.weight));
  return { kind: 'residential-households', store: b.finish(), first: 0, count: pieces.length, total, residentialArea_m2: 0 };
}

/** Eight rectangles inscribed in circles of radius 15 m about random centres in a 1 km square, at random angles. */
function tiltedPieces(seed: number): { centre: XY; r: number; rings: MetricRings; half: XY }[] {
  const rand = mulberry32(seed);
  return Array.from({ length: 8 }, () => {
    const r = 15, a0 = rand() * Math.PI, a1 = a0 + 0.5 + 2 * rand(), cx = 1000 * rand(), cy = 1000 * rand();
    const ring = [a0, a1, a0 + Math.PI, a1 + Math.PI].map((a) => [cx + r * Math.cos(a), cy + r * Math.sin(a)] as XY);
    const xs = ring.map((q) => q[0]), ys = ring.map((q) => q[1]);
    // Half the bbox's extent about the centre, per axis (the far corner's offset).
    const half: XY = [Math.max(...xs.map((x) => Math.abs(x - cx))), Math.max(...ys.map((y) => Math.abs(y - cy)))];
    return { centre: [cx, cy], r, rings: [ring], half };
  });
}

describe('residential shares: pieces counted whole', () => {
  for (const seed of [31, 32]) {
    it(`seed ${seed}: eight tilted rectangles, each in the disc about its centre though its bbox is not: Σ weight × area exactly`, () => {
      const pieces = tiltedPieces(seed);
      const basis = basisOf(pieces.map((p, i) => ({ rings: p.rings, weight: 1 + i })));
      const d = 15 * 1.0001;
      // Each bbox's far corner is beyond d from its centre (else the bbox test alone would decide).
      expect(pieces.filter((p) => Math.hypot(p.half[0], p.half[1]) > d).length).toBeGreaterThan(4);
      const centres = Float64Array.from(pieces.flatMap((p) => p.centre));
      expect(reachedByPoints(basis, centres, pieces.length, d)).toBe(basis.total);
    });

    it(`seed ${seed}: each rectangle's bbox within d of a green vertex, inside the pieces' box or beyond it, near or 100 m off: weight × area exactly`, () => {
      for (const p of tiltedPieces(seed)) {
        // The piece and a far one (so the pieces' box is not in reach as a whole); a triangle whose
        // first vertex is at the centre, 3 m left of the bbox, or 100 m left of it.
        const basis = basisOf([{ rings: p.rings, weight: 1.5 }, { rings: square(p.centre[0] + 500, p.centre[1], 10), weight: 1 }]);
        const s = basis.store!;
        for (const off of [0, p.half[0] + 3, p.half[0] + 100]) {
          const [vx, vy] = [p.centre[0] - off, p.centre[1]];
          const d = Math.hypot(off + p.half[0], p.half[1]) * 1.0001;
          const g = polygon([[[vx, vy], [vx - 1, vy], [vx - 1, vy - 1]]]);
          expect(reachedOnBasis(basis, COMMUNITY, [g], d, 'euclidean', noProvider)).toBe(s.weight[0] * s.area[0]);
        }
      }
    });
  }
});
