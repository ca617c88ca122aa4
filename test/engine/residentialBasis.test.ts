// Coverage basis (audit-cli.md "Coverage basis"): hand-computed cases on straight edges, and a
// second method (grid sampling of the definition) on random shapes.
import { describe, expect, it } from 'vitest';
import {
  auditCommunities, auditDataset, prepareAudit, runAudit, uncoveredPart, withFacilityChanged,
} from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import { createNetworkReach } from '../../src/engine/network/networkReach';
import { datasetProjection } from '../../src/engine/prepare';
import { communityBases, landOf, type ResidentialFeatures } from '../../src/engine/residentialBasis';
import { metricRingsOf, PolygonStoreBuilder } from '../../src/engine/residentialPieces';
import { storeIndex } from '../../src/engine/residentialLayer';
import { reachedByPoints } from '../../src/engine/residentialShare';
import type { PreparedCommunity } from '../../src/engine/reach/reachProvider';
import type { Dataset, ResidentialLand, RulePreset } from '../../src/engine/types';
import { community, facility, green, ll, rect, ring, xy } from './helpers';
import { mulberry32 } from '../../bench/lib/random';
import { isCollected } from '../lib/collected';
import { intersection, union } from '../../src/engine/geo/clip';
import { ringsArea } from '../../src/engine/geo/metricRings';

const preset = defaultPreset();
// Square community x 0..600, y 0..600 (the test plane, metres); a green strip x −100..0 along its
// west side, long enough that its 300 m buffer is the straight line x = 300 across the square.
const SQUARE = rect(0, 0, 600, 600);
const STRIP = green('G', [[rect(-100, -1000, 0, 1600)]]);
const res = (id: string, r: ReturnType<typeof rect>, households?: number | null, holes: ReturnType<typeof rect>[] = []): ResidentialLand => ({
  id, geometry: [[r, ...holes]], ...(households !== undefined ? { households } : {}),
});
const data = (residential: ResidentialLand[] | undefined, extra: Partial<Dataset> = {}): Dataset => ({
  communities: [community('SQ', [[SQUARE]])], facilities: [], green: [STRIP], ...(residential ? { residential } : {}), ...extra,
});

