import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import {
  auditCommunities, auditDataset, communitiesWithin, coveredPart, prepareAudit, runAudit, uncoveredPart, withFacilityChanged,
} from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import type { Dataset } from '../../src/engine/types';
import { community, facility, ll, loadFixture, rect } from './helpers';
import { basisOf } from '../../src/engine/residentialBasis';
import { reachedOnBasis } from '../../src/engine/residentialShare';
import { mulberry32 } from '../../bench/lib/random';

const preset = defaultPreset();

describe('coverage shares on hand-calculated fixtures', () => {
  it('square half covered by a circle on an edge midpoint: π·300²/2 / 800² = 0.220893', () => {
    const r = auditDataset(loadFixture('square-half-covered-by-edge-circle'), preset).communities[0];
    const exact = (Math.PI * 300 * 300) / 2 / (800 * 800);
    expect(r.lifeCircles['5'].kindergarten!).toBeLessThanOrEqual(exact);
    expect(exact - r.lifeCircles['5'].kindergarten!).toBeLessThan(exact * 0.001);
    expect(r.area_m2).toBeCloseTo(640000, -1);
    expect(r.failures.find((f) => f.rule === 'lifeCircle' && f.category === 'kindergarten')).toMatchObject({ tier: '5', required: 0.9, bound: 'min' });
  });

  it('community with a hole: (π·300² − 200²) / 320,000 = 0.758573', () => {
    const ctx = prepareAudit(loadFixture('community-with-hole'), preset);
    const r = runAudit(ctx).communities[0];
    const exact = (Math.PI * 300 * 300 - 200 * 200) / 320000;
    expect(Math.abs(r.lifeCircles['5'].health_station! - exact)).toBeLessThan(0.001);
    expect(r.facilityIds).toEqual([]);
  });

  it('two-part community: one part covered, the other not → 0.5', () => {
    const r = auditDataset(loadFixture('two-part-community'), preset).communities[0];
    expect(r.area_m2).toBeCloseTo(80000, -1);
    expect(r.lifeCircles['5'].kindergarten).toBeCloseTo(0.5, 4);
  });

  it('square next to a green strip: green 300 m → 0.5, park 500 m → 5/6', () => {
    const r = auditDataset(loadFixture('square-next-to-green-strip'), preset).communities[0];
    expect(r.greenCoverage).toBeCloseTo(0.5, 4);
    expect(r.parkCoverage).toBeCloseTo(5 / 6, 4);
    expect(r.failures.filter((f) => f.rule === 'greenCoverage' || f.rule === 'parkCoverage').map((f) => [f.rule, f.required])).toEqual([['greenCoverage', 0.95], ['parkCoverage', 0.95]]);
  });

  it('gap layer: covered + uncovered areas (turf geodesic area, a second method) add up to the community', () => {
    const ctx = prepareAudit(loadFixture('square-half-covered-by-edge-circle'), preset);
    const covered = turf.area(turf.multiPolygon(coveredPart(ctx, 0, '5', 'kindergarten')));
    const uncovered = turf.area(turf.multiPolygon(uncoveredPart(ctx, 0, '5', 'kindergarten')));
    // turf.area is spherical (R = 6,371,008.8 m): ≈ 0.2–0.7 % off the ellipsoid at 23°N; compare shares.
    const exactShare = (Math.PI * 300 * 300) / 2 / (800 * 800);
    expect(covered / (covered + uncovered)).toBeCloseTo(exactShare, 3);
    const g = prepareAudit(loadFixture('square-next-to-green-strip'), preset);
    const gc = turf.area(turf.multiPolygon(coveredPart(g, 0, { green: 'green' })));
    const gu = turf.area(turf.multiPolygon(uncoveredPart(g, 0, { green: 'green' })));
    expect(gc / (gc + gu)).toBeCloseTo(0.5, 3);
  });
});

