// The audit command end to end (audit-cli.md): in-process through runAuditCommand for the
// figures, and spawned (tsx scripts/audit.ts) for stdout, exit status and files written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { runAuditCommand } from '../../scripts/audit';
import { InputError } from '../../scripts/lib/index';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { readBackXlsx, sheetRecords } from '../io/export/readBackXlsx';

const ROOT = join(__dirname, '..', '..');
const FX = join(ROOT, 'test', 'fixtures', 'io');
const BASE = ['--communities', join(FX, 'base/communities.geojson'), '--facilities', join(FX, 'base/facilities.geojson'), '--green', join(FX, 'base/green.geojson')];
const tmp = mkdtempSync(join(tmpdir(), 'audit-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function spawnAudit(args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Figures by hand from fixtures/io/base (community_service facilities inside each community):
// C001 F01 800 m² / 2500 hh → 32.0; C002 F02 350 / 1800 → 19.444…; C003 none → 0;
// C004 F11 150 / 1200 → 12.5; C005 (rural) F09 220 / 600 → 36.666…
const EXPECTED: [string, number, number, number][] = [
  ['C001', 800, 32, 800], ['C002', 350, 19.4444, 350], ['C003', 0, 0, 0], ['C004', 150, 12.5, 150], ['C005', 220, 36.6667, 220],
];

describe('audit command: figures', () => {
  it('serviceArea, areaPer100Households, largestStation and the failures they imply', async () => {
    const { result } = await runAuditCommand(BASE);
    expect(result.preset).toBe('national-2022');
    result.communities.forEach((c, i) => {
      const [id, area, per100, largest] = EXPECTED[i];
      expect(c.id).toBe(id);
      expect(c.serviceArea_m2).toBe(area);
      expect(c.areaPer100Households_m2).toBeCloseTo(per100, 3);
      expect(c.largestStation_m2).toBe(largest);
    });
    const rules = (id: string) => result.communities.find((c) => c.id === id)!.failures.map((f) => f.rule);
    expect(rules('C001')).not.toContain('areaPer100Households'); // 32 ≥ 30
    expect(rules('C002')).toContain('areaPer100Households'); // 19.4 < 30
    expect(rules('C004')).toContain('stationMinArea'); // 150 < 300 urban
    expect(rules('C005')).not.toContain('stationMinArea'); // 220 ≥ 200 rural
  });

  it('each failure names its source by document title and clause, in Chinese and English', async () => {
    const { result } = await runAuditCommand(BASE);
    const f = result.communities.find((c) => c.id === 'C004')!.failures.find((x) => x.rule === 'stationMinArea')!;
    expect(f.source).toEqual({
      zh: '城市：延安市“十三五”社会治理规划纲要，第四部分第5项第三点；农村：城乡社区服务能力提升行动方案（节选，未载明发文城市），（五）城乡社区服务效能提升行动',
      en: "urban: Yan'an Social Governance Plan Outline for the 13th Five-Year Period (2016–2020), part 4, item 5, point 3; rural: Action plan for raising urban and rural community service capacity (excerpt; the issuing city is not named), action 5 (effectiveness of community services)",
    });
  });

  it('the same audit from bureau formats: GBK Shapefile, GCJ-02 CSV, UTF-8 Shapefile', async () => {
    const a = (await runAuditCommand(BASE)).result;
    const b = (await runAuditCommand([
      '--communities', join(FX, 'shp-gbk/communities.shp'), '--facilities', join(FX, 'tables/facilities-gcj02.csv'), '--facilities-crs', 'GCJ02',
      '--green', join(FX, 'shp-utf8/green.shp'),
    ])).result;
    expect(b.communities.map((c) => [c.id, c.name, c.serviceArea_m2, c.status])).toEqual(a.communities.map((c) => [c.id, c.name, c.serviceArea_m2, c.status]));
    b.communities.forEach((c, i) => expect(Math.abs(c.greenCoverage - a.communities[i].greenCoverage)).toBeLessThan(0.005));
  });

  it('a facility on a long lon/lat edge two communities share goes to the id that sorts first', async () => {
    // The engine fixture (test/fixtures/engine) split into the two files a user would give.
    const fc = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/engine/facility-on-long-parallel-edge.geojson'), 'utf8')) as { features: { properties: { layer: string } }[] };
    const write = (layer: string) => {
      const file = join(tmp, `parallel-${layer}.geojson`);
      writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: fc.features.filter((f) => f.properties.layer === layer) }));
      return file;
    };
    const { result } = await runAuditCommand(['--communities', write('community'), '--facilities', write('facility')]);
    expect(Object.fromEntries(result.communities.map((c) => [c.id, c.facilityIds]))).toEqual({ B: [], A: ['S1', 'S2'] });
  });

  it('--mode network walks the road layer: never more coverage than straight lines', async () => {
    const e = (await runAuditCommand(BASE)).result;
    const n = (await runAuditCommand([...BASE, '--roads', join(FX, 'base/roads.geojson'), '--mode', 'network'])).result;
    expect(n.parameters.mode).toBe('network');
    n.communities.forEach((c, i) => {
      for (const [tier, cats] of Object.entries(c.lifeCircles))
        for (const [cat, share] of Object.entries(cats)) expect(share!).toBeLessThanOrEqual((e.communities[i].lifeCircles[tier] as Record<string, number>)[cat] + 1e-6);
    });
  });

  it('--mode network with roads from another city: every community named as a data warning', async () => {
    // The fixture's roads moved 5° of longitude east (about 480 km): they cover none of the communities.
    const roads = JSON.parse(readFileSync(join(FX, 'base/roads.geojson'), 'utf8')) as { features: { geometry: { coordinates: number[][] } }[] };
    for (const f of roads.features) f.geometry.coordinates = f.geometry.coordinates.map(([x, y]) => [x + 5, y]);
    const elsewhere = join(tmp, 'roads-elsewhere.geojson');
    writeFileSync(elsewhere, JSON.stringify(roads));
    const r = await runAuditCommand([...BASE, '--roads', elsewhere, '--mode', 'network']);
    const off = r.result.warnings.filter((w) => w.code === 'community_off_network').map((w) => w.feature);
    expect(off).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
    // Every facility with a known category is off the network too.
    const facilities = JSON.parse(readFileSync(join(FX, 'base/facilities.geojson'), 'utf8')) as { features: unknown[] };
    expect(r.result.warnings.filter((w) => w.code === 'facility_off_network').length).toBeGreaterThan(0);
    expect(r.result.warnings.filter((w) => w.code === 'facility_off_network').length).toBeLessThanOrEqual(facilities.features.length);
    // stderr: a headline naming the road file, then each community.
    expect(r.notes.some((n) => n.includes('roads-elsewhere.geojson') && /5 of 5 communities have no walkable road/.test(n))).toBe(true);
    for (const id of off) expect(r.notes.some((n) => n.startsWith(`warning: communities: feature ${id}:`) && /no walkable road within 300 m/.test(n))).toBe(true);
    // The fixture's own roads cover every community: no such warning.
    const own = await runAuditCommand([...BASE, '--roads', join(FX, 'base/roads.geojson'), '--mode', 'network']);
    expect(own.result.warnings.filter((w) => w.code === 'community_off_network')).toEqual([]);
  });

  it('--preset and --config choose the rules', async () => {
    const y = (await runAuditCommand([...BASE, '--preset', 'yanan-2016'])).result;
    expect(y.preset).toBe('yanan-2016');
    await expect(runAuditCommand([...BASE, '--preset', 'nowhere-2099'])).rejects.toThrow(/unknown preset "nowhere-2099".*national-2022/);
    const bad = join(tmp, 'rules-bad.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, id: 'x' }));
    await expect(runAuditCommand([...BASE, '--config', bad])).rejects.toThrow(/rules-bad\.json: invalid rule preset/);
  });

  it('field mapping by flag and by mapping file', async () => {
    const r = await runAuditCommand([...BASE, '--communities-field', 'id=name']);
    expect(r.layers.communities!.fieldMap.id).toBe('name');
    expect(r.result.communities.map((c) => c.id)).toEqual(['锦苑社区', '桂花社区', '玉林社区', '芳草社区', '三河村']);
    const m = join(tmp, 'mapping.json');
    writeFileSync(m, JSON.stringify({ facilities: { name: 'id', id: 'name' } }));
    const f = await runAuditCommand([...BASE, '--mapping', m]);
    expect(f.layers.facilities!.features[0]).toMatchObject({ id: '锦苑社区党群服务中心', name: 'F01' });
  });

  it('bad input is an InputError naming file, feature and field', async () => {
    const err = await runAuditCommand(['--communities', join(FX, 'malformed/non-numeric-households.geojson'), '--facilities', join(FX, 'base/facilities.geojson')]).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/non-numeric-households\.geojson: feature 1 \(id C002\): field households: households "两千" is not a number/);
    const crs = await runAuditCommand(['--communities', join(FX, 'malformed/metres-without-crs.geojson'), '--facilities', join(FX, 'base/facilities.geojson')]).catch((e) => e);
    expect(crs.message).toMatch(/cannot be longitude\/latitude[\s\S]*try --communities-crs EPSG:/);
  });
});