describe('coverage basis: hand-computed cases (green within 300 m reaches x ≤ 300)', () => {
  it('without a residential layer nothing changes: the whole square, 300/600 = 0.5', () => {
    const r = auditDataset(data(undefined), preset);
    expect(r.communities[0].greenCoverage).toBeCloseTo(0.5, 4);
    expect(r.communities[0].coverageBasis).toBe('community-area');
    expect(r.communities[0].residentialArea_m2).toBe(0);
    expect(r.summary.householdsWithin).toBeUndefined();
  });

  it('a polygon cut by the community boundary: only its part inside counts, 100×100 / 400×100 = 0.25', () => {
    // R: x 200..800 (beyond the square's east edge at 600), y 0..100; inside: x 200..600.
    const r = auditDataset(data([res('R', rect(200, 0, 800, 100))]), preset).communities[0];
    expect(r.coverageBasis).toBe('residential-area');
    expect(r.residentialArea_m2).toBeCloseTo(40000, -1);
    expect(r.greenCoverage).toBeCloseTo(0.25, 4);
  });

  it('a cut polygon with households gives each side its area part: 900 / (900 + 200·½) = 0.9', () => {
    // A: x 0..100 (reached), 900 households. C: x 500..700, 200 households, half inside (unreached).
    const r = auditDataset(data([res('A', rect(0, 0, 100, 100), 900), res('C', rect(500, 200, 700, 300), 200)]), preset);
    const c = r.communities[0];
    expect(c.coverageBasis).toBe('residential-households');
    expect(c.greenCoverage).toBeCloseTo(0.9, 4);
    // The same land without households: area basis, 10,000 of 20,000 m² reached.
    const a = auditDataset(data([res('A', rect(0, 0, 100, 100), 900), res('C', rect(500, 200, 700, 300))]), preset);
    expect(a.communities[0].coverageBasis).toBe('residential-area');
    expect(a.communities[0].greenCoverage).toBeCloseTo(0.5, 4);
    expect(a.warnings.filter((w) => w.layer === 'residential').map((w) => [w.code, w.feature])).toEqual([['missing_households', 'C']]);
  });

  it('two overlapping polygons count once on the area basis: B inside A → 300/400 = 0.75 (0.833 if counted twice)', () => {
    const r = auditDataset(data([res('A', rect(0, 0, 400, 100)), res('B', rect(100, 0, 300, 100))]), preset).communities[0];
    expect(r.residentialArea_m2).toBeCloseTo(40000, -1);
    expect(r.greenCoverage).toBeCloseTo(0.75, 4);
  });

  it('overlapping polygons with households: each polygon its own households, (300·¾ + 100) / 400 = 0.8125', () => {
    // A: x 0..400, 300 households (¾ reached); B: x 100..300 inside A, 100 households (all reached).
    const r = auditDataset(data([res('A', rect(0, 0, 400, 100), 300), res('B', rect(100, 0, 300, 100), 100)]), preset).communities[0];
    expect(r.coverageBasis).toBe('residential-households');
    expect(r.residentialArea_m2).toBeCloseTo(40000, -1);
    expect(r.greenCoverage).toBeCloseTo(0.8125, 4);
  });

  it('overlapping polygons whose households are all 0 fall back to their area, overlaps once: 300/400 = 0.75', () => {
    const r = auditDataset(data([res('A', rect(0, 0, 400, 100), 0), res('B', rect(100, 0, 300, 100), 0)]), preset).communities[0];
    expect(r.coverageBasis).toBe('residential-area');
    expect(r.residentialArea_m2).toBeCloseTo(40000, -1);
    expect(r.greenCoverage).toBeCloseTo(0.75, 4);
  });

  it('life circles and park coverage use the same basis; summary.householdsWithin = households × share', () => {
    // Kindergarten at (50, 50): A (x 0..100, 900 hh) within 300 m, C's inside half (x 500..600) not.
    // Park strip within 500 m reaches x ≤ 500: A yes, C's inside half no.
    const d = data([res('A', rect(0, 0, 100, 100), 900), res('C', rect(500, 200, 700, 300), 200)], {
      facilities: [facility('K', 'kindergarten', 50, 50)],
      green: [{ ...STRIP, kind: 'park' }],
    });
    const r = auditDataset(d, preset);
    const c = r.communities[0];
    expect(c.lifeCircles['5'].kindergarten).toBeCloseTo(0.9, 4);
    expect(c.parkCoverage).toBeCloseTo(0.9, 4);
    expect(c.lifeCircles['5'].elderly_care).toBe(0);
    // The community has 1000 households: 900 within reach.
    const within = r.summary.householdsWithin!;
    expect(within.green).toBeCloseTo(900, 1);
    expect(within.park).toBeCloseTo(900, 1);
    expect((within['5'] as Record<string, number>).kindergarten).toBeCloseTo(900, 1);
    expect((within['5'] as Record<string, number>).elderly_care).toBe(0);
  });

  it('a community with no residential land falls back to its whole area, with a data warning', () => {
    const d = data([res('A', rect(0, 0, 100, 100), 900)]);
    d.communities.push(community('EAST', [[rect(2000, 0, 2600, 600)]]));
    d.green.push(green('G2', [[rect(1900, -1000, 2000, 1600)]]));
    const r = auditDataset(d, preset);
    expect(r.communities[1].coverageBasis).toBe('community-area');
    expect(r.communities[1].greenCoverage).toBeCloseTo(0.5, 4);
    expect(r.communities[0].greenCoverage).toBeCloseTo(1, 6);
    expect(r.warnings.filter((w) => w.code === 'no_residential_land').map((w) => w.feature)).toEqual(['EAST']);
  });

  it('residential land all inside a hole of the community is not in it: fallback and warning', () => {
    const d = data([res('IN_HOLE', rect(250, 250, 350, 350), 500)]);
    d.communities[0] = community('SQ', [[SQUARE, rect(200, 200, 400, 400).slice().reverse()]]);
    const r = auditDataset(d, preset);
    const c = r.communities[0];
    expect(c.coverageBasis).toBe('community-area');
    expect(c.residentialArea_m2).toBe(0);
    // Whole area minus the hole: x ≤ 300 holds 300·600 − 100·200 of 600·600 − 200·200.
    expect(c.greenCoverage).toBeCloseTo((300 * 600 - 100 * 200) / (600 * 600 - 200 * 200), 4);
    expect(r.warnings.map((w) => w.code)).toContain('no_residential_land');
  });

  it('the gap layer is the unreached part of the residential land', () => {
    const ctx = prepareAudit(data([res('R', rect(200, 0, 800, 100))]), preset);
    const gap = uncoveredPart(ctx, 0, { green: 'green' });
    // Only x 300..600, y 0..100 of R is in the square and beyond 300 m.
    const pts = gap.flatMap((poly) => poly[0].map(xy));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    expect(Math.min(...xs)).toBeCloseTo(300, 0);
    expect(Math.max(...xs)).toBeCloseTo(600, 0);
    expect(Math.min(...ys)).toBeCloseTo(0, 0);
    expect(Math.max(...ys)).toBeCloseTo(100, 0);
  });

  it('the gap layer over overlapping footprints on the area basis (parts and their overlap, weighted −1): the unreached land once', () => {
    // A: x 200..500, B: x 400..800 (overlap x 400..500); the community keeps x 200..600 of them,
    // 40,000 m², of which x 200..300 is within 300 m of the green: 0.25, the gap x 300..600.
    const d = data([res('A', rect(200, 0, 500, 100)), res('B', rect(400, 0, 800, 100))]);
    const ctx = prepareAudit(d, preset);
    const r = auditDataset(d, preset).communities[0];
    expect(r.residentialArea_m2).toBeCloseTo(40000, -1);
    expect(r.greenCoverage).toBeCloseTo(0.25, 4);
    const gap = uncoveredPart(ctx, 0, { green: 'green' });
    const rings = gap.flatMap((poly) => poly.map((ring) => ring.map(xy)));
    const xs = rings.flat().map((p) => p[0]);
    expect([Math.min(...xs), Math.max(...xs)].map((v) => Math.round(v))).toEqual([300, 600]);
    expect(rings.reduce((t, ring) => t + polyArea(ring), 0)).toBeCloseTo(30000, -1);
  });

  it('walking mode measures the same pieces: 300 of 400 households near the road, 0.75', () => {
    // A road along y = 50; the kindergarten at its west end. A (x 0..100) is a few metres off the
    // road near the kindergarten; B (x 500..600) lies beyond 300 m of it along any path.
    const d: Dataset = {
      communities: [community('SQ', [[SQUARE]])],
      facilities: [facility('K', 'kindergarten', 0, 50)],
      green: [],
      roads: [{ id: 'road', coordinates: [ll(-100, 50), ll(700, 50)] }],
      residential: [res('A', rect(0, 40, 100, 60), 300), res('B', rect(500, 40, 600, 60), 100)],
    };
    const reach = createNetworkReach(d.roads!, datasetProjection(d));
    const c = runAudit(prepareAudit(d, preset, { reach })).communities[0];
    expect(c.coverageBasis).toBe('residential-households');
    expect(c.lifeCircles['5'].kindergarten).toBeCloseTo(0.75, 3);
  });

  it('what-if: adding a facility re-audits the affected communities on the residential basis', () => {
    const d = data([res('A', rect(0, 0, 100, 100), 900), res('C', rect(500, 200, 700, 300), 200)]);
    const ctx = prepareAudit(d, preset);
    expect(runAudit(ctx).communities[0].lifeCircles['5'].kindergarten).toBe(0);
    const { ctx: next, affected } = withFacilityChanged(ctx, { type: 'add', facility: facility('K2', 'kindergarten', 550, 250) });
    expect(affected).toEqual([0]);
    // C's inside half (x 500..600, y 200..300) is all within 300 m of (550, 250): 100 of 1000 households.
    expect(auditCommunities(next, affected)[0].lifeCircles['5'].kindergarten).toBeCloseTo(0.1, 4);
    expect(auditCommunities(next, affected)).toEqual(runAudit(prepareAudit({ ...d, facilities: [facility('K2', 'kindergarten', 550, 250)] }, preset)).communities);
  });
});

