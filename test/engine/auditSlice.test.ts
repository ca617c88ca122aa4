// A slice of a prepared audit (engine/auditSlice.ts): districts along a Hilbert curve, only the
// data within reach packed, and a context rebuilt from the slice alone that audits its
// communities exactly as the whole context does.
import { describe, expect, it } from 'vitest';
import { auditCommunities, prepareAudit } from '../../src/engine/audit';
import { auditReach, hilbertIndex, packAuditSlice, sliceContext, spatialSlices, withParkAreas } from '../../src/engine/auditSlice';
import { defaultPreset } from '../../src/engine/presets';
import { createEuclideanReach } from '../../src/engine/reach/euclideanReach';
import { parkAreaByCommunity } from '../../src/engine/parkAssignment';
import type { PreparedCommunity } from '../../src/engine/reach/reachProvider';
import { syntheticCity } from '../../bench/lib/syntheticCity';

describe('hilbertIndex', () => {
  it('visits the four cells of a 2 × 2 grid in the curve order (0,0) (0,1) (1,1) (1,0)', () => {
    expect([hilbertIndex(0, 0, 1), hilbertIndex(0, 1, 1), hilbertIndex(1, 1, 1), hilbertIndex(1, 0, 1)]).toEqual([0, 1, 2, 3]);
  });

  it('steps between neighbouring cells only, over a whole 16 × 16 grid', () => {
    const at: [number, number][] = [];
    for (let x = 0; x < 16; x++) for (let y = 0; y < 16; y++) at[hilbertIndex(x, y, 4)] = [x, y];
    expect(at.filter(Boolean)).toHaveLength(256);
    for (let d = 1; d < 256; d++) expect(Math.abs(at[d][0] - at[d - 1][0]) + Math.abs(at[d][1] - at[d - 1][1])).toBe(1);
  });
});

describe('spatialSlices', () => {
  // A 20 × 20 grid of 100 m squares.
  const grid: PreparedCommunity[] = [];
  for (let i = 0; i < 400; i++) {
    const x = (i % 20) * 100, y = Math.floor(i / 20) * 100;
    grid.push({ index: i, id: String(i), rings: [[[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]]], area_m2: 1e4, bbox: [x, y, x + 100, y + 100] });
  }

  it('splits into ascending runs that hold every community once, balanced by count', () => {
    for (const parts of [1, 2, 3, 4, 7]) {
      const s = spatialSlices(grid, parts);
      expect(s).toHaveLength(parts);
      expect(s.flat().sort((a, b) => a - b)).toEqual(grid.map((_, i) => i));
      for (const run of s) {
        expect(run).toEqual([...run].sort((a, b) => a - b));
        expect(Math.abs(run.length - 400 / parts)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives compact districts: four runs are the four 1,000 m quadrants', () => {
    const s = spatialSlices(grid, 4);
    for (const run of s) {
      const xs = run.map((i) => grid[i].bbox[0]), ys = run.map((i) => grid[i].bbox[1]);
      // Each run spans 1,000 m × 1,000 m (10 × 10 squares), not the whole 2,000 m city.
      expect(Math.max(...xs) + 100 - Math.min(...xs)).toBe(1000);
      expect(Math.max(...ys) + 100 - Math.min(...ys)).toBe(1000);
    }
  });

  it('gives the first run its share when it is to hold more or less than the others', () => {
    for (const [parts, first] of [[2, 1.5], [3, 1.5], [4, 0.5], [2, 3]] as const) {
      const s = spatialSlices(grid, parts, undefined, first);
      expect(s.flat().sort((a, b) => a - b)).toEqual(grid.map((_, i) => i));
      // By hand: the first run holds first / (first + parts − 1) of the 400 communities, the others share the rest.
      const want = (400 * first) / (first + parts - 1);
      expect(Math.abs(s[0].length - want), `${parts} parts, first ${first}`).toBeLessThanOrEqual(1);
      for (const run of s.slice(1)) expect(Math.abs(run.length - (400 - want) / (parts - 1))).toBeLessThanOrEqual(1);
    }
  });

  it('balances by weight when given one', () => {
    // The first 100 communities weigh 3 each: the heavy quarter gets its own run.
    const s = spatialSlices(grid, 2, (i) => (i < 100 ? 3 : 1));
    const w = s.map((run) => run.reduce((t, i) => t + (i < 100 ? 3 : 1), 0));
    expect(Math.abs(w[0] - w[1])).toBeLessThanOrEqual(3);
  });
});

describe('packAuditSlice / sliceContext', () => {
  const data = syntheticCity({ communities: 144, residentialPerCommunity: 3 });
  const ctx = prepareAudit(data, defaultPreset());

  it('carries only the facilities within reach of its district, and those assigned to it', () => {
    const [a] = spatialSlices(ctx.communities, 3);
    const s = packAuditSlice(ctx, a);
    const r = auditReach(ctx);
    expect(r).toBe(1000);
    // Brute force: the slice's extent grown by the reach, and the assigned facilities.
    const b = a.reduce((e, i) => { const c = ctx.communities[i].bbox; return [Math.min(e[0], c[0]), Math.min(e[1], c[1]), Math.max(e[2], c[2]), Math.max(e[3], c[3])]; }, [Infinity, Infinity, -Infinity, -Infinity]);
    const expected = ctx.facilities.filter((f) => (f.xy[0] >= b[0] - r - 1 && f.xy[0] <= b[2] + r + 1 && f.xy[1] >= b[1] - r - 1 && f.xy[1] <= b[3] + r + 1) || a.includes(f.community)).map((f) => f.index);
    expect(Array.from(s.facilities.pick)).toEqual(expected);
    expect(s.facilities.pick.length).toBeLessThan(ctx.facilities.length);
  });

  it('audits its communities exactly as the whole context does (park areas from the host)', () => {
    const whole = auditCommunities(ctx, ctx.communities.map((_, i) => i));
    const parks = parkAreaByCommunity(ctx.communities, ctx.communityIndex, ctx.green);
    for (const run of spatialSlices(ctx.communities, 3)) {
      // Through a structured clone, as a thread receives it.
      const slice = structuredClone(packAuditSlice(ctx, run));
      const got = withParkAreas(auditCommunities(sliceContext(slice, createEuclideanReach()), run), run, parks);
      expect(got).toEqual(run.map((i) => whole[i]));
    }
    expect(whole.some((c) => c.coverageBasis === 'residential-households')).toBe(true);
    expect(whole.some((c) => (c.parkArea_m2 ?? 0) > 0)).toBe(true);
  });
});
