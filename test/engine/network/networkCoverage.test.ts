// Walking-mode data warnings on the street grid of planning/whatIf/streetGrid.ts (main road along
// y = 0 from x = −1500 to 1500, side streets x = ±100 … ±900 from y = 0 to 300): distances to the
// nearest road worked out by hand.
import { describe, expect, it } from 'vitest';
import { createNetworkReach } from '../../../src/engine/network/networkReach';
import { buildGraph } from '../../../src/engine/network/graph';
import { communityHasRoad, segmentToPolygonDistance } from '../../../src/engine/network/networkCoverage';
import { datasetProjection, prepareAudit, runAudit, withFacilityChanged } from '../../../src/engine/audit';
import { getPreset } from '../../../src/engine/presets';
import type { Community, Dataset, Position } from '../../../src/engine/types';
import type { XY } from '../../../src/engine/reach/reachProvider';
import { ll, streetGrid } from '../../planning/whatIf/streetGrid';

const preset = getPreset('national-2022')!;
const square = (id: string, x0: number, y0: number, side = 200): Community => ({
  id, name: id, households: 100, setting: 'urban',
  geometry: [[[ll(x0, y0), ll(x0 + side, y0), ll(x0 + side, y0 + side), ll(x0, y0 + side), ll(x0, y0)]]],
});
const shifted = (p: Position, dLon: number): Position => [p[0] + dLon, p[1]];

describe('segmentToPolygonDistance', () => {
  const sq: XY[][] = [[[0, 0], [100, 0], [100, 100], [0, 100]]];
  it('is 0 for a segment that crosses the polygon with both ends outside', () => {
    expect(segmentToPolygonDistance([-50, 50], [150, 50], sq)).toBe(0);
  });
  it('is the gap between a segment and the nearest side or corner', () => {
    expect(segmentToPolygonDistance([-50, 130], [150, 130], sq)).toBeCloseTo(30, 9);
    // Corner (100, 100) to the segment from (130, 140) to (200, 140): nearest point (130, 140), 50 m.
    expect(segmentToPolygonDistance([130, 140], [200, 140], sq)).toBeCloseTo(50, 9);
  });
});