// ---------------------------------------------------------------------------------------------
// Second method: the definition sampled on a fine grid (point-in-polygon and point distances in
// the test plane), against the engine on random shapes.

type P = [number, number];
function inPoly(p: P, poly: P[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i], [xj, yj] = poly[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function polyArea(poly: P[]): number {
  let a = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) a += (poly[j][0] - poly[i][0]) * (poly[j][1] + poly[i][1]);
  return Math.abs(a / 2);
}
/** A random star-shaped polygon around (cx, cy) (simple by construction). */
function star(rand: () => number, cx: number, cy: number, r: number, n: number): P[] {
  const out: P[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const rr = r * (0.5 + 0.5 * rand());
    out.push([cx + rr * Math.cos(t), cy + rr * Math.sin(t)]);
  }
  return out;
}

describe('coverage basis: a second method (grid sampling) on random shapes', () => {
  for (const seed of [1, 2, 3]) {
    for (const withHouseholds of [true, false]) {
      it(`seed ${seed}, ${withHouseholds ? 'households' : 'area'} basis: shares agree with sampling within 0.01`, () => {
        const rand = mulberry32(seed);
        const comm = star(rand, 0, 0, 700, 9);
        const parcels = Array.from({ length: 8 }, () => ({ poly: star(rand, (rand() - 0.5) * 1000, (rand() - 0.5) * 1000, 120 + 200 * rand(), 6), hh: Math.round(50 + 500 * rand()) }));
        const kgs: P[] = Array.from({ length: 3 }, () => [(rand() - 0.5) * 1600, (rand() - 0.5) * 1600] as P);
        const d: Dataset = {
          communities: [community('C', [[ring(comm)]])],
          facilities: kgs.map((p, i) => facility(`K${i}`, 'kindergarten', p[0], p[1])),
          green: [],
          residential: parcels.map((p, i) => ({ id: `R${i}`, geometry: [[ring(p.poly)]], ...(withHouseholds ? { households: p.hh } : {}) })),
        };
        const p: RulePreset = defaultPreset();
        const c = auditDataset(d, p).communities[0];
        // Sampling: 4 m grid over the community's bbox.
        const step = 4;
        let total = 0, reached = 0, land = 0;
        const d5 = p.tiers['5'].distance_m;
        for (let x = -700 + step / 2; x < 700; x += step) for (let y = -700 + step / 2; y < 700; y += step) {
          const q: P = [x, y];
          if (!inPoly(q, comm)) continue;
          let w = 0, any = false;
          for (const r of parcels) if (inPoly(q, r.poly)) { any = true; w += withHouseholds ? r.hh / polyArea(r.poly) : 0; }
          if (!any) continue;
          land += step * step;
          if (!withHouseholds) w = 1;
          total += w;
          if (kgs.some((k) => Math.hypot(k[0] - x, k[1] - y) <= d5)) reached += w;
        }
        expect(c.coverageBasis).toBe(withHouseholds ? 'residential-households' : 'residential-area');
        expect(Math.abs(c.residentialArea_m2! - land) / land).toBeLessThan(0.01);
        expect(Math.abs(c.lifeCircles['5'].kindergarten! - reached / total)).toBeLessThan(0.01);
      });
    }
  }
});

describe('landOf: residential land with overlaps once, as weighted pieces', () => {
  const sq = (x0: number, y0: number, w = 10): [number, number][][] => [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + 10], [x0, y0 + 10]]];
  const weighed = (pieces: { rings: [number, number][][]; weight: number }[]) => pieces.reduce((s, p) => s + p.weight * p.rings.reduce((t, r) => t + polyArea(r), 0), 0);

  it('convex parts: each part with weight 1 and the overlap of two with weight −1 (250 m² = 100 + 100 + 100 − 50)', () => {
    const parts = [sq(0, 0), sq(100, 0), sq(5, 0)];
    const boxes = [0, 0, 10, 10, 100, 0, 110, 10, 5, 0, 15, 10];
    const { pieces } = landOf(parts.length, (i) => parts[i], boxes, true);
    expect(pieces!.slice(0, 3)).toEqual(parts.map((rings) => ({ rings, weight: 1 })));
    expect(pieces!.length).toBe(4);
    const overlap = pieces![3];
    expect(overlap.weight).toBe(-1);
    expect(polyArea(overlap.rings[0])).toBeCloseTo(50, 9); // x 5..10, y 0..10
    expect(Math.min(...overlap.rings[0].map((p) => p[0]))).toBeCloseTo(5, 9);
    expect(Math.max(...overlap.rings[0].map((p) => p[0]))).toBeCloseTo(10, 9);
    expect(weighed(pieces!)).toBeCloseTo(250, 9);
    expect(landOf(parts.length, (i) => parts[i], boxes, false).area).toBeCloseTo(250, 9);
  });

  it('three convex parts over one spot: pairs −1, the triple +1 (x 0..10, 4..14, 8..18: 180 m²)', () => {
    const parts = [sq(0, 0), sq(4, 0), sq(8, 0)];
    const boxes = [0, 0, 10, 10, 4, 0, 14, 10, 8, 0, 18, 10];
    const { area, pieces } = landOf(parts.length, (i) => parts[i], boxes, true);
    // Pairs: 0∩1 = 6 × 10, 0∩2 = 2 × 10, 1∩2 = 6 × 10; the triple 2 × 10.
    const signed = pieces!.slice(3).map((p) => p.weight * polyArea(p.rings[0])).sort((x, y) => x - y);
    expect(signed.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-60, -60, -20, 20]);
    expect(weighed(pieces!)).toBeCloseTo(180, 9);
    expect(area).toBeCloseTo(180, 9);
  });

  it('convex parts touching along an edge: the two parts, nothing taken away (100 m²)', () => {
    const parts = [sq(0, 0, 5), sq(5, 0, 5)];
    const { pieces } = landOf(2, (i) => parts[i], [0, 0, 5, 10, 5, 0, 10, 10], true);
    expect(pieces).toEqual(parts.map((rings) => ({ rings, weight: 1 })));
  });

  it('a part that is not convex: its group is clipper\'s union, one piece of weight 1 (an L of 75 m² and a 10 m square in its notch, touching it: 175 m²)', () => {
    const ell: [number, number][][] = [[[0, 0], [10, 0], [10, 5], [5, 5], [5, 10], [0, 10]]];
    const parts = [ell, sq(5, 5), sq(100, 0)];
    const boxes = [0, 0, 10, 10, 5, 5, 15, 15, 100, 0, 110, 10];
    const { area, pieces } = landOf(parts.length, (i) => parts[i], boxes, true);
    expect(pieces!.map((p) => p.weight)).toEqual([1, 1]);
    expect(pieces!.map((p) => polyArea(p.rings[0])).sort((x, y) => x - y)).toEqual([100, 175]);
    expect(area).toBeCloseTo(275, 9);
  });

  it('two triangles whose boxes overlap but which do not meet: each as drawn, weight 1 (50 and 40.5 m²)', () => {
    const t1: [number, number][][] = [[[0, 0], [10, 0], [0, 10]]];
    const t2: [number, number][][] = [[[10, 1], [10, 10], [1, 10]]];
    const parts = [t1, t2], boxes = [0, 0, 10, 10, 1, 1, 10, 10];
    expect(landOf(2, (i) => parts[i], boxes, true).pieces).toEqual([{ rings: t1, weight: 1 }, { rings: t2, weight: 1 }]);
    // Area only: the same 90.5 m² from the grid vertices, no rings.
    expect(landOf(2, (i) => parts[i], boxes, false)).toEqual({ area: 90.5, pieces: null });
  });

  // Area only (the households basis): the union's area from the parts' edges, no union built.
  const boxesOf = (parts: [number, number][][][]) => parts.flatMap((rings) => {
    const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  const areaOnly = (parts: [number, number][][][]) => landOf(parts.length, (i) => parts[i], boxesOf(parts), false).area;
  const box = (x0: number, y0: number, x1: number, y1: number): [number, number][][] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]];

  it('area only, by hand: overlapping, touching, stacked on a shared line, repeated and nested rectangles', () => {
    expect(areaOnly([box(0, 0, 10, 10), box(5, 5, 15, 15)])).toBeCloseTo(175, 9); // 100 + 100 − 25
    expect(areaOnly([box(0, 0, 10, 5), box(10, 0, 20, 5)])).toBeCloseTo(100, 9); // touching along x = 10
    expect(areaOnly([box(0, 0, 10, 5), box(6, 0, 16, 5)])).toBeCloseTo(80, 9); // bottom and top edges on the same lines
    expect(areaOnly([box(0, 0, 10, 5), box(0, 0, 10, 5)])).toBeCloseTo(50, 9); // the same footprint twice
    expect(areaOnly([box(0, 0, 10, 10), box(2, 2, 4, 4), box(3, 3, 12, 5)])).toBeCloseTo(100 + 2 * 2, 9); // nested; one sticking out 2×2
    // A holed part: 10×10 with a 4×4 hole, and a square filling the hole and more (2..8 × 4..6).
    const holed: [number, number][][] = [[[0, 0], [10, 0], [10, 10], [0, 10]], [[3, 3], [3, 7], [7, 7], [7, 3]]];
    expect(areaOnly([holed, box(2, 4, 8, 6)])).toBeCloseTo(84 + 4 * 2, 9);
  });

  it('area only, random rotated footprints on the centimetre grid: the union clipper computes at a 1000× finer grid', () => {
    const rnd = mulberry32(5);
    const cm = (v: number) => Math.round(v * 100) / 100;
    let worst = 0;
    for (let trial = 0; trial < 200; trial++) {
      const parts: [number, number][][][] = [];
      const k = 2 + Math.floor(rnd() * 5);
      for (let q = 0; q < k; q++) {
        const x = 30 * rnd(), y = 30 * rnd(), w = 5 + 25 * rnd(), h = 4 + 10 * rnd(), t = rnd() * Math.PI;
        const c = Math.cos(t), s = Math.sin(t);
        parts.push([[[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([u, v]) => [cm(x + u * c - v * s), cm(y + u * s + v * c)] as [number, number])]);
      }
      const fine = ringsArea(union(parts.flat().map((r) => r.map(([x, y]) => [x * 1000, y * 1000] as [number, number])))) / 1e6; // signed: holes negative
      worst = Math.max(worst, Math.abs(areaOnly(parts) - fine));
    }
    expect(worst).toBeLessThan(2e-3);
  });
});