const HAIDIAN = join(ROOT, '..', 'shared', 'data', 'real', 'beijing-haidian', 'haidian.osm');
if (!existsSync(HAIDIAN)) console.log(`audit.test.ts: OSM case skipped, real data ${HAIDIAN} is absent`);

describe.skipIf(!existsSync(HAIDIAN))('audit command on a real OSM export (Beijing Haidian)', () => {
  it('one .osm file gives communities, facilities and green; households are marked as estimates', async () => {
    const r = await runAuditCommand(['--communities', HAIDIAN, '--facilities', HAIDIAN, '--green', HAIDIAN]);
    expect(r.layers.communities!.format).toBe('osm');
    // README: 10 landuse=residential compounds, 3 kindergartens, 9 parks.
    expect(r.result.communities.length).toBeGreaterThanOrEqual(9);
    expect(r.layers.facilities!.features.filter((f) => (f as { category: string }).category === 'kindergarten').length).toBeGreaterThanOrEqual(3);
    expect(r.layers.communities!.features.every((c) => (c as { estimated?: { households?: boolean } }).estimated?.households === true)).toBe(true);
    expect(r.layers.communities!.notes.length).toBeGreaterThan(0);
  });

  const XUANWU = join(ROOT, '..', 'shared', 'data', 'real', 'nanjing-xuanwu', 'xuanwu.osm');
  it.skipIf(!existsSync(XUANWU))('walking mode with Nanjing roads under Beijing communities names every community (about 900 km apart)', async () => {
    const r = await runAuditCommand(['--communities', HAIDIAN, '--facilities', HAIDIAN, '--roads', XUANWU, '--mode', 'network']);
    const off = r.result.warnings.filter((w) => w.code === 'community_off_network').map((w) => w.feature);
    expect(off).toEqual(r.result.communities.map((c) => c.id));
    expect(r.notes.some((n) => n.includes('xuanwu.osm') && n.includes(`${off.length} of ${off.length} communities have no walkable road`))).toBe(true);
    // Haidian's own 302 highway ways: fewer communities without a road than with Nanjing's (none expected in a city block).
    const own = await runAuditCommand(['--communities', HAIDIAN, '--facilities', HAIDIAN, '--roads', HAIDIAN, '--mode', 'network']);
    expect(own.result.warnings.filter((w) => w.code === 'community_off_network').length).toBeLessThan(off.length);
  }, 120_000);

  it('--residential from the same file: compounds and housing buildings, shares weighted by estimated households', async () => {
    const base = ['--communities', HAIDIAN, '--facilities', HAIDIAN, '--green', HAIDIAN];
    const area = (await runAuditCommand(base)).result;
    const r = await runAuditCommand([...base, '--residential', HAIDIAN]);
    expect(r.layers.residential!.format).toBe('osm');
    const res = r.result;
    // The compounds are the communities here: each community's residential land is all of it.
    for (const c of res.communities) {
      expect(c.coverageBasis, c.id).toBe('residential-households');
      expect(Math.abs(c.residentialArea_m2! - c.area_m2) / c.area_m2, c.id).toBeLessThan(1e-3);
      expect(c.estimates, c.id).toContain('residentialHouseholds');
    }
    // One residential feature per community (the compound itself, households spread evenly): the
    // shares are the area shares of the whole compound.
    res.communities.forEach((c, i) => {
      expect(c.greenCoverage).toBeCloseTo(area.communities[i].greenCoverage, 3);
      expect(c.lifeCircles['5'].kindergarten).toBeCloseTo(area.communities[i].lifeCircles['5'].kindergarten!, 3);
    });
    const within = res.summary.householdsWithin!;
    const expectedGreen = res.communities.reduce((s, c) => s + (c.households ?? 0) * c.greenCoverage, 0);
    expect(within.green).toBeCloseTo(expectedGreen, 6);
    expect(within.green).toBeLessThanOrEqual(res.summary.households);
    expect(area.summary.householdsWithin).toBeUndefined();
  });
});