describe('walking-mode data warnings', () => {
  it('names each community with no road within 300 m and each facility that cannot join', () => {
    const data = streetGrid();
    // [−1000, −800] × [400, 600]: side street x = −900 ends at (−900, 300), 100 m below → served.
    data.communities.push(square('near', -1000, 400));
    // [−1000, −800] × [650, 850]: that street end is 350 m away, everything else farther → warned.
    data.communities.push(square('far', -1000, 650));
    // East of the main road's end (1500, 0): [1850, 2050] × [0, 200] is 350 m away → warned.
    data.communities.push(square('east', 1850, 0));
    // A facility 700 m above the nearest street end (0 ± 100, 300): 100 → √(100² + 700²) ≈ 707 m.
    data.facilities.push({ id: 'lost', category: 'kindergarten', floorArea: 100, position: ll(0, 1000) });
    // 250 m from the main road: joins.
    data.facilities.push({ id: 'ok', category: 'kindergarten', floorArea: 100, position: ll(1200, -250) });
    const projection = datasetProjection(data);
    const ctx = prepareAudit(data, preset, { reach: createNetworkReach(data.roads!, projection), projection });
    const off = ctx.warnings.filter((w) => w.code === 'community_off_network').map((w) => w.feature);
    expect(off).toEqual(['far', 'east']);
    const offF = ctx.warnings.filter((w) => w.code === 'facility_off_network').map((w) => w.feature);
    expect(offF).toEqual(['lost']);
    expect(ctx.warnings.find((w) => w.feature === 'far')!.message).toMatch(/no walkable road within 300 m/);
  });

  it('a road layer from another city lists every community (not a silent all-fail)', () => {
    const data = streetGrid();
    // The same streets 3° of longitude to the east (about 290 km).
    const roads = data.roads!.map((r) => ({ ...r, coordinates: r.coordinates.map((p) => shifted(p, 3)) }));
    const moved: Dataset = { ...data, roads };
    const projection = datasetProjection(moved);
    const result = runAudit(prepareAudit(moved, preset, { reach: createNetworkReach(roads, projection), projection }));
    const off = result.warnings.filter((w) => w.code === 'community_off_network').map((w) => w.feature);
    expect(off).toEqual(data.communities.map((c) => c.id));
    expect(result.warnings.filter((w) => w.code === 'facility_off_network').map((w) => w.feature)).toEqual(['K', 'S']);
  });

  it('a facility moved away from every road is warned about; moved back, the warning goes', () => {
    const data = streetGrid();
    const projection = datasetProjection(data);
    const ctx = prepareAudit(data, preset, { reach: createNetworkReach(data.roads!, projection), projection });
    const offK = (c: typeof ctx) => c.warnings.filter((w) => w.code === 'facility_off_network' && w.feature === 'K').length;
    expect(offK(ctx)).toBe(0);
    // (0, 700): the nearest street end (±100, 300) is √(100² + 400²) ≈ 412 m away.
    const away = withFacilityChanged(ctx, { type: 'update', index: 0, facility: { ...data.facilities[0], position: ll(0, 700) } }).ctx;
    expect(offK(away)).toBe(1);
    const back = withFacilityChanged(away, { type: 'update', index: 0, facility: data.facilities[0] }).ctx;
    expect(offK(back)).toBe(0);
  });

  it('straight-line mode adds none of them', () => {
    const data = streetGrid();
    data.communities.push(square('far', -1000, 650));
    const ctx = prepareAudit(data, preset, { mode: 'euclidean' });
    expect(ctx.warnings.filter((w) => w.code === 'community_off_network')).toEqual([]);
  });

  it('communityHasRoad: a road through the community with no vertex inside it counts', () => {
    // One straight road from (−500, 100) to (500, 100) through a 200 m square centred on the origin.
    const g = buildGraph([[[-500, 100], [500, 100]]]);
    const c = { index: 0, id: 'c', rings: [[[-100, 0], [100, 0], [100, 200], [-100, 200]]] as XY[][], area_m2: 40000, bbox: [-100, 0, 100, 200] as [number, number, number, number] };
    expect(communityHasRoad(g, c, 0)).toBe(true);
    const g2 = buildGraph([[[-500, 260], [500, 260]]]);
    expect(communityHasRoad(g2, c, 50)).toBe(false); // 60 m away
    expect(communityHasRoad(g2, c, 60)).toBe(true);
  });
});

describe('communityHasRoad', () => {
  it('agrees with the distance of every edge to the polygon (no index, no early exit) on random roads', () => {
    let seed = 5;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let yes = 0, no = 0;
    for (let k = 0; k < 60; k++) {
      // A few short roads scattered over 3 km; a community of 100–300 m somewhere in the middle.
      const lines: XY[][] = Array.from({ length: 4 }, () => {
        const x = rand() * 3000, y = rand() * 3000;
        return [[x, y], [x + (rand() - 0.5) * 400, y + (rand() - 0.5) * 400]] as XY[];
      });
      const g = buildGraph(lines);
      const x = 800 + rand() * 1200, y = 800 + rand() * 1200, w = 100 + rand() * 200;
      const rings: XY[][] = [[[x, y], [x + w, y], [x + w, y + w], [x, y + w]]];
      const community = { index: k, id: `c${k}`, rings, area_m2: w * w, bbox: [x, y, x + w, y + w] as [number, number, number, number] };
      const expected = lines.some(([a, b]) => segmentToPolygonDistance(a, b, rings) <= 300);
      expect(communityHasRoad(g, community, 300)).toBe(expected);
      if (expected) yes++;
      else no++;
    }
    expect(yes).toBeGreaterThan(5);
    expect(no).toBeGreaterThan(5);
  });
});
