// The walking-network session on the street grid of streetGrid.ts (distances worked out by hand).
import { describe, expect, it } from 'vitest';
import { createNetworkSession, roadsFingerprint } from '../../../src/planning/whatIf/networkSession';
import { categoryReach, affectedCommunities } from '../../../src/planning/whatIf/affectedCommunities';
import { getPreset } from '../../../src/engine/presets';
import { auditCommunities, prepareAudit, withFacilityChanged } from '../../../src/engine/audit';
import { createNetworkReach } from '../../../src/engine/network/networkReach';
import type { Dataset, MultiPolygonCoords } from '../../../src/engine/types';
import { compareRows } from '../../../src/ui/network/compareRows';
import { gridProjection, ll, streetGrid } from './streetGrid';

const preset = getPreset('national-2022')!; // tiers 300 / 500 / 1000 m, detour factor 1
const K = 0; // facility index of the kindergarten at (0, 10)

/** Planar area (m²) of lon/lat polygons in the grid's projection (shoelace, holes subtract by orientation-free sum). */
function areaOf(mp: MultiPolygonCoords): number {
  let a = 0;
  for (const poly of mp)
    poly.forEach((ring, k) => {
      let s = 0;
      const xy = ring.map((p) => gridProjection.forward(p));
      for (let i = 0; i + 1 < xy.length; i++) s += xy[i][0] * xy[i + 1][1] - xy[i + 1][0] * xy[i][1];
      a += (k === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  return a;
}

describe('network session: bands', () => {
  it('reachable network lengths of K match the hand count, areas nest and stay inside the circles', () => {
    const s = createNetworkSession();
    s.setDataset(streetGrid());
    const b = s.bands(preset, { facility: K });
    expect(b.bands.map((x) => x.tier)).toEqual(['5', '10', '15']);
    expect(b.connector_m).toBeCloseTo(10, 1);
    expect(b.offNetwork).toEqual([]);
    // Joined at (0, 0) after 10 m. d = 300: main road ±290 (580) + side streets x = ±100 reached
    // at 110 m, 190 m up each (380) → 960. d = 500: main ±490 (980) + ±100 whole (600) + ±300
    // reached at 310, 190 m up each (380) → 1960. d = 1000: main ±990 (1980) + ±100, ±300 whole
    // (1200) + ±500 reached at 510, whole (600) + ±700 reached at 710, 290 up each (580) + ±900
    // reached at 910, 90 up each (180) → 4540.
    const lengths = b.bands.map((x) => x.length_m);
    expect(lengths[0]).toBeCloseTo(960, 0);
    expect(lengths[1]).toBeCloseTo(1960, 0);
    expect(lengths[2]).toBeCloseTo(4540, 0);
    const areas = b.bands.map((x) => areaOf(x.area));
    expect(areas[0]).toBeLessThan(areas[1]);
    expect(areas[1]).toBeLessThan(areas[2]);
    b.bands.forEach((x, i) => expect(areas[i]).toBeLessThan(Math.PI * x.distance_m ** 2));
    // Every vertex of every band lies within the band's distance of K (walking is never shorter).
    const k = gridProjection.forward(ll(0, 10));
    for (const x of b.bands)
      for (const poly of x.area) for (const ring of poly) for (const p of ring) {
        const q = gridProjection.forward(p);
        expect(Math.hypot(q[0] - k[0], q[1] - k[1])).toBeLessThanOrEqual(x.distance_m + 0.5);
      }
  });

  it('all kindergartens of the category: one more kindergarten at (1000, 10) adds its own network', () => {
    const data = streetGrid();
    data.facilities.push({ id: 'K2', category: 'kindergarten', floorArea: 1000, position: ll(1000, 10) });
    const s = createNetworkSession();
    s.setDataset(data);
    const b = s.bands(preset, { category: 'kindergarten' });
    expect(b.sources).toHaveLength(2);
    // d = 300: K gives 960 (above); K2 joins at (1000, 0): main road ±290 (580) + street x = 900
    // reached at 110, 190 up (190) → 770; the two do not overlap (K reaches x ≤ 290, K2 x ≥ 710).
    expect(b.bands[0].length_m).toBeCloseTo(960 + 770, 0);
  });

  it('a position given for the facility draws the bands there (the move preview)', () => {
    const s = createNetworkSession();
    s.setDataset(streetGrid());
    const b = s.bands(preset, { facility: K, position: ll(1400, 10) });
    // Near the east end: d = 300 → main road from 1110 to 1500 (390) + street x = 1300? none (streets stop at 900) → 390.
    expect(b.bands[0].length_m).toBeCloseTo(390, 0);
  });

  it('a coarser drawing tolerance keeps the network and changes the areas by well under 1 %', () => {
    const s = createNetworkSession();
    s.setDataset(streetGrid());
    const fine = s.bands(preset, { facility: K });
    const coarse = s.bands(preset, { facility: K }, { tolerance_m: 2 });
    coarse.bands.forEach((b, i) => {
      expect(b.length_m).toBeCloseTo(fine.bands[i].length_m, 6);
      // Inscribed polygons lose at most ~ perimeter × sagitta: a few hundred m² of ~10⁵–10⁶ m².
      expect(Math.abs(areaOf(b.area) - areaOf(fine.bands[i].area)) / areaOf(fine.bands[i].area)).toBeLessThan(0.01);
    });
  });

  it('builds the graph once per roads layer', () => {
    const s = createNetworkSession();
    const data = streetGrid();
    s.setDataset(data);
    const g1 = s.graphInfo(preset)!;
    // 31 main-road vertices + 10 street ends = 41 nodes; 30 + 10 edges; 3000 + 3000 m.
    expect(g1).toMatchObject({ nodes: 41, edges: 40, components: 1 });
    expect(g1.totalLength_m).toBeCloseTo(6000, 0);
    s.setDataset({ ...data, facilities: data.facilities.slice(0, 1) });
    expect(s.graphInfo(preset)).toBe(g1);
    s.setDataset({ ...data, roads: data.roads!.slice(1) });
    expect(s.graphInfo(preset)).not.toBe(g1);
    expect(roadsFingerprint(undefined)).toBe('none');
    expect(s.graphInfo(preset)!.edges).toBe(10);
  });
});

describe('network session: side by side', () => {
  it('walking shares never exceed straight-line shares; the far community is reached by neither', () => {
    const s = createNetworkSession();
    s.setDataset(streetGrid());
    let someLower = false;
    for (let i = 0; i < 10; i++) {
      const c = s.compare(preset, i);
      expect(c.network).not.toBeNull();
      for (const r of compareRows(preset, c.euclidean, c.network)) {
        expect(r.network!).toBeLessThanOrEqual(r.euclidean + 1e-3);
        if (r.network! < r.euclidean - 0.05) someLower = true;
      }
    }
    expect(someLower).toBe(true);
    // C0 = [−1000, −800] × [50, 250] is ≥ 800 m from K: no 5-minute kindergarten either way.
    const c0 = s.compare(preset, 0);
    expect(c0.euclidean.lifeCircles['5'].kindergarten).toBe(0);
    expect(c0.network!.lifeCircles['5'].kindergarten).toBe(0);
  });

  it('without roads only the straight-line result', () => {
    const s = createNetworkSession();
    s.setDataset({ ...streetGrid(), roads: [] });
    expect(s.compare(preset, 4).network).toBeNull();
    expect(s.graphInfo(preset)).toBeNull();
  });
});

describe('network session: a graph never outlives its data and projection', () => {
  // The grid's communities and facilities moved 3° of longitude east (about 290 km), the roads
  // left where they were: what importing other communities over the demo's roads looked like.
  const away = (): Dataset => {
    const d = streetGrid();
    const move = (p: [number, number]): [number, number] => [p[0] + 3, p[1]];
    return {
      ...d,
      communities: d.communities.map((c) => ({ ...c, geometry: c.geometry.map((poly) => poly.map((ring) => ring.map(move))) })),
      facilities: d.facilities.map((f) => ({ ...f, position: move(f.position) })),
    };
  };

  it('other communities with the same roads: no road is near them, as in a fresh session', () => {
    const s = createNetworkSession();
    s.setDataset(streetGrid());
    // C4 = [−200, 0] × [50, 250], next to K at (0, 10): reached on foot on the grid.
    const onGrid = s.compare(preset, 4).network!.lifeCircles['5'].kindergarten!;
    expect(onGrid).toBeGreaterThan(0.3);
    const before = s.graphInfo(preset)!;
    s.setDataset(away());
    // The roads are 290 km away from the moved communities: K cannot join the network, so it
    // reaches only the strip beside itself (the network's lateral offset), far less than on the grid.
    const moved = s.compare(preset, 4).network!;
    expect(moved.lifeCircles['5'].kindergarten).toBeLessThan(onGrid / 2);
    const fresh = createNetworkSession();
    fresh.setDataset(away());
    expect(moved).toEqual(fresh.compare(preset, 4).network);
    // The graph was rebuilt in the new projection (same roads, so the same counts).
    expect(s.graphInfo(preset)!.edges).toBe(before.edges);
    expect(s.bands(preset, { facility: K }).offNetwork).toEqual(['K']);
  });

  it('the same dataset again keeps the graph (no rebuild)', () => {
    const s = createNetworkSession();
    s.setDataset(streetGrid());
    const g1 = s.graphInfo(preset);
    s.setDataset(streetGrid());
    expect(s.graphInfo(preset)).toBe(g1);
  });

});

describe('network session: moving a facility', () => {
  it('category reach: the largest tier at which the preset asks for the category', () => {
    const tiers = { '5': 300, '10': 500, '15': 1000 };
    expect(categoryReach(preset, tiers, 'kindergarten')).toBe(500); // tier 5 and "6个1" at tier 10
    expect(categoryReach(preset, tiers, 'primary_school')).toBe(500);
    expect(categoryReach(preset, tiers, 'health_station')).toBe(500); // tier 5, and the "6个1" health group at tier 10
    expect(categoryReach(preset, tiers, 'health_center')).toBe(1000); // tier 15
    expect(categoryReach(preset, tiers, 'police')).toBe(0);
  });

  it('re-audits exactly the communities within 500 m of the old or new position, matching a fresh audit', () => {
    for (const mode of ['euclidean', 'network'] as const) {
      const s = createNetworkSession();
      const data = streetGrid();
      s.setDataset(data);
      s.warm(preset, mode, K);
      // K from (0, 10) to (400, 10). Within 500 m of (0, 10): squares with x-gap ≤ √(500² − 40²) ≈ 498 →
      // C2 … C7; of (400, 10): C4 … C9. K is in no community. So C2 … C9.
      const r = s.moveFacility(preset, mode, K, ll(400, 10));
      expect(r.affected).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      // Second method: the moved dataset audited from scratch.
      const moved: Dataset = { ...data, facilities: data.facilities.map((f, i) => (i === K ? { ...f, position: ll(400, 10) } : f)) };
      const base = prepareAudit(moved, preset);
      const fresh = mode === 'network' ? prepareAudit(moved, preset, { reach: createNetworkReach(moved.roads!, base.projection) }) : base;
      const all = auditCommunities(fresh, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      r.affected.forEach((i, k) => {
        expect(r.results[k].id).toBe(all[i].id);
        expect(r.results[k].lifeCircles).toEqual(all[i].lifeCircles);
        expect(r.results[k].sixOnes).toEqual(all[i].sixOnes);
        expect(r.results[k].status).toBe(all[i].status);
      });
      // Communities outside the set did not change: before and after agree there.
      const before = auditCommunities(mode === 'network' ? prepareAudit(data, preset, { reach: createNetworkReach(data.roads!, base.projection) }) : prepareAudit(data, preset), [0, 1]);
      expect(before.map((c) => c.lifeCircles)).toEqual([all[0].lifeCircles, all[1].lifeCircles]);
      // The 5-minute kindergarten share of C3 ([−400, −200]) drops to 0: K is now ≥ 600 m away.
      expect(all[3].lifeCircles['5'].kindergarten).toBe(0);
      expect(r.results[1].lifeCircles['5'].kindergarten).toBe(0);
      // The session's dataset holds the new position; moving back (undo) restores the first results.
      expect(s.dataset()!.facilities[K].position).toEqual(ll(400, 10));
      const back = s.moveFacility(preset, mode, K, ll(0, 10));
      const first = auditCommunities(mode === 'network' ? prepareAudit(data, preset, { reach: createNetworkReach(data.roads!, base.projection) }) : prepareAudit(data, preset), back.affected);
      expect(back.results.map((c) => c.lifeCircles)).toEqual(first.map((c) => c.lifeCircles));
    }
  });

  it('a station moved into another community changes both assignments (floor-area rules)', () => {
    const s = createNetworkSession();
    const data = streetGrid();
    s.setDataset(data);
    const S = 1; // community_service in C5 → to C1 ([−800, −600]); reach 300 m of either position
    const r = s.moveFacility(preset, 'euclidean', S, ll(-700, 150));
    // Old (100, 150): C4 (gap 100), C5 (inside), C6 (gap 100) → C4…C6; new (−700, 150): C0 (gap
    // 100), C1 (inside), C2 (gap 100) → C0…C2. C3 (gap 300 from both) and C7 (gap 300 from the
    // old) sit exactly at the reach: ties that the last bits of the projected coordinates decide,
    // so either way is right.
    expect(r.affected.filter((i) => i !== 3 && i !== 7)).toEqual([0, 1, 2, 4, 5, 6]);
    expect(r.affected.every((i) => i >= 0 && i <= 7)).toBe(true);
    const c1 = r.results[r.affected.indexOf(1)];
    const c5 = r.results[r.affected.indexOf(5)];
    // 400 m² for 1000 households = 40 m² per 100 households in C1; none left in C5.
    expect(c1.areaPer100Households_m2).toBeCloseTo(40, 6);
    expect(c1.facilityIds).toEqual(['S']);
    expect(c5.areaPer100Households_m2).toBe(0);
  });

  it('affectedCommunities agrees with the engine: the set is within withFacilityChanged’s widest-tier set', () => {
    const data = streetGrid();
    const ctx = prepareAudit(data, preset);
    const up = withFacilityChanged(ctx, { type: 'update', index: K, facility: { ...data.facilities[K], position: ll(400, 10) } });
    const mine = affectedCommunities(ctx, up.ctx, K, data.facilities[K].position, ll(400, 10));
    for (const i of mine) expect(up.affected).toContain(i);
    // The engine looks 1000 m (widest tier) around both positions: all ten; a kindergarten matters to 500 m only.
    expect(up.affected).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mine).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
