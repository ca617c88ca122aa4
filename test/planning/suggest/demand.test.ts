// Demand points: weights add up to the households, and a region's points carry its area share;
// the residential basis spreads a community's households over where people live.
import { describe, expect, it } from 'vitest';
import { residentialDemand, weightedPolygonDemand } from '../../../src/planning/suggest/demand';
import type { MetricRings } from '../../../src/engine/reach/reachProvider';
import type { Dataset } from '../../../src/engine/types';
import { prepareAudit } from '../../../src/engine/audit';
import { getPreset } from '../../../src/engine/presets';
import { community, ll, rect } from '../../engine/helpers';

const sq = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const sum = (a: Float64Array, keep: (i: number) => boolean = () => true) => a.reduce((t, v, i) => (keep(i) ? t + v : t), 0);

describe('weightedPolygonDemand', () => {
  it('a triangle: weights add up to its households; the part left of x = 50 carries its area share', () => {
    // Right triangle (0,0) (103,0) (0,97), off the grid: area 4995.5; left of x = 50 the area is
    // 4995.5 − (53 · 53·97/103 / 2) = 4995.5 − 1322.66 = 3672.84 → share 0.73521.
    const rings: MetricRings = [[[0, 0], [103, 0], [0, 97]]];
    const d = weightedPolygonDemand([{ community: 3, rings, bbox: [0, 0, 103, 97], households: 800 }], 5);
    expect(sum(d.weight)).toBeCloseTo(800, 9);
    expect([...d.community].every((c) => c === 3)).toBe(true);
    const left = sum(d.weight, (i) => d.x[i] < 50) / 800;
    const exact = (4995.5 - (53 * ((53 * 97) / 103)) / 2) / 4995.5;
    expect(Math.abs(left - exact)).toBeLessThan(0.01);
  });

  it('a square with a hole: no points in the hole, weights by area, polygons without households skipped', () => {
    const outer = sq(0, 0, 100, 100), hole = sq(30, 30, 70, 70).reverse();
    const d = weightedPolygonDemand([
      { community: 0, rings: [outer, hole], bbox: [0, 0, 100, 100], households: 840 },
      { community: 1, rings: [sq(200, 0, 300, 100)], bbox: [200, 0, 300, 100], households: 0 },
    ], 10);
    expect(sum(d.weight)).toBeCloseTo(840, 9);
    for (let i = 0; i < d.x.length; i++) expect(d.x[i] > 30 && d.x[i] < 70 && d.y[i] > 30 && d.y[i] < 70).toBe(false);
    // 100 cells of 10 m minus the 16 of the hole: 84 points of 10 households each.
    expect(d.x.length).toBe(84);
    expect(d.weight.every((w) => Math.abs(w - 10) < 1e-9)).toBe(true);
  });
});

describe('residentialDemand', () => {
  // Community A: 200 m square at the origin, 1000 households. Residential parcels: west strip
  // [-100, -50] × [-100, 100] (300 households) and east strip [50, 150] × [-100, 100] (400
  // households, half of it outside A → 200 inside).
  const data: Dataset = { communities: [community('A', [[rect(-100, -100, 100, 100)]], { households: 1000 })], facilities: [], green: [] };
  const ctx = prepareAudit(data, getPreset('national-2022')!);
  const west = { geometry: [[rect(-100, -100, -50, 100)]] };
  const east = { geometry: [[rect(50, -100, 150, 100)]] };
  const side = (d: { x: Float64Array; weight: Float64Array }, sign: number) => sum(d.weight, (i) => Math.sign(d.x[i] - ctx.projection.forward(ll(0, 0))[0]) === sign);

  it('households on the parcels: A\'s 1000 spread like the 300 + 200 living inside it', () => {
    const d = residentialDemand(ctx, [{ ...west, households: 300 }, { ...east, households: 400 }], 5);
    expect(d.basis).toBe('residential-households');
    expect(sum(d.weight)).toBeCloseTo(1000, 6);
    expect(side(d, -1) / 1000).toBeCloseTo(300 / 500, 2);
    expect(side(d, 1) / 1000).toBeCloseTo(200 / 500, 2);
  });

  it('parcels without households: A\'s 1000 over the residential land, by area (50 + 50 m wide)', () => {
    const d = residentialDemand(ctx, [west, east], 5);
    expect(d.basis).toBe('residential-area');
    expect(sum(d.weight)).toBeCloseTo(1000, 6);
    expect(side(d, -1) / 1000).toBeCloseTo(0.5, 2);
  });

  it('no residential land inside: the whole community', () => {
    const d = residentialDemand(ctx, [{ geometry: [[rect(500, 500, 600, 600)]], households: 10 }], 10);
    expect(sum(d.weight)).toBeCloseTo(1000, 6);
    expect(d.x.length).toBeGreaterThanOrEqual(400);
  });
});
