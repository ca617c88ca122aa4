// Scenarios: each edit applied purely, and the incremental audit equal to a full recompute of the
// edited data under random sequences of edits (a property test), straight-line and walking.
import { describe, expect, it } from 'vitest';
import { datasetProjection } from '../../src/engine/audit';
import { createNetworkReach } from '../../src/engine/network/networkReach';
import { getPreset } from '../../src/engine/presets';
import type { AuditResult, Dataset, FacilityCategory, RoadLine } from '../../src/engine/types';
import {
  addEdit, applyEdit, applyEditIncremental, createScenario, deleteScenario, developmentShares, duplicateScenario, fullScenarioAudit,
  nextDefaultIndex, proposalEdits, readScenario, renameScenario, revertEdit, scenarioData, type Edit, type Scenario, type ScenarioAudit,
} from '../../src/planning/scenario';
import { community, facility, green, ll, rect } from '../engine/helpers';
import { lcg } from './suggest/randomModel';

const preset = getPreset('national-2022')!;
const CATS: FacilityCategory[] = ['kindergarten', 'community_service', 'elderly_care', 'supermarket', 'health_station'];

/** 3 × 3 communities of 300 m, a few facilities and green spaces, streets every 100 m. */
function district(rand: () => number): Dataset {
  const communities = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    communities.push(community(`C${i}${j}`, [[rect(i * 300, j * 300, i * 300 + 300, j * 300 + 300)]], { households: 500 + Math.floor(rand() * 2000) }));
  }
  const facilities = Array.from({ length: 10 }, (_, k) => facility(`F${k}`, CATS[k % CATS.length], rand() * 900, rand() * 900, { floorArea: 100 + Math.floor(rand() * 600) }));
  const greens = [green('G0', [[rect(400, 400, 480, 480)]], 'park'), green('G1', [[rect(50, 700, 150, 760)]])];
  const roads: RoadLine[] = [];
  for (let k = 0; k <= 9; k++) {
    roads.push({ id: `H${k}`, coordinates: Array.from({ length: 10 }, (_, m) => ll(m * 100, k * 100)) });
    roads.push({ id: `V${k}`, coordinates: Array.from({ length: 10 }, (_, m) => ll(k * 100, m * 100)) });
  }
  return { communities, facilities, green: greens, roads };
}

function randomEdit(rand: () => number, data: Dataset, n: number): Edit {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const kinds = ['addFacility', 'moveFacility', 'deleteFacility', 'changeFacility', 'addGreen', 'deleteGreen', 'setHouseholds', 'addResidential'] as const;
  for (;;) {
    const kind = pick([...kinds]);
    const x = rand() * 900, y = rand() * 900;
    switch (kind) {
      case 'addFacility': return { type: kind, facility: facility(`N${n}`, pick(CATS), x, y, { floorArea: rand() < 0.2 ? null : 50 + Math.floor(rand() * 800), proposed: true }) };
      case 'moveFacility': if (data.facilities.length) return { type: kind, id: pick(data.facilities).id, position: ll(x, y) }; break;
      case 'deleteFacility': if (data.facilities.length) return { type: kind, id: pick(data.facilities).id }; break;
      case 'changeFacility': if (data.facilities.length) return rand() < 0.5 ? { type: kind, id: pick(data.facilities).id, category: pick(CATS) } : { type: kind, id: pick(data.facilities).id, floorArea: Math.floor(rand() * 900) }; break;
      case 'addGreen': return { type: kind, green: green(`NG${n}`, [[rect(x, y, x + 40 + rand() * 80, y + 40 + rand() * 80)]], rand() < 0.5 ? 'park' : 'green') };
      case 'deleteGreen': if (data.green.length) return { type: kind, id: pick(data.green).id }; break;
      case 'setHouseholds': return { type: kind, communityId: pick(data.communities).id, households: rand() < 0.15 ? null : Math.floor(rand() * 3000) };
      case 'addResidential': return { type: kind, development: { id: `R${n}`, households: 100 + Math.floor(rand() * 900), geometry: [[rect(x, y, x + 150, y + 150)]] } };
    }
  }
}

/** Deep equality with a tolerance on numbers (clipping and float order may differ in the last bits). */
function expectSame(a: unknown, b: unknown, path: string, tol: number): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > tol) throw new Error(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    expect(ka, path).toEqual(kb);
    for (const k of ka) expectSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, tol);
    return;
  }
  expect(a, path).toEqual(b);
}

