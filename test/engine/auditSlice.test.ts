// A slice of a prepared audit (engine/auditSlice.ts): districts along a Hilbert curve, only the
// data within reach packed, and a context rebuilt from the slice alone that audits its
// communities exactly as the whole context does, preparing their residential bases itself when
// the context defers them.
import { describe, expect, it } from 'vitest';
import { auditCommunities, auditResultOf, prepareAudit, runAudit, uncoveredPart } from '../../src/engine/audit';
import { createNetworkReach } from '../../src/engine/network/networkReach';
import { datasetProjection } from '../../src/engine/prepare';
import { auditReach, hilbertIndex, packAuditSlice, sliceContext, spatialSlices, withParkAreas } from '../../src/engine/auditSlice';
import { defaultPreset } from '../../src/engine/presets';
import { createEuclideanReach } from '../../src/engine/reach/euclideanReach';
import { parkAreaByCommunity } from '../../src/engine/parkAssignment';
import type { PreparedCommunity } from '../../src/engine/reach/reachProvider';
import { recordResidentialLand, type CommunityBasis } from '../../src/engine/residentialBasis';
import { bboxOf, metricRingsOf } from '../../src/engine/residentialPieces';
import type { Dataset, ResidentialLand } from '../../src/engine/types';
import { syntheticCity } from '../../bench/lib/syntheticCity';
import { community, facility, ll, rect } from './helpers';

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