describe('serviceArea, areaPer100Households, largest station', () => {
  it('sums community_service floor areas assigned, defaults marked as estimates', () => {
    // explicit-assignment: A gets S2 (250) and S3 (no area → default 300); B gets S1 (350).
    const res = auditDataset(loadFixture('explicit-assignment'), preset);
    const A = res.communities.find((c) => c.id === 'A')!;
    const B = res.communities.find((c) => c.id === 'B')!;
    expect(A.serviceArea_m2).toBe(550);
    expect(A.areaPer100Households_m2).toBeCloseTo((550 / 1000) * 100, 9);
    expect(A.largestStation_m2).toBe(300);
    expect(A.estimates).toContain('floorArea:S3 (preset default 300 m²)');
    expect(B.serviceArea_m2).toBe(350);
    expect(B.areaPer100Households_m2).toBeCloseTo(35, 9);
    // 55 ≥ 30 and 35 ≥ 30: no areaPer100Households failure; A's largest station 300 ≥ 300.
    expect([...A.failures, ...B.failures].filter((f) => f.rule === 'areaPer100Households' || f.rule === 'stationMinArea')).toEqual([]);
  });

  it('counts assigned facilities per category, keys in the vocabulary\'s order whatever the facilities\' order', () => {
    const data: Dataset = {
      communities: [community('A', [[rect(0, 0, 400, 400)]])],
      facilities: [
        facility('F1', 'supermarket', 100, 100, { floorArea: 200 }),
        facility('F2', 'kindergarten', 120, 100, { floorArea: 1000 }),
        facility('F3', 'supermarket', 140, 100, { floorArea: 50.5 }),
        facility('F4', 'community_service', 160, 100, { floorArea: 300 }),
      ],
      green: [],
    };
    const r = auditDataset(data, preset).communities[0];
    expect(r.facilitiesByCategory).toEqual({ community_service: { count: 1, floorArea_m2: 300 }, kindergarten: { count: 1, floorArea_m2: 1000 }, supermarket: { count: 2, floorArea_m2: 250.5 } });
    expect(Object.keys(r.facilitiesByCategory!)).toEqual(['community_service', 'kindergarten', 'supermarket']);
  });
});

function grid(n: number): Dataset {
  const communities = [], facilities = [];
  for (let i = 0; i < n; i++) {
    const x = (i % 10) * 300, y = Math.floor(i / 10) * 300;
    communities.push(community(`C${String(i).padStart(3, '0')}`, [[rect(x, y, x + 300, y + 300)]]));
    facilities.push(facility(`K${i}`, 'kindergarten', x + 150, y + 150));
  }
  return { communities, facilities, green: [] };
}

