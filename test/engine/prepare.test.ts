import { describe, expect, it } from 'vitest';
import { prepareAudit } from '../../src/engine/audit';
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
