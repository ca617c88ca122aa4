// The walking bands against the code before the single-band speed work (stitched tile parts,
// clipping without the contained capsules), on the bench's two kinds of city: the jittered 60 m
// grid and the 18 m lattice (smaller, same densities). Both constructions describe the same set
// (docs/network-areas.md §4); they may differ only by centimetre rounding, the documented bound:
// symmetric difference ≤ 1 cm × the band's perimeter and ≤ 1e-5 of its area. The old code is
// extracted from git (bench/lib/baseline.ts); without git history the test skips with a message.
import ClipperLib from 'clipper-lib';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/engine/network/graph';
import * as facilityAreas from '../../../src/engine/network/facilityAreas';
import { ringsArea, toPaths } from '../../../src/engine/network/clip';
import type { MetricRings, XY } from '../../../src/engine/reach/reachProvider';
import { baselineDir, importBaseline, PREVIOUS_BANDS_COMMIT } from '../../../bench/lib/baseline';
import { jitteredGrid } from '../../../bench/lib/jitteredGrid';
import { denseLattice } from '../../../bench/lib/denseLattice';
import { mulberry32 } from './helpers';

type Bands = typeof facilityAreas;
const base = baselineDir(PREVIOUS_BANDS_COMMIT);
if ('reason' in base) console.warn(`skipping the comparison with the previous bands: ${base.reason}`);

function xorArea(a: MetricRings, b: MetricRings): number {
  const c = new ClipperLib.Clipper();
  c.AddPaths(toPaths(a), ClipperLib.PolyType.ptSubject, true);
  c.AddPaths(toPaths(b), ClipperLib.PolyType.ptClip, true);
  const out: ClipperLib.Paths = [];
  c.Execute(ClipperLib.ClipType.ctXor, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
  return out.reduce((s, p) => s + Math.abs(ClipperLib.Clipper.Area(p)), 0) / 1e4;
}
const perimeter = (rings: MetricRings) => rings.reduce((s, r) => s + r.reduce((t, p, i) => t + Math.hypot(r[(i + 1) % r.length][0] - p[0], r[(i + 1) % r.length][1] - p[1]), 0), 0);

async function compare(lines: XY[][], facilities: { id: string; xy: XY }[], tolerance_m?: number): Promise<{ bands: number; worstPerPerimeter: number; worstRelative: number }> {
  const old = await importBaseline<Bands>((base as { dir: string }).dir, 'network/facilityAreas');
  const g = buildGraph(lines);
  const opt = { maxOffset_m: 100, ...(tolerance_m ? { tolerance_m } : {}) };
  let bands = 0;
  let worstPerPerimeter = 0;
  let worstRelative = 0;
  for (const f of facilities) {
    const a = facilityAreas.facilityBands(g, f, [300, 500, 1000], opt);
    const b = old.facilityBands(g, f, [300, 500, 1000], opt);
    for (let k = 0; k < 3; k++) {
      const A = a.bands[k].area;
      const B = b.bands[k].area;
      const x = xorArea(A, B);
      worstPerPerimeter = Math.max(worstPerPerimeter, x / perimeter(B));
      worstRelative = Math.max(worstRelative, x / ringsArea(B));
      expect(a.bands[k].network.length_m).toBe(b.bands[k].network.length_m);
      bands++;
    }
  }
  return { bands, worstPerPerimeter, worstRelative };
}

describe.skipIf('reason' in base)('walking bands against the previous construction', () => {
  it('bench city grid (60 m, jittered): every band within 1 cm × perimeter and 1e-5 of its area', async () => {
    const rand = mulberry32(42);
    const n = 70;
    const lines = jitteredGrid(rand, n, 60);
    const facilities = Array.from({ length: 6 }, (_, i) => ({ id: `f${i}`, xy: [(0.3 + 0.4 * rand()) * n * 60, (0.3 + 0.4 * rand()) * n * 60] as XY }));
    for (const tol of [undefined, 2]) {
      const r = await compare(lines, facilities, tol);
      expect(r.bands).toBe(18);
      expect(r.worstPerPerimeter).toBeLessThanOrEqual(0.01);
      expect(r.worstRelative).toBeLessThanOrEqual(1e-5);
    }
  }, 120_000);

  it('dense 18 m lattice: every band within 1 cm × perimeter and 1e-5 of its area', async () => {
    const L = denseLattice({ side_m: 2880, facilities: 4, seed: 3 });
    // Facilities near the middle, so the 1,000 m bands reach the lattice's edge only partly.
    const facilities = L.facilities.map((f) => ({ id: f.id, xy: [f.xy[0] * 0.5, f.xy[1] * 0.5] as XY }));
    const r = await compare(L.lines, facilities);
    expect(r.bands).toBe(12);
    expect(r.worstPerPerimeter).toBeLessThanOrEqual(0.01);
    expect(r.worstRelative).toBeLessThanOrEqual(1e-5);
  }, 120_000);
});