describe('runAudit progress and cancellation', () => {
  it('reports monotone progress ending at (n, n)', () => {
    const calls: [number, number][] = [];
    const r = runAudit(prepareAudit(grid(30), preset), { onProgress: (d, t) => calls.push([d, t]) });
    expect(r.communities).toHaveLength(30);
    expect(calls[0]).toEqual([0, 30]);
    expect(calls[calls.length - 1]).toEqual([30, 30]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
  });

  it('throws an AbortError when the signal is aborted mid-way', () => {
    const signal = { aborted: false };
    let seen = 0;
    const run = () => runAudit(prepareAudit(grid(30), preset), { signal, onProgress: (d) => { seen = d; if (d >= 10) signal.aborted = true; } });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(seen).toBeGreaterThanOrEqual(10);
    expect(seen).toBeLessThan(30);
  });

  it('summary counts communities per failing rule', () => {
    const r = auditDataset(grid(12), preset);
    expect(r.summary.communities).toBe(12);
    expect(r.summary.households).toBe(12000);
    // No community_service anywhere: every community fails areaPer100Households and stationMinArea.
    expect(r.summary.byRule.areaPer100Households).toBe(12);
    expect(r.summary.failing).toBe(12);
    expect(r.parameters).toMatchObject({ mode: 'euclidean', tiers: { '5': 300, '10': 500, '15': 1000 }, greenDistance_m: 300, parkDistance_m: 500 });
  });
});

describe('communitiesWithin', () => {
  // Squares (100 m) at increasing gaps east of the origin, and one whose nearest corner is at (100, 100): 141.4 m.
  const data: Dataset = {
    communities: [
      community('E100', [[rect(100, -50, 200, 50)]]),
      community('E200', [[rect(300, -50, 400, 50)]]),
      community('DIAG', [[rect(-200, 100, -100, 200)]]),
      community('HERE', [[rect(-50, -50, 50, 50)]]),
    ],
    facilities: [],
    green: [],
  };
  const ctx = prepareAudit(data, preset);
  it('uses the exact distance to the polygon (0 inside)', () => {
    const at = ll(0, 0);
    expect(communitiesWithin(ctx, at, 0)).toEqual([3]);
    expect(communitiesWithin(ctx, at, 99)).toEqual([3]);
    expect(communitiesWithin(ctx, at, 101)).toEqual([0, 3]);
    expect(communitiesWithin(ctx, at, 140)).toEqual([0, 3]);
    expect(communitiesWithin(ctx, at, 142)).toEqual([0, 2, 3]);
    expect(communitiesWithin(ctx, at, 301)).toEqual([0, 1, 2, 3]);
  });
});

describe('withFacilityChanged (incremental what-if)', () => {
  it('adding a facility re-audits only reachable communities and matches a full re-audit', () => {
    const data = grid(30);
    const ctx = prepareAudit(data, preset);
    const before = runAudit(ctx);
    // The grid has no elderly care: community 15 (cell 1500..1800 × 300..600) gains some.
    const added = facility('E15', 'elderly_care', 1650, 450);
    const { ctx: next, affected } = withFacilityChanged(ctx, { type: 'add', facility: added });
    // Widest tier 1000 m from (1650, 450) reaches far but not all of a 3,000 × 900 m grid.
    expect(affected.length).toBeGreaterThan(0);
    expect(affected.length).toBeLessThan(30);
    expect(affected).toContain(15);
    const updated = before.communities.slice();
    auditCommunities(next, affected).forEach((r, k) => { updated[affected[k]] = r; });
    const full = auditDataset({ ...data, facilities: [...data.facilities, added] }, preset);
    expect(updated).toEqual(full.communities);
    expect(before.communities[15].lifeCircles['5'].elderly_care).toBe(0);
    // The 300 m disk holds the whole 300 m cell (corners at 212 m from its centre).
    expect(full.communities[15].lifeCircles['5'].elderly_care).toBeCloseTo(1, 9);
  });

  it('moving and removing facilities match a full re-audit', () => {
    const data = grid(20);
    const ctx = prepareAudit(data, preset);
    const base = runAudit(ctx).communities;
    const moved = { ...data.facilities[3], position: ll(2500, 100) };
    const u = withFacilityChanged(ctx, { type: 'update', index: 3, facility: moved });
    const r1 = base.slice();
    auditCommunities(u.ctx, u.affected).forEach((r, k) => { r1[u.affected[k]] = r; });
    expect(r1).toEqual(auditDataset({ ...data, facilities: data.facilities.map((f, i) => (i === 3 ? moved : f)) }, preset).communities);
    const rm = withFacilityChanged(u.ctx, { type: 'remove', index: 0 });
    const r2 = r1.slice();
    auditCommunities(rm.ctx, rm.affected).forEach((r, k) => { r2[rm.affected[k]] = r; });
    expect(r2).toEqual(auditDataset({ ...data, facilities: data.facilities.map((f, i) => (i === 3 ? moved : f)).slice(1) }, preset).communities);
  });
});

describe('reach provider injection', () => {
  it('uses options.reach and its mode; network mode without a provider is an error', () => {
    const calls: number[] = [];
    const fake = { mode: 'network' as const, reachedPart: (c: { rings: [number, number][][] }, _s: unknown, d: number) => { calls.push(d); return c.rings; } };
    const r = auditDataset(loadFixture('square-half-covered-by-edge-circle'), preset, { reach: fake });
    expect(r.parameters.mode).toBe('network');
    expect(r.communities[0].lifeCircles['5'].kindergarten).toBeCloseTo(1, 9);
    expect(calls).toContain(300);
    expect(() => prepareAudit(grid(1), preset, { mode: 'network' })).toThrow(/reach provider/);
  });
});

describe('projection', () => {
  it('is centred on the communities and can be passed in', async () => {
    const { datasetProjection } = await import('../../src/engine/audit');
    const data = loadFixture('two-part-community');
    const proj = datasetProjection(data);
    // The fixture is symmetric about 114°E 23°N (x −500..500, y −100..100 m).
    expect(proj.center[0]).toBeCloseTo(114, 9);
    expect(proj.center[1]).toBeCloseTo(23, 6);
    const ctx = prepareAudit(data, preset, { projection: proj });
    expect(ctx.projection).toBe(proj);
  });
});

describe('shares on the residential basis, community after community', () => {
  it('each community\'s shares start from its own pieces\' box: a disc holding the first one\'s land reaches 0.6172 of the second\'s', () => {
    // A (x 0..600) has land x 500..600, y 0..100; B (x 600..1200) has land x 600..1100, y 0..100;
    // one kindergarten at (610, 50), 300 m: A's land wholly (its far corners 121 m away); of B's, the
    // part x ≤ 610 + √(300² − (y − 50)²): ∫₋₅₀⁵⁰ (10 + √(300² − t²)) dt
    // = 1000 + 50·√(300² − 50²) + 300²·asin(50/300), of 500 × 100.
    const land = (id: string, x0: number, x1: number) => ({ id, households: 100, geometry: [[rect(x0, 0, x1, 100)]] });
    const d: Dataset = {
      communities: [community('A', [[rect(0, -300, 600, 300)]]), community('B', [[rect(600, -300, 1200, 300)]])],
      facilities: [facility('K', 'kindergarten', 610, 50)], green: [],
      residential: [land('RA', 500, 600), land('RB', 600, 1100)],
    };
    const [a, b] = auditDataset(d, preset).communities;
    expect(a.coverageBasis).toBe('residential-households');
    expect(a.lifeCircles['5'].kindergarten).toBe(1);
    const exact = (1000 + 50 * Math.sqrt(300 * 300 - 50 * 50) + 300 * 300 * Math.asin(50 / 300)) / 50000;
    expect(b.lifeCircles['5'].kindergarten).toBeCloseTo(exact, 6);
  });

  it('at 1000 m a facility whose disc holds a community\'s land makes it whole (1); one that holds only part reaches 0.6203 of the other\'s', () => {
    // The lands as above. A health centre at (−90, 50): A's land's farthest corner (600, 0) is
    // √(690² + 50²) = 691.8 m away, whole; of B's land, the part x ≤ −90 + √(1000² − (y − 50)²):
    // ∫₋₅₀⁵⁰ (√(1000² − t²) − 690) dt = 50·√(1000² − 50²) + 1000²·asin(50/1000) − 69,000, of 500 × 100.
    // A culture centre at (850, 50) holds both lands (farthest corners 350 m and 255 m away).
    const land = (id: string, x0: number, x1: number) => ({ id, households: 100, geometry: [[rect(x0, 0, x1, 100)]] });
    const d: Dataset = {
      communities: [community('A', [[rect(0, -300, 600, 300)]]), community('B', [[rect(600, -300, 1200, 300)]])],
      facilities: [facility('H', 'health_center', -90, 50), facility('C', 'culture_center', 850, 50)], green: [],
      residential: [land('RA', 500, 600), land('RB', 600, 1100)],
    };
    const [a, b] = auditDataset(d, preset).communities;
    expect(a.lifeCircles['15'].health_center).toBe(1);
    const exact = (50 * Math.sqrt(1000 * 1000 - 50 * 50) + 1000 * 1000 * Math.asin(50 / 1000) - 69000) / 50000;
    expect(b.lifeCircles['15'].health_center).toBeCloseTo(exact, 6);
    expect(a.lifeCircles['15'].culture_center).toBe(1);
    expect(b.lifeCircles['15'].culture_center).toBe(1);
    expect(a.lifeCircles['5'].kindergarten).toBe(0);
  });

  it('every tier\'s shares are those of the pieces measured against all facilities of the category (reachedOnBasis, a second path), on random land and facilities', () => {
    for (const seed of [3, 8, 13]) {
      const rand = mulberry32(seed);
      const communities = [], residential = [], facilities = [];
      for (let c = 0; c < 6; c++) {
        const x0 = 700 * c;
        communities.push(community(`C${c}`, [[rect(x0, 0, x0 + 600, 600)]]));
        for (let r = 0; r < 8; r++) {
          const lx = x0 + 10 + rand() * 500, ly = 10 + rand() * 500, w = 5 + rand() * 80, h = 5 + rand() * 80;
          residential.push({ id: `R${c}-${r}`, households: 1 + Math.floor(rand() * 50), geometry: [[rect(lx, ly, Math.min(lx + w, x0 + 590), Math.min(ly + h, 590))]] });
        }
      }
      const cats = ['kindergarten', 'supermarket', 'health_center', 'culture_center'] as const;
      for (let i = 0; i < 40; i++) facilities.push(facility(`F${i}`, cats[i % 4], -800 + rand() * 5800, -900 + rand() * 2400));
      const ctx = prepareAudit({ communities, facilities, green: [], residential } as Dataset, preset);
      const res = runAudit(ctx).communities;
      let whole = 0, partial = 0;
      for (let c = 0; c < communities.length; c++) {
        const basis = basisOf(ctx, c)!;
        for (const [tier, cat] of [['5', 'kindergarten'], ['10', 'supermarket'], ['15', 'health_center'], ['15', 'culture_center']] as const) {
          const dist = preset.tiers[tier].distance_m;
          const sources = ctx.facilities.filter((f) => f.category === cat).map((f) => ({ kind: 'point' as const, id: f.id, xy: f.xy }));
          const expected = reachedOnBasis(basis, ctx.communities[c], sources, dist, 'euclidean', () => { throw new Error('not straight-line'); }) / basis.total;
          const got = res[c].lifeCircles[tier][cat]!;
          expect(got, `seed ${seed} ${res[c].id} ${cat}`).toBeCloseTo(Math.min(1, expected), 10);
          if (got === 1) whole++; else if (got > 0) partial++;
        }
      }
      expect(whole).toBeGreaterThan(2);
      expect(partial).toBeGreaterThan(2);
    }
  });
});