describe('audit command: process', { timeout: 240_000 }, () => {
  it('JSON to stdout, exit 0', () => {
    const r = spawnAudit(BASE);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['preset', 'parameters', 'communities', 'summary']));
    expect(j.summary.communities).toBe(5);
    expect(j.communities[1].areaPer100Households_m2).toBeCloseTo(19.4444, 3);
  });

  it('exit 2 with a message and no file written on bad input', () => {
    const out = join(tmp, 'never.csv');
    const r = spawnAudit(['--communities', join(FX, 'malformed/duplicate-ids.geojson'), '--facilities', join(FX, 'base/facilities.geojson'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/duplicate-ids\.geojson: feature 3 \(id C001\): field id: duplicate id "C001"/);
    expect(existsSync(out)).toBe(false);
    const u = spawnAudit(['--facilities', join(FX, 'base/facilities.geojson')]);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/--communities is required/);
  });

  it('--out .csv/.geojson/.fgb/.json are written and read back', async () => {
    const { output: csv } = await runAuditCommand([...BASE, '--out', join(tmp, 'a.csv')]);
    // The spawned process writes the same bytes; check one format through the process.
    const r = spawnAudit([...BASE, '--out', join(tmp, 'a.csv')]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(tmp, 'a.csv'), 'utf8');
    expect(text).toBe(csv);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((x) => x.id)).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
    for (const row of rows) for (const v of Object.values(row)) if (/^[=+\-@\t\r]/.test(v)) expect(Number.isFinite(Number(v))).toBe(true);
    expect(rows[0].name).toBe('锦苑社区');

    const g = await runAuditCommand([...BASE, '--out', join(tmp, 'a.geojson')]);
    const fc = JSON.parse(g.output as string);
    expect(fc.features[3].properties).toMatchObject({ id: 'C004', serviceArea_m2: 150, areaPer100Households_m2: 12.5 });
    const f = await runAuditCommand([...BASE, '--out', join(tmp, 'a.fgb')]);
    const back = await readFlatGeobuf(f.output as Uint8Array);
    expect(back.collection.features.map((x) => x.properties?.serviceArea_m2)).toEqual([800, 350, 0, 150, 220]);
    const j = await runAuditCommand([...BASE, '--out', join(tmp, 'a.json')]);
    expect(JSON.parse(j.output as string).inputs.communities.crs.source).toBe('EPSG:4326');
  });

  it('--out .xlsx read back (independent reader) holds the JSON\'s numbers as number cells', async () => {
    const json = JSON.parse((await runAuditCommand(BASE)).output as string);
    const r = spawnAudit([...BASE, '--out', join(tmp, 'a.xlsx')]);
    expect(r.status, r.stderr).toBe(0);
    const [communities, failures, parameters] = readBackXlsx(new Uint8Array(readFileSync(join(tmp, 'a.xlsx'))));
    const rows = sheetRecords(communities);
    expect(rows.map((x) => x.id?.value)).toEqual(json.communities.map((c: { id: string }) => c.id));
    let checked = 0;
    json.communities.forEach((c: Record<string, unknown>, i: number) => {
      for (const key of ['households', 'population', 'area_m2', 'serviceArea_m2', 'areaPer100Households_m2', 'largestStation_m2', 'greenCoverage', 'parkCoverage']) {
        const v = c[key] as number | null;
        if (v === null) { expect(rows[i][key]).toBeUndefined(); continue; }
        expect(rows[i][key]?.type, `${c.id} ${key}`).toBe('n');
        expect(rows[i][key]?.value as number).toBeCloseTo(v, 6);
        checked++;
      }
      for (const [tier, cats] of Object.entries(c.lifeCircles as Record<string, Record<string, number>>))
        for (const [cat, share] of Object.entries(cats)) {
          expect(rows[i][`lifeCircle_${tier}_${cat}`]?.value as number).toBeCloseTo(share, 6);
          checked++;
        }
    });
    expect(checked).toBeGreaterThan(40);
    const nFailures = json.communities.reduce((n: number, c: { failures: unknown[] }) => n + c.failures.length, 0);
    const f = sheetRecords(failures);
    expect(f).toHaveLength(nFailures);
    const first = json.communities.find((c: { failures: unknown[] }) => c.failures.length) as { id: string; failures: { rule: string; actual: number; required: number }[] };
    expect(f[0]).toMatchObject({ communityId: { value: first.id }, rule: { value: first.failures[0].rule }, required: { type: 'n', value: first.failures[0].required } });
    expect(f[0].actual?.value as number).toBeCloseTo(first.failures[0].actual, 9);
    const params = new Map(sheetRecords(parameters).map((x) => [x.parameter?.value, x.value?.value]));
    expect(params.get('preset')).toBe(json.preset);
    for (const [tier, d] of Object.entries(json.parameters.tiers)) expect(params.get(`tiers.${tier}.distance_m`)).toBe(d);
    expect(params.get('summary.failing')).toBe(json.summary.failing);
  });
});