describe('deferred residential bases: each slice prepares its own communities\' bases', () => {
  // A 6 × 6 grid of 100 m square communities. Each has a footprint inside (10 + i households);
  // footprints straddle every shared edge (30 households: half each side) and every inner corner
  // (40: a quarter each), except around four communities left with no residential land. One
  // feature also has a degenerate second part (a projection warning, the feature kept).
  const EMPTY = new Set([0, 15, 22, 35]);
  const N = 6;
  const at = (c: number, r: number) => r * N + c;
  const empty = (c: number, r: number) => EMPTY.has(at(c, r));
  function city(households: boolean): { data: Dataset; want: number[] } {
    const communities = [];
    const residential: ResidentialLand[] = [];
    const want = new Array<number>(N * N).fill(0); // by hand: households (or m²) of each community's basis
    const add = (id: string, r: ReturnType<typeof rect>, h: number, parts: number[], share: number, area: number) => {
      residential.push({ id, geometry: [[r]], ...(households ? { households: h } : {}) });
      for (const i of parts) want[i] += households ? h * share : area * share;
    };
    for (let r = 0; r < N; r++) {
      for (let c = 0; c < N; c++) {
        const x = 100 * c, y = 100 * r;
        communities.push(community(`C${at(c, r)}`, [[rect(x, y, x + 100, y + 100)]]));
        if (empty(c, r)) continue;
        add(`in-${at(c, r)}`, rect(x + 20, y + 20, x + 60, y + 50), 10 + at(c, r), [at(c, r)], 1, 1200);
        if (c + 1 < N && !empty(c + 1, r)) add(`v-${at(c, r)}`, rect(x + 85, y + 70, x + 115, y + 90), 30, [at(c, r), at(c + 1, r)], 0.5, 600);
        if (r + 1 < N && !empty(c, r + 1)) add(`h-${at(c, r)}`, rect(x + 70, y + 90, x + 90, y + 110), 30, [at(c, r), at(c, r + 1)], 0.5, 400);
        if (c + 1 < N && r + 1 < N && !empty(c + 1, r) && !empty(c, r + 1) && !empty(c + 1, r + 1))
          add(`x-${at(c, r)}`, rect(x + 95, y + 95, x + 105, y + 105), 40, [at(c, r), at(c + 1, r), at(c, r + 1), at(c + 1, r + 1)], 0.25, 100);
      }
    }
    // A degenerate second part (two vertices): warned on projection, the first part kept.
    residential.push({ id: 'odd', geometry: [[rect(120, 160, 140, 175)], [[ll(160, 160), ll(170, 170), ll(160, 160)]]], ...(households ? { households: 5 } : {}) });
    want[at(1, 1)] += households ? 5 : 300;
    return { data: { communities, facilities: [facility('K', 'kindergarten', 250, 250)], green: [], residential }, want };
  }

  /** A basis's own figures (not where its pieces sit in which store). */
  const own = (b: CommunityBasis) => ({ ...b, store: null, first: 0 });

  for (const households of [true, false]) {
    it(`${households ? 'households' : 'area'} basis: three slices' bases equal the whole context's, and the audit's warnings come out in the same order`, () => {
      const { data, want } = city(households);
      const eager = prepareAudit(data, defaultPreset());
      const expected = auditResultOf(eager, auditCommunities(eager, eager.communities.map((_, i) => i)));
      // By hand: each community's basis total (within 0.1 %: cuts land on clipper's centimetre grid), and the warnings (the degenerate part first, then the empty communities in order).
      eager.communities.forEach((_, i) => {
        const b = eager.basis[i];
        if (EMPTY.has(i)) expect(b.kind).toBe('community-area');
        else expect(Math.abs(b.total / want[i] - 1), `community ${i}`).toBeLessThan(1e-3);
      });
      const codes = expected.warnings.filter((w) => w.layer === 'residential' || w.code === 'no_residential_land').map((w) => `${w.code} ${w.feature}`);
      expect(codes).toEqual([
        'invalid_geometry odd', ...(households ? [] : ['missing_households in-1']), ...[...EMPTY].map((i) => `no_residential_land C${i}`),
      ]);

      const deferred = prepareAudit(data, defaultPreset(), { deferBases: true });
      expect(deferred.basis.filter(Boolean)).toHaveLength(0);
      const slices = spatialSlices(deferred.communities, 3);
      const sliceOf = new Map(slices.flatMap((run, k) => run.map((i) => [i, k] as const)));
      // The fixture tests what it means to: straddling footprints and empty communities in more than one slice.
      expect(data.residential!.some((r) => r.id.startsWith('v-') && sliceOf.get(Number(r.id.slice(2))) !== sliceOf.get(Number(r.id.slice(2)) + 1))).toBe(true);
      expect(new Set([...EMPTY].map((i) => sliceOf.get(i))).size).toBeGreaterThan(1);

      const results = new Array(N * N);
      slices.forEach((run, k) => {
        if (k === 0) {
          auditCommunities(deferred, run).forEach((r, q) => { results[run[q]] = r; });
          return;
        }
        // As a thread receives it: no pieces, the features near its communities.
        const slice = structuredClone(packAuditSlice(deferred, run));
        expect(slice.residential!.store.count).toBeLessThan(data.residential!.length);
        const sctx = sliceContext(slice, createEuclideanReach());
        auditCommunities(sctx, run).forEach((r, q) => { results[run[q]] = r; });
        for (const i of run) {
          const a = eager.basis[i], b = sctx.basis[i];
          expect(own(b), `community ${i}`).toEqual(own(a));
          for (let p = 0; p < a.count; p++) {
            expect(metricRingsOf(b.store!, b.first + p)).toEqual(metricRingsOf(a.store!, a.first + p));
            expect([b.store!.area[b.first + p], b.store!.weight[b.first + p], ...bboxOf(b.store!, b.first + p)])
              .toEqual([a.store!.area[a.first + p], a.store!.weight[a.first + p], ...bboxOf(a.store!, a.first + p)]);
          }
          recordResidentialLand(deferred.deferredBasis!, i, sctx.deferredBasis!.land[i] === 2);
        }
      });
      // The main thread's own district: prepared on demand, equal too.
      for (const i of slices[0]) expect(own(deferred.basis[i])).toEqual(own(eager.basis[i]));
      expect(auditResultOf(deferred, results)).toEqual(expected);
    });
  }

  it('walking mode: the no_residential_land warnings go before the reach warnings, as when prepared at once', () => {
    // A road along the grid's south row only: the communities far from it are warned as off the network, after the residential warnings.
    const { data } = city(true);
    const d: Dataset = { ...data, roads: [{ id: 'road', coordinates: [ll(-50, 50), ll(650, 50)] }] };
    const reach = () => createNetworkReach(d.roads!, datasetProjection(d));
    const expected = runAudit(prepareAudit(d, defaultPreset(), { reach: reach() }));
    const codes = expected.warnings.map((w) => w.code).filter((c) => c === 'no_residential_land' || c === 'community_off_network');
    expect(codes.indexOf('community_off_network')).toBeGreaterThan(codes.lastIndexOf('no_residential_land'));
    expect(runAudit(prepareAudit(d, defaultPreset(), { reach: reach(), deferBases: true }))).toEqual(expected);
  });

  it('a gap map asks for a basis no thread prepared here: built on demand, the same as prepared at once', () => {
    const { data } = city(true);
    const eager = prepareAudit(data, defaultPreset());
    const deferred = prepareAudit(data, defaultPreset(), { deferBases: true });
    for (const i of [7, 15, 28]) expect(uncoveredPart(deferred, i, '5', 'kindergarten')).toEqual(uncoveredPart(eager, i, '5', 'kindergarten'));
  });
});
