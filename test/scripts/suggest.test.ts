// The suggest command end to end (suggest-cli.md): in-process through runSuggestCommand for the
// figures and the input checks, and spawned as `npm run suggest` runs it (`node scripts/cli.mjs suggest`, the bundled command) for stdout, exit status
// and the files written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuggestCommand } from '../../scripts/suggest';
import { InputError } from '../../scripts/lib/index';

const ROOT = join(__dirname, '..', '..');
const FX = join(ROOT, 'test', 'fixtures', 'suggest');
// A: 200 m square, 1000 households, no kindergarten; B: 200 m square 1 km east, 500 households,
// a kindergarten at its centre. Candidates: P-A (A's centre), P-mid (500 m east of it), P-B (B's
// centre), P-west (250 m west of A's centre).
const BASE = ['--communities', join(FX, 'communities.geojson'), '--facilities', join(FX, 'facilities.geojson')];
const CANDS = ['--candidates', join(FX, 'candidates.geojson')];
const tmp = mkdtempSync(join(tmpdir(), 'suggest-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function spawnSuggest(args: string[]) {
  const r = spawnSync('node', ['scripts/cli.mjs', 'suggest', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('suggest command: figures', () => {
  it('the site that serves A, with the contract\'s before/after, gains and communities (by hand)', async () => {
    const { result, output, notes } = await runSuggestCommand([...BASE, ...CANDS, '--category', 'kindergarten', '--tier', '5', '--count', '2', '--exact']);
    const j = JSON.parse(output as string);
    expect(j).toMatchObject({ category: 'kindergarten', distance_m: 300, mode: 'euclidean', basis: 'community-area', households: 1500, preset: 'national-2022', tier: '5' });
    // Before: only B (500 households) is within 300 m of a kindergarten; A (share 0) is below 0.9.
    expect(j.before.householdsWithin).toBeCloseTo(500, 6);
    expect(j.before.communitiesBelowThreshold).toBe(1);
    // P-A covers A whole (half diagonal 141 m < 300 m); after it nothing else gains: one site only.
    expect(j.sites).toHaveLength(1);
    expect(j.sites[0]).toMatchObject({ rank: 1, candidate: 'P-A', communities: [{ id: 'A', shareBefore: 0, fixed: true }] });
    expect(j.sites[0].gainHouseholds).toBeCloseTo(1000, 6);
    expect(j.sites[0].cumulativeHouseholds).toBeCloseTo(1000, 6);
    expect(j.sites[0].communities[0].shareAfter).toBeCloseTo(1, 9);
    expect(j.sites[0].lon).toBeCloseTo(114, 6);
    expect(j.sites[0].lat).toBeCloseTo(23, 6);
    expect(j.after.householdsWithin).toBeCloseTo(1500, 6);
    expect(j.after.communitiesBelowThreshold).toBe(0);
    expect(j.exact).toMatchObject({ gapPercent: 0, proven: true, candidates: ['P-A'] });
    expect(j.exact.householdsGain).toBeCloseTo(1000, 6);
    expect(j.exact.greedyGain).toBeCloseTo(1000, 6);
    expect(j.candidates).toEqual({ source: 'file', count: 4, file: join(FX, 'candidates.geojson') });
    expect(result.sites).toHaveLength(1);
    expect(notes.join('\n')).toMatch(/only 1 of 2 sites/);
  });

  it('--distance equals the tier\'s distance; a Chinese category name works; the grid is the default', async () => {
    const a = (await runSuggestCommand([...BASE, ...CANDS, '--category', 'kindergarten', '--tier', '5', '--count', '1'])).result;
    const b = (await runSuggestCommand([...BASE, ...CANDS, '--category', '幼儿园', '--distance', '300', '--count', '1'])).result;
    expect(b.sites).toEqual(a.sites);
    const g = JSON.parse((await runSuggestCommand([...BASE, '--category', 'kindergarten', '--tier', '5', '--count', '1'])).output as string);
    expect(g.candidates.source).toBe('grid');
    expect(g.candidates.grid_m).toBe(100);
    // A's 200 m square holds 4 cells of a 100 m grid (give or take the grid's offset); any of them covers A whole.
    expect(g.sites[0].gainHouseholds).toBeCloseTo(1000, 6);
  });

  it('a category with no facility: one site per community, gains adding up to after − before', async () => {
    const { output } = await runSuggestCommand([...BASE, '--candidates', join(FX, 'candidates.geojson'), '--category', 'elderly_care', '--distance', '300', '--count', '4']);
    const j = JSON.parse(output);
    // No elderly care anywhere: P-A covers A whole (1000), P-B covers B whole (500); P-west then adds nothing.
    expect(j.sites.map((s: { candidate: string }) => s.candidate)).toEqual(['P-A', 'P-B']);
    expect(j.sites[1].gainHouseholds).toBeCloseTo(500, 6);
    expect(j.after.householdsWithin - j.before.householdsWithin).toBeCloseTo(1500, 6);
  });
});

describe('suggest command: GeoJSON', () => {
  it('the sites as points with the same properties', async () => {
    const { output, out } = await runSuggestCommand([...BASE, ...CANDS, '--category', 'kindergarten', '--tier', '5', '--count', '1', '--out', join(tmp, 'x.geojson')]);
    expect(out).toBe(join(tmp, 'x.geojson'));
    const fc = JSON.parse(output);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].geometry.type).toBe('Point');
    expect(fc.features[0].geometry.coordinates[0]).toBeCloseTo(114, 6);
    expect(fc.features[0].properties).toMatchObject({ rank: 1, candidate: 'P-A', category: 'kindergarten', communities: [{ id: 'A', fixed: true }] });
    expect(fc.features[0].properties.gainHouseholds).toBeCloseTo(1000, 6);
  });
});

describe('suggest command: bad input (exit 2)', () => {
  const bad = async (args: string[], msg: RegExp) => {
    const e = await runSuggestCommand(args).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(msg);
  };
  it('names the flag, the file, the feature and the field at fault', async () => {
    await bad([...BASE, '--category', 'kindergarten', '--count', '1'], /either --tier <minutes> or --distance/);
    await bad([...BASE, '--category', 'kindergarten', '--tier', '5', '--distance', '300', '--count', '1'], /either --tier/);
    await bad([...BASE, '--category', 'spaceport', '--tier', '5', '--count', '1'], /--category: "spaceport" is not a facility category/);
    await bad([...BASE, '--category', 'kindergarten', '--tier', '7', '--count', '1'], /--tier: preset national-2022 has no tier "7"/);
    await bad([...BASE, '--category', 'kindergarten', '--tier', '5', '--count', '0'], /--count: "0" must be a positive whole number/);
    await bad([...BASE, '--category', 'kindergarten', '--tier', '5', '--count', '1', '--grid', '100', ...CANDS], /either --candidates/);
    await bad([...BASE, '--category', 'kindergarten', '--tier', '5', '--count', '1', '--out', 'x.xlsx'], /--out: "x.xlsx" must end in/);
    await bad([...BASE, '--category', 'kindergarten', '--distance', '200000', '--count', '1'], /--distance: 200000 m cannot be computed correctly/);
    await bad([...BASE, ...CANDS, '--category', 'kindergarten', '--tier', '5', '--count', '1', '--out', join(FX, 'candidates.geojson')], /--out/);
    await bad([...BASE, '--category', 'kindergarten', '--tier', '5', '--count', '1', '--candidates', join(FX, 'candidates-bad-geometry.geojson')],
      /candidates-bad-geometry\.geojson: feature 1 \(id P2\): field geometry: a candidate site must be a point \(is LineString\)/);
  });
});

describe('suggest command: process', () => {
  it('writes the CSV, exit 0; bad input exits 2 and writes nothing', { timeout: 300_000 }, () => {
    const csv = join(tmp, 'sites.csv');
    const ok = spawnSuggest([...BASE, ...CANDS, '--category', 'kindergarten', '--tier', '5', '--count', '1', '--out', csv]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/wrote .*sites\.csv/);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('rank,candidate,lon,lat,gainHouseholds,cumulativeHouseholds,communities,fixes,category,distance_m,mode');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1,P-A,114,23,1000(\.0+\d*)?,1000(\.0+\d*)?,A 0\.0000→1\.0000,A,kindergarten,300,euclidean$/);

    const out = join(tmp, 'never.geojson');
    const fail = spawnSuggest([...BASE, '--category', 'spaceport', '--tier', '5', '--count', '1', '--out', out]);
    expect(fail.status).toBe(2);
    expect(fail.stderr).toMatch(/^error: --category: "spaceport"/);
    expect(existsSync(out)).toBe(false);
  });
});
