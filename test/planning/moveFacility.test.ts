import { describe, expect, it } from 'vitest';
import { emptyMoveHistory, moveFacility, patchResults, recordMove, redoMove, undoMove } from '../../src/planning/moveFacility';
import { newProject, emptyLayers } from '../../src/planning/project';
import type { AuditResult, CommunityResult, Facility } from '../../src/engine/types';

const fac = (id: string, position: [number, number]): Facility => ({ id, category: 'kindergarten', floorArea: 1000, position });

function project() {
  const layers = emptyLayers();
  layers.facilities = [fac('a', [120, 30]), fac('b', [120.01, 30.01])];
  return newProject({ source: 'demo', name: { zh: '示例', en: 'Sample' } }, layers, 'national-2022');
}

describe('moveFacility (project updater)', () => {
  it('moves only the given facility, bumps the layer version and leaves the input untouched', () => {
    const p = project();
    const q = moveFacility(p, 1, [120.02, 30.02]);
    expect(q.layers.facilities[1].position).toEqual([120.02, 30.02]);
    expect(q.layers.facilities[1].id).toBe('b');
    expect(q.layers.facilities[0]).toBe(p.layers.facilities[0]);
    expect(q.layerVersion).toBe(p.layerVersion + 1);
    expect(p.layers.facilities[1].position).toEqual([120.01, 30.01]);
    // Other layers keep their identity (nothing else to redraw).
    expect(q.layers.communities).toBe(p.layers.communities);
    expect(q.dataset).toBe(p.dataset);
  });

  it('refuses a missing facility and a position that is not lon/lat, naming the facility', () => {
    expect(() => moveFacility(project(), 5, [120, 30])).toThrow(/index 5/);
    expect(() => moveFacility(project(), 0, [500000, 3300000])).toThrow(/facility a/);
    expect(() => moveFacility(project(), 0, [Number.NaN, 30])).toThrow(/facility a/);
  });
});

describe('move history', () => {
  it('undo gives the inverse move, redo the original, a new move clears redo', () => {
    let h = emptyMoveHistory();
    expect(undoMove(h)).toBeNull();
    const m1 = { index: 0, id: 'a', from: [120, 30] as [number, number], to: [120.1, 30] as [number, number] };
    const m2 = { index: 1, id: 'b', from: [120.01, 30.01] as [number, number], to: [120.2, 30] as [number, number] };
    h = recordMove(recordMove(h, m1), m2);
    const u = undoMove(h)!;
    expect(u.move).toEqual({ index: 1, id: 'b', from: [120.2, 30], to: [120.01, 30.01] });
    expect(u.history.done).toEqual([m1]);
    const r = redoMove(u.history)!;
    expect(r.move).toEqual(m2);
    expect(r.history.done).toEqual([m1, m2]);
    expect(r.history.undone).toEqual([]);
    // Undo twice then a new move: nothing left to redo.
    const h2 = undoMove(undoMove(h)!.history)!.history;
    expect(h2.undone).toHaveLength(2);
    expect(recordMove(h2, m1).undone).toEqual([]);
  });

  it('applying a move then its undo restores the project positions', () => {
    const p = project();
    const m = { index: 0, id: 'a', from: p.layers.facilities[0].position, to: [120.3, 30.3] as [number, number] };
    const q = moveFacility(p, m.index, m.to);
    const u = undoMove(recordMove(emptyMoveHistory(), m))!;
    const back = moveFacility(q, u.move.index, u.move.to);
    expect(back.layers.facilities.map((f) => f.position)).toEqual(p.layers.facilities.map((f) => f.position));
  });
});

describe('patchResults', () => {
  const row = (id: string, status: 'pass' | 'fail', households: number, rules: CommunityResult['failures'][number]['rule'][] = []): CommunityResult => ({
    id, name: id, setting: 'urban', households, population: households * 3, populationEstimated: true, area_m2: 1, serviceArea_m2: 0,
    areaPer100Households_m2: 0, largestStation_m2: 0, greenCoverage: 1, parkCoverage: 1, lifeCircles: {}, sixOnes: {}, extra: {}, facilityIds: [], estimates: [],
    status, failures: rules.map((rule) => ({ rule, actual: 0, required: 1, bound: 'min' as const, source: { zh: 's', en: 's' } })),
  });
  const base: AuditResult = {
    preset: 'national-2022',
    parameters: { mode: 'euclidean', tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3, detourFactor: 1, lifeCircleThreshold: 0.9 },
    communities: [row('A', 'fail', 100, ['lifeCircle']), row('B', 'pass', 200), row('C', 'fail', 300, ['lifeCircle', 'sixOnes'])],
    summary: { communities: 3, failing: 2, byRule: { lifeCircle: 2, sixOnes: 1 }, households: 600 },
    warnings: [],
  };

  it('replaces the given communities and recounts the summary', () => {
    // A passes now, B fails lifeCircle: failing = B + C = 2; lifeCircle counted in B and C, sixOnes in C.
    const out = patchResults(base, [0, 1], [row('A', 'pass', 100), row('B', 'fail', 200, ['lifeCircle'])]);
    expect(out.communities.map((c) => c.status)).toEqual(['pass', 'fail', 'fail']);
    expect(out.summary).toEqual({ communities: 3, failing: 2, byRule: { lifeCircle: 2, sixOnes: 1 }, households: 600 });
    expect(out.communities[2]).toBe(base.communities[2]);
    expect(base.communities[0].status).toBe('fail');
    // Fixing C as well: one failing community (B).
    expect(patchResults(out, [2], [row('C', 'pass', 300)]).summary.failing).toBe(1);
  });

  it('refuses mismatched ids and lengths', () => {
    expect(() => patchResults(base, [0], [row('B', 'pass', 1)])).toThrow(/index 0 holds A/);
    expect(() => patchResults(base, [0, 1], [row('A', 'pass', 1)])).toThrow(/2 indices but 1/);
    expect(() => patchResults(base, [7], [row('A', 'pass', 1)])).toThrow(/index 7/);
  });
});