describe('coverage basis: features near a community edge (only features meeting it on the centimetre grid count)', () => {
  // A second method: every feature whose box meets the community's is cut by clipper, with no
  // shortcut; the basis must hold the same households and land.
  const octagon = (cx: number, cy: number, r: number, rnd: () => number): [number, number][] =>
    Array.from({ length: 8 }, (_, i) => {
      const t = (i / 8) * 2 * Math.PI, q = r * (0.8 + 0.4 * rnd());
      return [cx + q * Math.cos(t), cy + q * Math.sin(t)] as [number, number];
    });

  it('matches clipping every feature: near misses, touching edges, a feature holding the community, a feature in its hole', () => {
    const rnd = mulberry32(11);
    const outer = octagon(0, 0, 300, rnd);
    const hole: [number, number][] = [[-40, -40], [-40, 40], [40, 40], [40, -40]]; // clockwise
    const communities = [community('C', [[ring(outer), ring(hole)]])];
    const residential: ResidentialLand[] = [];
    const add = (pts: [number, number][], h: number) => residential.push({ id: `R${residential.length}`, geometry: [[ring(pts)]], households: h });
    // Footprints straddling or just beside each edge: offsets along the edge normal from −3 cm to
    // +3 cm around touching, and a few metres either side.
    for (let i = 0; i < 8; i++) {
      const [ax, ay] = outer[i], [bx, by] = outer[(i + 1) % 8];
      const len = Math.hypot(bx - ax, by - ay), ux = (bx - ax) / len, uy = (by - ay) / len, nx = uy, ny = -ux; // outward normal (ring CCW)
      for (const off of [-5, -0.03, -0.004, 0, 0.003, 0.004, 0.006, 0.03, 5]) {
        const t = len * (0.2 + 0.6 * rnd()), w = 10 + 20 * rnd(), d = 8 + 10 * rnd();
        const px = ax + ux * t + nx * off, py = ay + uy * t + ny * off;
        add([[px, py], [px + ux * w, py + uy * w], [px + ux * w + nx * d, py + uy * w + ny * d], [px + nx * d, py + ny * d]], 10 + Math.floor(100 * rnd()));
      }
    }
    add([[-20, -20], [20, -20], [20, 20], [-20, 20]], 50); // in the hole: nothing
    add([[-45, -10], [-30, -10], [-30, 10], [-45, 10]], 40); // across the hole's edge
    add([[-1000, -1000], [1000, -1000], [1000, 1000], [-1000, 1000]], 5000); // holds the community
    const d: Dataset = { communities, facilities: [], green: [], residential };
    const ctx = prepareAudit(d, preset);
    const c = ctx.communities[0];
    const b = ctx.basis[0];
    expect(b.kind).toBe('residential-households');
    let total = 0;
    for (const r of residential) {
      const rings = [r.geometry[0][0].slice(0, -1).map((p) => ctx.projection.forward(p))];
      if (ringsArea(rings) < 0) rings[0].reverse();
      const cut = intersection(c.rings, rings);
      if (cut.length && ringsArea(cut) > 0) total += (r.households! / ringsArea(rings)) * ringsArea(cut);
    }
    expect(total).toBeGreaterThan(300); // the feature holding the community gives ~350 households
    expect(Math.abs(b.total - total)).toBeLessThan(1e-9 * total);
  });
});