function compare(inc: AuditResult, full: AuditResult, tol: number, where: string): void {
  expectSame(inc.communities, full.communities, `${where} communities`, tol);
  expect(inc.summary, where).toEqual(full.summary);
  const key = (r: AuditResult) => r.warnings.map((w) => JSON.stringify(w)).sort();
  expect(key(inc), where).toEqual(key(full));
}

describe('applyEdit', () => {
  const base = district(lcg(1));
  const proj = datasetProjection(base);
  it('changes a copy, never the input, and names what is missing', () => {
    const before = JSON.stringify(base);
    const moved = applyEdit(base, { type: 'moveFacility', id: 'F1', position: ll(10, 10) }, proj);
    expect(moved.facilities[1].position).toEqual(ll(10, 10));
    expect(moved.communities).toBe(base.communities);
    expect(JSON.stringify(base)).toBe(before);
    expect(() => applyEdit(base, { type: 'deleteFacility', id: 'nope' }, proj)).toThrow(/deleteFacility: no facility with id "nope"/);
    expect(() => applyEdit(base, { type: 'addGreen', green: green('G0', []) }, proj)).toThrow(/id "G0" is taken/);
    expect(() => applyEdit(base, { type: 'moveFacility', id: 'F1', position: [500, 0] }, proj)).toThrow(/not a longitude\/latitude/);
    expect(() => applyEdit(base, { type: 'setHouseholds', communityId: 'C00', households: -1 }, proj)).toThrow(/≥ 0/);
  });

  it('a development adds its households to the communities it covers, by area', () => {
    // 200 × 100 m straddling C00 (x < 300) and C10: 150 m of its width in each → half each.
    const dev = { id: 'R', households: 800, geometry: [[rect(150, 100, 450, 200)]] };
    const shares = developmentShares(base, dev, proj);
    expect([...shares.keys()].sort()).toEqual([0, 3]);
    // (The test plane and the dataset's projection differ by a few parts in 10⁵ in area.)
    expect(Math.abs(shares.get(0)! - 400)).toBeLessThan(0.05);
    expect(Math.abs(shares.get(3)! - 400)).toBeLessThan(0.05);
    const after = applyEdit(base, { type: 'addResidential', development: dev }, proj);
    expect(after.communities[0].households! - base.communities[0].households!).toBe(shares.get(0));
  });
});

describe('incremental scenario audit = full recompute (property)', () => {
  it('straight line: 25 random sequences of 8 edits', { timeout: 240_000 }, () => {
    const rand = lcg(2026);
    for (let s = 0; s < 25; s++) {
      const base = district(rand);
      const projection = datasetProjection(base);
      let state: ScenarioAudit = fullScenarioAudit(base, preset, { projection });
      const edits: Edit[] = [];
      for (let k = 0; k < 8; k++) {
        const e = randomEdit(rand, state.ctx.data, s * 100 + k);
        edits.push(e);
        state = applyEditIncremental(state, e);
        const full = fullScenarioAudit(scenarioData(base, edits, projection), preset, { projection });
        compare(state.result, full.result, 1e-9, `sequence ${s} edit ${k} (${e.type})`);
      }
    }
  });

  it('walking: 4 random sequences of 6 edits', { timeout: 240_000 }, () => {
    const rand = lcg(7);
    for (let s = 0; s < 4; s++) {
      const base = district(rand);
      const projection = datasetProjection(base);
      let state: ScenarioAudit = fullScenarioAudit(base, preset, { projection, reach: createNetworkReach(base.roads!, projection) });
      const edits: Edit[] = [];
      for (let k = 0; k < 6; k++) {
        const e = randomEdit(rand, state.ctx.data, s * 100 + k);
        edits.push(e);
        state = applyEditIncremental(state, e);
        const data = scenarioData(base, edits, projection);
        const full = fullScenarioAudit(data, preset, { projection, reach: createNetworkReach(data.roads!, projection) });
        if (process.env.DBG) console.log(JSON.stringify(e));
        compare(state.result, full.result, 1e-6, `walking sequence ${s} edit ${k} (${e.type})`);
      }
    }
  });
});

