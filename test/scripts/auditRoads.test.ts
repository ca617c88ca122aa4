// The audit's road layer in walking mode: read as flat lines (loadRoads.ts, as service-areas reads
// it) and the walking graph built from them, on the main thread and on audit threads. The
// reference is LIFECIRCLE_ROADS_READER=general: the layer read as features by the general reader
// and the graph built from those objects, as the audit did before. Bad road files are refused
// with the same message either way, naming the file, the feature and the field.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runAuditCommand, USAGE } from '../../scripts/audit';
import { AUDIT_INPUT_FLAGS, AUDIT_INPUT_REPEATABLE, InputError, loadAuditInput, parseFlags } from '../../scripts/lib/index';
import { ROADS_READER_ENV } from '../../scripts/lib/loadRoads';

const ROOT = join(__dirname, '..', '..');
const FX = join(ROOT, 'test', 'fixtures', 'io');
const BASE = ['--communities', join(FX, 'base/communities.geojson'), '--facilities', join(FX, 'base/facilities.geojson'), '--green', join(FX, 'base/green.geojson')];
const tmp = mkdtempSync(join(tmpdir(), 'audit-roads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => { delete process.env[ROADS_READER_ENV]; });

interface Line { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }
const baseRoads = () => (JSON.parse(readFileSync(join(FX, 'base/roads.geojson'), 'utf8')) as { features: Line[] }).features;
const write = (name: string, features: unknown[]) => {
  const p = join(tmp, name);
  writeFileSync(p, JSON.stringify({ type: 'FeatureCollection', features }));
  return p;
};

/** The command's output (JSON text), its import reports and notes, with the road reader of `reader`. */
async function audit(argv: string[], reader: 'flat' | 'general') {
  if (reader === 'general') process.env[ROADS_READER_ENV] = 'general';
  else delete process.env[ROADS_READER_ENV];
  try {
    const r = await runAuditCommand(argv);
    return { output: r.output, layers: r.layers, notes: r.notes };
  } finally {
    delete process.env[ROADS_READER_ENV];
  }
}

/** The failure of an audit with the road reader of `reader` (undefined when it ran). */
async function failure(argv: string[], reader: 'flat' | 'general'): Promise<Error | undefined> {
  return audit(argv, reader).then(() => undefined, (e: Error) => e);
}

describe('audit --mode network: the road layer read flat', { timeout: 240_000 }, () => {
  // The fixture's roads as they are; pairs of them as MultiLineStrings (ids id.0, id.1); and with a
  // height on every position, which the flat reader declines (read by the general reader, then made flat).
  const pairs = (ls: Line[]) => ls.flatMap((f, i) => (i % 2 ? [] : [{ ...f, geometry: { type: 'MultiLineString', coordinates: [f.geometry!.coordinates, ...(ls[i + 1] ? [ls[i + 1].geometry!.coordinates] : [])] } }]));
  const files = () => [
    join(FX, 'base/roads.geojson'),
    write('roads-multi.geojson', pairs(baseRoads())),
    write('roads-3d.geojson', baseRoads().map((f) => ({ ...f, geometry: { ...f.geometry!, coordinates: (f.geometry!.coordinates as number[][]).map((p) => [...p, 4.5]) } }))),
  ];

  it('reads the roads as lines, not features; LIFECIRCLE_ROADS_READER=general reads features as before', async () => {
    const args = parseFlags([...BASE, '--roads', join(FX, 'base/roads.geojson'), '--mode', 'network'], AUDIT_INPUT_FLAGS, USAGE, AUDIT_INPUT_REPEATABLE);
    const flat = await loadAuditInput(args, USAGE, undefined, { roadsFlat: true });
    expect(flat.data.roads).toBeUndefined();
    expect(flat.roadLines!.length).toBe(baseRoads().length);
    expect(flat.layers.roads!.features).toEqual([]);
    process.env[ROADS_READER_ENV] = 'general';
    const general = await loadAuditInput(args, USAGE, undefined, { roadsFlat: true });
    expect(general.roadLines).toBeUndefined();
    expect(general.data.roads!.map((r) => r.id)).toEqual(flat.roadLines!.ids);
  });

  it('the same JSON, import reports and notes as the general reader, on one thread and on two', async () => {
    const [plain, multi, threeD] = files();
    const communities: string[] = [];
    for (const roads of [plain, multi, threeD]) {
      const argv = [...BASE, '--roads', roads, '--mode', 'network'];
      const general = await audit([...argv, '--threads', '1'], 'general');
      communities.push(JSON.stringify((JSON.parse(general.output as string) as { communities: unknown }).communities));
      for (const threads of ['1', '2']) {
        const flat = await audit([...argv, '--threads', threads], 'flat');
        expect(flat.output, `${roads}, ${threads} thread(s)`).toBe(general.output);
        expect(flat.notes, `${roads}, ${threads} thread(s)`).toEqual(general.notes);
        expect(flat.layers.roads!.counts, roads).toEqual(general.layers.roads!.counts);
        // The command reads the roads as lines (none of them kept as features), the reference as features.
        expect(flat.layers.roads!.features, roads).toEqual([]);
        expect(general.layers.roads!.features.length, roads).toBe(general.layers.roads!.counts.valid);
      }
    }
    // The three files hold the same lines (ids aside): the same communities' figures, and walking
    // figures that are neither all nothing nor all everything.
    expect(communities[1]).toBe(communities[0]);
    expect(communities[2]).toBe(communities[0]);
    const shares = JSON.parse(communities[0]) as { lifeCircles: Record<string, Record<string, number>> }[];
    expect(shares.some((c) => Object.values(c.lifeCircles).some((t) => Object.values(t).some((s) => s > 0 && s < 1)))).toBe(true);
  });

  it('a bad road file: the same error as the general reader, naming file, feature and field', async () => {
    const ok = baseRoads();
    const cases: [string, unknown[], RegExp][] = [
      ['roads-point.geojson', [...ok, { type: 'Feature', properties: { id: 'P9' }, geometry: { type: 'Point', coordinates: [104.06, 30.66] } }], /roads-point\.geojson: feature \d+ \(id P9\): field geometry: geometry is Point, expected LineString or MultiLineString/],
      ['roads-short.geojson', [...ok, { type: 'Feature', properties: { id: 'S9' }, geometry: { type: 'LineString', coordinates: [[104.06, 30.66]] } }], /roads-short\.geojson: feature \d+ \(id S9\): field geometry: line has 1 position/],
      ['roads-null.geojson', [ok[0], { type: 'Feature', properties: { id: 'N9' }, geometry: null }, ...ok.slice(1)], /roads-null\.geojson: feature 1 \(id N9\): field geometry: no geometry/],
      ['roads-text.geojson', [...ok, { type: 'Feature', properties: { id: 'T9' }, geometry: { type: 'LineString', coordinates: [['104.06', 30.66], [104.07, 30.66]] } }], /roads-text\.geojson: feature \d+ \(id T9\): field geometry/],
    ];
    for (const [name, features, message] of cases) {
      const argv = [...BASE, '--roads', write(name, features), '--mode', 'network'];
      const flat = await failure(argv, 'flat');
      expect(flat, name).toBeInstanceOf(InputError);
      expect(flat!.message, name).toMatch(message);
      expect(flat!.message, name).toBe((await failure(argv, 'general'))!.message);
    }
    const empty = [...BASE, '--roads', write('roads-empty.geojson', []), '--mode', 'network'];
    expect((await failure(empty, 'flat'))!.message).toMatch(/roads-empty\.geojson: no road lines found for network mode/);
  });

  it('the command exits 2 on a bad road file and writes nothing', () => {
    const roads = write('roads-short-cli.geojson', [...baseRoads(), { type: 'Feature', properties: { id: 'S9' }, geometry: { type: 'LineString', coordinates: [[104.06, 30.66]] } }]);
    const out = join(tmp, 'never.json');
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit.ts', ...BASE, '--roads', roads, '--mode', 'network', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/roads-short-cli\.geojson: feature \d+ \(id S9\): field geometry: line has 1 position/);
    expect(existsSync(out)).toBe(false);
  });
});