describe('communityBases: a footprint whose first vertex is within 1 mm of the community edge is cut, not taken whole', () => {
  // The community: the square 0..600 with a hole 300..400 (metres, no projection). A footprint
  // lies certainly inside only when its box meets no edge's box and its first vertex is inside,
  // more than 1 mm from the boundary (pointInRings); otherwise it is cut on the centimetre grid,
  // where a footprint under a centimetre wide has no area left.
  const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  const c: PreparedCommunity = {
    index: 0, id: 'C', rings: [square(0, 0, 600, 600), square(300, 300, 400, 400).reverse()], area_m2: 600 * 600 - 100 * 100, bbox: [0, 0, 600, 600],
  };
  const features = (list: [[number, number][], number][]): ResidentialFeatures => {
    const b = new PolygonStoreBuilder();
    for (const [r] of list) b.polygon([r]);
    const store = b.finish();
    return { store, households: Float64Array.from(list.map(([, h]) => h)), estimated: new Uint8Array(list.length), index: storeIndex(store), weighting: 'households' };
  };

  it('area basis: overlapping rotated footprints are their parts and signed overlaps, which weigh in any region what their union holds there', () => {
    // Clusters 25 m apart on a 5 × 5 grid inside the square, each two to four rotated footprints
    // overlapping about a point (on the centimetre grid, the land's grid). The second method is
    // clipper's union of every footprint on a 1000× finer grid, clipped to boxes and to discs drawn
    // as 4096-gons; the basis measures the same discs with its own kernel (reachedByPoints).
    const rnd = mulberry32(31);
    const cm = (v: number) => Math.round(v * 100) / 100;
    const list: [[number, number][], number][] = [];
    for (let i = 0; i < 25; i++) {
      const cx = 20 + 25 * (i % 5) + 0.37 * i, cy = 20 + 25 * Math.floor(i / 5);
      for (let q = 2 + Math.floor(rnd() * 3); q > 0; q--) {
        const w = 4 + 6 * rnd(), h = 3 + 4 * rnd(), t = rnd() * Math.PI, co = Math.cos(t), si = Math.sin(t);
        const ox = cx + 3 * rnd(), oy = cy + 3 * rnd();
        list.push([[[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([u, v]) => [cm(ox + u * co - v * si), cm(oy + u * si + v * co)] as [number, number]), NaN]);
      }
    }
    const [b] = communityBases({ ...features(list), weighting: 'area' }, [c], [0], []);
    expect(b.kind).toBe('residential-area');
    const s = b.store!;
    const pieces = Array.from({ length: b.count }, (_, k) => ({ rings: metricRingsOf(s, b.first + k), weight: s.weight[b.first + k] }));
    // The footprints first, as they lie on the grid, then their overlaps: two or more each here.
    expect(pieces.slice(0, list.length)).toEqual(list.map(([r]) => ({ rings: [r], weight: 1 })));
    expect(pieces.every((p) => p.weight === 1 || p.weight === -1)).toBe(true);
    expect(pieces.slice(list.length).filter((p) => p.weight === -1).length).toBeGreaterThan(25);
    expect(pieces.slice(list.length).filter((p) => p.weight === 1).length).toBeGreaterThan(0); // triples
    const fine = (rings: [number, number][][]) => rings.map((r) => r.map(([x, y]) => [x * 1000, y * 1000] as [number, number]));
    const land = union(fine(list.map(([r]) => r)));
    expect(Math.abs(b.residentialArea_m2 - ringsArea(land) / 1e6)).toBeLessThan(1e-3);
    expect(Math.abs(b.total - b.residentialArea_m2)).toBeLessThan(1e-6);
    const within = (region: [number, number][][]) => [
      pieces.reduce((t, p) => t + p.weight * ringsArea(intersection(fine(p.rings), region)), 0) / 1e6,
      ringsArea(intersection(land, region)) / 1e6,
    ];
    for (let k = 0; k < 6; k++) {
      const x = 10 + 100 * rnd(), y = 10 + 100 * rnd(), w = 10 + 40 * rnd(), h = 10 + 40 * rnd();
      const [weighed, expected] = within(fine([square(x, y, x + w, y + h)]));
      expect(expected).toBeGreaterThan(0);
      expect(Math.abs(weighed - expected)).toBeLessThan(1e-3);
    }
    const d = 12;
    for (let k = 0; k < 6; k++) {
      const centres = Float64Array.from({ length: 4 }, () => 15 + 110 * rnd());
      const discs = union([0, 2].map((i) => fine([Array.from({ length: 4096 }, (_, j) => [centres[i] + d * Math.cos((j * 2 * Math.PI) / 4096), centres[i + 1] + d * Math.sin((j * 2 * Math.PI) / 4096)] as [number, number])])[0]));
      const expected = ringsArea(intersection(land, discs)) / 1e6;
      // A 4096-gon holds 1 − 3.9e-7 of its disc: at most 2e-4 m² of a 12 m disc.
      expect(Math.abs(reachedByPoints(b, centres, 2, d) - expected)).toBeLessThan(1e-3);
    }
  });

  it('area basis, no two parts overlapping: whole footprints are referred to, measured through the layer\'s rings', () => {
    // A 100 m square and a 100 × 200 m rectangle far from it; a facility at the middle of the
    // square's right edge reaches half a 50 m disc of it: π·50²/2 of 30,000 m².
    const list: [[number, number][], number][] = [[square(100, 100, 200, 200), NaN], [square(450, 100, 550, 300), NaN]];
    const f = { ...features(list), weighting: 'area' as const };
    const [b] = communityBases(f, [c], [0], []);
    const s = b.store!;
    expect([b.count, s.ringsStore === f.store, s.ringsFrom![b.first], s.ringsFrom![b.first + 1]]).toEqual([2, true, 0, 1]);
    expect(b.total).toBeCloseTo(30_000, 6);
    expect(reachedByPoints(b, Float64Array.of(200, 150), 1, 50) / b.total).toBeCloseTo((Math.PI * 2500) / 2 / 30_000, 9);
  });

  it('holds nothing of the layer once it returns: the feature store is collected when the caller drops it', async () => {
    // Two overlapping footprints, area-weighted: the parts' stores and the land's rings are used.
    const list: [[number, number][], number][] = [[square(100, 100, 200, 200), NaN], [square(150, 150, 250, 250), NaN]];
    const freed = await isCollected(() => features(list).store, (store) => {
      const [b] = communityBases({ ...features(list), store, index: storeIndex(store), weighting: 'area' }, [c], [0], []);
      expect(b.kind).toBe('residential-area');
      expect(b.residentialArea_m2).toBeCloseTo(2 * 10000 - 2500, 6);
    });
    expect(freed).toBe(true);
  });

  it('0.7 mm from the east edge: cut (nothing left on the grid); 2 mm: whole; in the hole: nothing; 100 + 10 households', () => {
    const f = features([
      [square(100, 100, 200, 200), 100], // inside: 100 households
      [square(599.9993, 100, 599.9999, 200), 20], // first vertex 0.7 mm from x = 600: cut, 0.6 mm wide: nothing
      [square(599.998, 300, 599.9985, 400), 10], // first vertex 2 mm from x = 600: whole, 10 households
      [square(310, 310, 320, 320), 7], // in the hole: nothing
    ]);
    const noLand: number[] = [];
    const [b] = communityBases(f, [c], [0], noLand);
    expect(noLand).toEqual([]);
    expect(b.kind).toBe('residential-households');
    expect(b.count).toBe(2);
    expect(b.total).toBeCloseTo(110, 9);
    // 100 × 100 m plus 0.5 mm × 100 m.
    expect(b.residentialArea_m2).toBeCloseTo(10000 + 0.05, 6);
  });
});

describe('communityBases: many convex communities in one call against clipper, community by community', () => {
  // Communities of 6, 5 and 4 vertices (a later one with fewer vertices than an earlier one) in
  // one call share the preparation's scratch: each community's land and pieces must be those of
  // clipping its own footprints (geo/clip.ts intersection, then the union of the cuts), in
  // ascending feature order.
  const polygonAt = (cx: number, cy: number, r: number, n: number, turn: number): [number, number][] =>
    Array.from({ length: n }, (_, i) => {
      const t = turn + (i / n) * 2 * Math.PI;
      return [cx + r * Math.cos(t), cy + r * Math.sin(t)] as [number, number];
    });
  const rnd = mulberry32(23);
  const shapes = [6, 5, 4, 4, 6, 4];
  const communities: PreparedCommunity[] = shapes.map((n, i) => {
    const r = polygonAt(250 * i, 40 * (i % 2), 100 + 10 * (i % 3), n, rnd());
    const xs = r.map((p) => p[0]), ys = r.map((p) => p[1]);
    return { index: i, id: `C${i}`, rings: [r], area_m2: ringsArea([r]), bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
  });
  // Rotated rectangles over and around every community: inside, across an edge, overlapping; on
  // the centimetre grid, so that a footprint taken whole has the area of clipper's cut of it.
  const cm = (v: number) => Math.round(v * 100) / 100;
  const footprints: [number, number][][] = [];
  for (let i = 0; i < 300; i++) {
    const near = communities[i % communities.length].bbox;
    const x = near[0] - 30 + (near[2] - near[0] + 60) * rnd(), y = near[1] - 30 + (near[3] - near[1] + 60) * rnd(), w = 8 + 30 * rnd(), h = 6 + 14 * rnd(), t = rnd() * Math.PI;
    const c = Math.cos(t), s = Math.sin(t);
    footprints.push([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([u, v]) => [cm(x + u * c - v * s), cm(y + u * s + v * c)] as [number, number]));
  }
  const b = new PolygonStoreBuilder();
  for (const r of footprints) b.polygon([r]);
  const store = b.finish();
  const households = Float64Array.from(footprints, () => 1 + Math.floor(50 * rnd()));
  // Estimated households on the footprints placed near community 2 (some of them reach others).
  const estimated = Uint8Array.from(footprints, (_, i) => (i % communities.length === 2 ? 1 : 0));
  const f: ResidentialFeatures = { store, households, estimated, index: storeIndex(store), weighting: 'households' };

  it('land within 2e-3 m² of clipper\'s union of the cuts (at a finer grid), each piece a cut of clipper\'s area in feature order; estimated households flagged', () => {
    const all = communities.map((_, i) => i);
    const bases = communityBases(f, communities, all, []);
    for (const [i, c] of communities.entries()) {
      const cuts: { k: number; rings: ReturnType<typeof intersection> }[] = [];
      footprints.forEach((r, k) => {
        const cut = intersection(c.rings, [r]);
        if (cut.length && ringsArea(cut) > 0) cuts.push({ k, rings: cut });
      });
      const basis = bases[i];
      expect(cuts.length).toBeGreaterThan(15);
      expect(basis.kind).toBe('residential-households');
      expect(basis.count).toBe(cuts.length);
      expect(basis.householdsEstimated).toBe(cuts.some((q) => estimated[q.k] === 1));
      // The union of the cuts (on the centimetre grid) at a 1000× finer grid: crossings nearly exact.
      const land = ringsArea(union(cuts.flatMap((q) => q.rings).map((r) => r.map(([x, y]) => [x * 1000, y * 1000] as [number, number])))) / 1e6;
      expect(Math.abs(basis.residentialArea_m2 - land)).toBeLessThan(2e-3);
      cuts.forEach((q, j) => {
        expect(Math.abs(basis.store!.area[basis.first + j] - ringsArea(q.rings))).toBeLessThan(1e-9);
        expect(basis.store!.weight[basis.first + j]).toBe(households[q.k] / store.area[q.k]);
      });
    }
    // One community at a time, last first, gives each the same basis.
    for (const i of [...all].reverse()) {
      const [alone] = communityBases(f, communities, [i], []);
      expect([alone.count, alone.total, alone.residentialArea_m2]).toEqual([bases[i].count, bases[i].total, bases[i].residentialArea_m2]);
    }
  });
});
