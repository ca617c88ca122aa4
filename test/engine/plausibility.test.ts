// Plausibility: what no real community has is flagged, what cannot be computed is refused.
// A whole-globe community used to be accepted with an area of 7.9e10 m² (the true area is about
// 5.1e14) and silently took no facilities; households of 1e12 and 20,000 km bands went unremarked.
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../src/io/import/readLayer';
import { prepareAudit } from '../../src/engine/audit';
import { defaultPreset, validatePreset } from '../../src/engine/presets';
import { distanceProblem, householdsProblem, polygonExtentProblem } from '../../src/engine/plausibility';
import type { Community, Position } from '../../src/engine/types';
import { runAuditCommand } from '../../scripts/audit';
import { runServiceAreas } from '../../scripts/serviceAreas';
import { InputError } from '../../scripts/lib/index';
import { FIXTURES, fixtureFiles } from '../io/fixtureFiles';

describe('a community polygon larger than a local projection can measure', () => {
  it('the whole globe is refused at import, naming file, feature and field; the real one is kept', async () => {
    const l = await readLayer(fixtureFiles('hostile/community-whole-globe.geojson'), 'communities');
    const errors = l.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].file).toMatch(/community-whole-globe\.geojson$/);
    expect(errors[0].field).toBe('geometry');
    expect(String(errors[0].feature)).toMatch(/GLOBE|0/);
    expect(errors[0].message).toMatch(/spans 360\.0° of longitude × 180\.0° of latitude.*refused/);
    expect(l.features.map((c) => c.id)).toEqual(['OK']);
  });

  it('the audit command stops with exit status 2 (bad input) on it', async () => {
    const e = await runAuditCommand(['--communities', `${FIXTURES}/hostile/community-whole-globe.geojson`, '--facilities', `${FIXTURES}/base/facilities.geojson`]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/community-whole-globe\.geojson: feature .*: field geometry: the polygon spans 360/);
  });

  it('a 2° extent is the limit: 1.9° passes, 2.1° is refused', () => {
    const square = (d: number): Position[][][] => [[[[100, 30], [100 + d, 30], [100 + d, 30 + d], [100, 30 + d], [100, 30]]]];
    expect(polygonExtentProblem(square(1.9))).toBeUndefined();
    expect(polygonExtentProblem(square(2.1))?.severity).toBe('error');
  });
});

describe('households and density beyond any real community', () => {
  it('1e12 households and 50,000 households on about 0.0106 km² are flagged; 3,000 on about 1.06 km² is not', async () => {
    const l = await readLayer(fixtureFiles('hostile/community-implausible-households.geojson'), 'communities');
    expect(l.features).toHaveLength(3);
    const ctx = prepareAudit({ communities: l.features as Community[], facilities: [], green: [] }, defaultPreset());
    const flagged = ctx.warnings.filter((w) => w.code === 'implausible_value');
    expect(flagged.map((w) => [w.feature, w.field])).toEqual([['HUGE', 'households'], ['DENSE', 'households']]);
    expect(flagged[0].message).toMatch(/households 1000000000000 is beyond any real community/);
    // DENSE: 0.001° × 0.001° at 30.65°N ≈ 95.8 m × 110.9 m ≈ 10,620 m² → about 4.7 million per km².
    const density = Number(/(\d+) households per km²/.exec(flagged[1].message)![1]);
    expect(density).toBeGreaterThan(4.5e6);
    expect(density).toBeLessThan(4.9e6);
  });

  it('the thresholds: 100,000 households is the most, 100,000 per km² the densest', () => {
    expect(householdsProblem(100_000, 2e6)).toBeUndefined();
    expect(householdsProblem(100_001, 2e6)?.severity).toBe('warning');
    expect(householdsProblem(9_000, 0.1e6)).toBeUndefined(); // 90,000 per km²
    expect(householdsProblem(11_000, 0.1e6)?.severity).toBe('warning'); // 110,000 per km²
    expect(householdsProblem(null, 1e6)).toBeUndefined();
  });
});

describe('distances beyond the tool', () => {
  const fac = `${FIXTURES}/base/facilities.geojson`;
  const sa = (d: string) => runServiceAreas(['--facilities', fac, '--mode', 'euclidean', '--distances', d]);

  it('service-areas refuses 20,000,000 m and 1e9 m (a band near 30°S with longitudes to 284°, and a blob)', async () => {
    for (const d of ['20000000', '1e9']) {
      const e = await sa(d).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(/--distances: .* m cannot be computed correctly/);
    }
  });

  it('6,000 m is computed with a warning; 1,000 m without', async () => {
    expect((await sa('6000')).summary).toMatch(/warning: --distances: 6000 m is beyond a life circle/);
    expect((await sa('1000')).summary).not.toMatch(/warning/);
    expect(distanceProblem(100_000)?.severity).toBe('warning');
    expect(distanceProblem(100_001)?.severity).toBe('error');
  });

  it('a preset whose tier distance is 20,000 km is invalid', () => {
    const p = structuredClone(defaultPreset()) as unknown as { tiers: Record<string, { distance_m: number }> };
    const k = Object.keys(p.tiers)[0];
    p.tiers[k].distance_m = 2e7;
    const v = validatePreset(p);
    expect('errors' in v && v.errors.join('\n')).toMatch(new RegExp(`preset\\.tiers\\.${k}\\.distance_m: must be ≤ 100000`));
  });
});