describe('scenario lists', () => {
  const base = district(lcg(3));
  const proj = datasetProjection(base);
  it('create, duplicate, rename, delete; ids unique', () => {
    let list = createScenario([], '方案 A');
    list = createScenario(list, '方案 A');
    expect(list.map((s) => s.id)).toEqual(['s-方案-a', 's-方案-a-2']);
    list = duplicateScenario(list, 's-方案-a', 'copy');
    expect(list.map((s) => s.name)).toEqual(['方案 A', 'copy', '方案 A']);
    list = renameScenario(list, 's-copy', 'B');
    expect(list[1]).toMatchObject({ id: 's-copy', name: 'B' });
    expect(deleteScenario(list, 's-copy').map((s) => s.id)).toEqual(['s-方案-a', 's-方案-a-2']);
  });

  it('a default name is a property of the scenario: kept by a duplicate\'s original, dropped by a rename, never taken twice', () => {
    let list = createScenario([], { defaultIndex: 1 });
    expect(list[0]).toMatchObject({ name: '方案 1', defaultIndex: 1 });
    list = createScenario(list, { defaultIndex: nextDefaultIndex(list) });
    list = createScenario(list, '我的方案');
    expect(list.map((s) => s.defaultIndex)).toEqual([1, 2, null]);
    // A copy is named by the caller, not a default.
    list = duplicateScenario(list, list[0].id, '方案 1 副本');
    expect(list[1]).toMatchObject({ name: '方案 1 副本', defaultIndex: null });
    // Renamed, even to a text that looks like a default name: as typed from then on.
    list = renameScenario(list, list[2].id, '方案 7');
    expect(list[2]).toMatchObject({ name: '方案 7', defaultIndex: null });
    // Defaults 1, 2, 3; 方案 1 deleted: two scenarios left, but the next default is 4 (a count would give 3, taken).
    let d = createScenario([], { defaultIndex: 1 });
    d = createScenario(d, { defaultIndex: nextDefaultIndex(d) });
    d = createScenario(d, { defaultIndex: nextDefaultIndex(d) });
    d = deleteScenario(d, d[0].id);
    expect(d.map((s) => s.name)).toEqual(['方案 2', '方案 3']);
    expect(nextDefaultIndex(d)).toBe(4);
    expect(nextDefaultIndex([...createScenario([], { defaultIndex: 9 })])).toBe(10);
  });

  it('reads scenarios saved before defaultIndex existed, and new ones as saved', () => {
    const saved = (name: string, defaultIndex?: unknown) => ({ id: 's', name, edits: [], ...(defaultIndex === undefined ? {} : { defaultIndex }) }) as Scenario;
    // Older saves: the default name as text (Chinese UI "方案 N", English UI "Scenario N").
    expect(readScenario(saved('方案 2')).defaultIndex).toBe(2);
    expect(readScenario(saved('Scenario 3')).defaultIndex).toBe(3);
    expect(readScenario(saved('南片加密')).defaultIndex).toBeNull();
    expect(readScenario(saved('方案 2 副本')).defaultIndex).toBeNull();
    // This version's saves: null means named by the user, whatever the text.
    expect(readScenario(saved('方案 4', null)).defaultIndex).toBeNull();
    expect(readScenario(saved('方案 5', 5)).defaultIndex).toBe(5);
    // Hand-edited nonsense falls back to reading the name.
    expect(readScenario(saved('方案 6', -1)).defaultIndex).toBe(6);
    expect(readScenario(saved('x', 'two')).defaultIndex).toBeNull();
    // The rest is untouched.
    expect(readScenario(saved('方案 2'))).toMatchObject({ id: 's', name: '方案 2', edits: [] });
  });

  it('revert an edit; a revert that orphans a later edit is refused, naming it', () => {
    let s = createScenario([], 'x')[0];
    s = addEdit(s, { type: 'addFacility', facility: facility('N', 'kindergarten', 10, 10) });
    s = addEdit(s, { type: 'setHouseholds', communityId: 'C00', households: 9 });
    s = addEdit(s, { type: 'moveFacility', id: 'N', position: ll(20, 20) });
    expect(revertEdit(s, 1, base, proj).edits.map((e) => e.type)).toEqual(['addFacility', 'moveFacility']);
    expect(() => revertEdit(s, 0, base, proj)).toThrow(/edit 2 \(moveFacility\) depends on the reverted edit 0: moveFacility: no facility with id "N"/);
  });

  it('accepted proposals become addFacility edits of proposed facilities, with fresh ids', () => {
    const edits = proposalEdits([{ candidate: 'G1-2', lon: 114, lat: 23 }, { candidate: 'G1-2', lon: 114.001, lat: 23 }], 'kindergarten', 2000, ['proposed-G1-2']);
    expect(edits.map((e) => e.type === 'addFacility' && e.facility.id)).toEqual(['proposed-G1-2-2', 'proposed-G1-2-3']);
    const data = scenarioData(base, edits, proj);
    expect(data.facilities.slice(-2).every((f) => f.proposed && f.category === 'kindergarten' && f.floorArea === 2000)).toBe(true);
  });
});
