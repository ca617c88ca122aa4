import { describe, expect, it } from 'vitest';
import { datasetCenter, prepareAudit } from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import { community, facility, green, loadFixture, rect } from './helpers';

const codes = (ws: { code: string; feature: string }[]) => ws.map((w) => `${w.code}:${w.feature}`).sort();

describe('facility → community assignment (audit-cli.md)', () => {
  it('a facility on a shared boundary goes to the id that sorts first, without an overlap warning', () => {
    const ctx = prepareAudit(loadFixture('facility-on-shared-boundary'), defaultPreset());
    // Communities are listed B, A: index 1 is A.
    expect(ctx.facilities[0].community).toBe(1);
    expect(ctx.communities[1].id).toBe('A');
    expect(ctx.warnings.filter((w) => w.code === 'community_overlap')).toEqual([]);
  });

  // Edges are straight in lon/lat as the files draw them; the audit's transverse Mercator bends them
  // (by 4.5 cm to 4.5 m in these cases, see each fixture's description), and the boundary must not
  // move with the projection.
  it.each([
    ['facility-on-long-meridian-edge', ['S1']],
    ['facility-on-long-parallel-edge', ['S1', 'S2']],
    ['facility-on-long-diagonal-edge', ['S1']],
  ])('%s: a facility on the lon/lat edge two communities share goes to the id that sorts first', (fixture, facilities) => {
    const ctx = prepareAudit(loadFixture(fixture), defaultPreset());
    expect(ctx.communities.map((c) => c.id)).toEqual(['B', 'A']);
    for (const id of facilities) expect(ctx.communities[ctx.facilities.find((f) => f.id === id)!.community]?.id, id).toBe('A');
    expect(ctx.warnings.filter((w) => w.code === 'community_overlap' || w.code === 'facility_outside_communities')).toEqual([]);
  });

  it('on the boundary means within 1 cm of the edge: 5 mm off goes to the id that sorts first, 2 cm off to its side', () => {
    const data = loadFixture('facility-on-long-parallel-edge');
    const dLat = (m: number) => m / 110_760; // metres of latitude at 23°N (meridian radius 6,346 km)
    data.facilities = [
      { ...data.facilities[0], id: 'S5mmSouth', position: [114.1, 23 - dLat(0.005)] },
      { ...data.facilities[0], id: 'S2cmSouth', position: [114.1, 23 - dLat(0.02)] },
      { ...data.facilities[0], id: 'S2cmNorth', position: [114.1, 23 + dLat(0.02)] },
    ];
    const ctx = prepareAudit(data, defaultPreset());
    expect(ctx.facilities.map((f) => ctx.communities[f.community].id)).toEqual(['A', 'B', 'A']);
  });

  it('a facility inside two overlapping communities goes to the id that sorts first, with an overlap warning', () => {
    const ctx = prepareAudit(loadFixture('overlapping-communities'), defaultPreset());
    expect(ctx.communities[ctx.facilities[0].community].id).toBe('X');
    const overlaps = ctx.warnings.filter((w) => w.code === 'community_overlap');
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0].message).toMatch(/X.*Y/);
  });

  it('explicit assignment wins; an unknown community id is warned and falls back to location', () => {
    const ctx = prepareAudit(loadFixture('explicit-assignment'), defaultPreset());
    const byId = Object.fromEntries(ctx.facilities.map((f) => [f.id, ctx.communities[f.community]?.id]));
    expect(byId).toEqual({ S1: 'B', S2: 'A', S3: 'A' });
    expect(ctx.facilities.find((f) => f.id === 'S1')!.assignedBy).toBe('explicit');
    expect(codes(ctx.warnings)).toEqual(['missing_floor_area:S3', 'unknown_community_assignment:S2']);
    const w = ctx.warnings.find((x) => x.code === 'unknown_community_assignment')!;
    expect(w.field).toBe('community');
    expect(w.message).toContain('Z');
  });

  it('a facility in a hole lies in no community (warned)', () => {
    const ctx = prepareAudit(loadFixture('community-with-hole'), defaultPreset());
    expect(ctx.facilities[0].community).toBe(-1);
    expect(codes(ctx.warnings)).toEqual(['facility_outside_communities:H1']);
    expect(ctx.communities[0].area_m2).toBeCloseTo(320000, -1);
  });

  it('reports missing and zero households, unknown categories, duplicate ids and invalid geometry', () => {
    const data = {
      communities: [
        community('A', [[rect(0, 0, 100, 100)]], { households: null }),
        community('B', [[rect(200, 0, 300, 100)]], { households: 0 }),
        community('B', [[rect(400, 0, 500, 100)]]),
        community('BAD', [[[[114, 23], [114, 23], [114, 23]]]]),
      ],
      facilities: [facility('F1', 'bakery' as never, 50, 50)],
      green: [green('G1', [])],
    };
    const ctx = prepareAudit(data, defaultPreset());
    expect(codes(ctx.warnings)).toEqual([
      'duplicate_id:B', 'invalid_geometry:BAD', 'invalid_geometry:G1', 'missing_households:A', 'unknown_category:F1', 'zero_households:B',
    ]);
    const w = ctx.warnings.find((x) => x.code === 'missing_households')!;
    expect([w.layer, w.field]).toEqual(['communities', 'households']);
  });
});

describe('datasetCenter', () => {
  it('is the centre of the lon/lat box of the communities\' finite vertices, else of the facilities, else [0, 0]', () => {
    const a = community('A', [[[[113.5, 22.5], [113.75, 22.5], [113.75, 22.625], [113.5, 22.5]]]]);
    // A second polygon reaching further west and north, with a vertex that is not finite (ignored).
    const b = community('B', [[[[113.25, 22.75], [NaN, 80], [113.375, 22.875], [113.25, 22.75]]], [[[113.625, 22.25], [113.7, 22.3], [113.65, 22.35], [113.625, 22.25]]]]);
    const far = facility('F', 'kindergarten', 0, 0, { position: [120, 30] });
    // Box [113.25, 22.25] – [113.75, 22.875]: centre by hand.
    expect(datasetCenter({ communities: [a, b], facilities: [far] })).toEqual([113.5, 22.5625]);
    // A community list given: its vertices alone, even when they are all unusable.
    expect(datasetCenter({ communities: [community('C', [[[[Infinity, 1], [2, NaN]]]])], facilities: [far] })).toEqual([0, 0]);
    expect(datasetCenter({ communities: [], facilities: [far, facility('G', 'kindergarten', 0, 0, { position: [121, 31.5] })] })).toEqual([120.5, 30.75]);
    expect(datasetCenter({ communities: [], facilities: [] })).toEqual([0, 0]);
  });
});
