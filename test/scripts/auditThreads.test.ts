// `--threads`: the audit split across worker threads gives byte-identical output to one thread,
// in process (the threads run the TypeScript through tsx) and through the bundled command
// (`node scripts/cli.mjs audit`, the threads run the bundled entry), straight-line and walking.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuditCommand, USAGE } from '../../scripts/audit';
import { AUDIT_INPUT_FLAGS, AUDIT_INPUT_REPEATABLE, loadAuditInput, parseFlags, runAuditOf } from '../../scripts/lib/index';
import { runReportCommand } from '../../scripts/report';
import { InputError } from '../../scripts/lib/inputError';
import { loadResidentialFlat } from '../../scripts/lib/loadLayer';
import { syntheticCity } from '../../bench/lib/syntheticCity';
import type { ResidentialLand } from '../../src/engine/types';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'lc-threads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A synthetic city as GeoJSON files, with `residential` footprints per community when > 0 (changed by `edit`). */
function writeCity(n: number, residential = 0, edit: (land: ResidentialLand[]) => ResidentialLand[] = (l) => l): string[] {
  const d = syntheticCity({ communities: n, ...(residential ? { residentialPerCommunity: residential } : {}) });
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const dir = mkdtempSync(join(tmp, 'city-'));
  writeFileSync(join(dir, 'c.geojson'), fc(d.communities.map((c) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: c.geometry }, properties: { id: c.id, name: c.name, households: c.households, setting: c.setting } }))));
  writeFileSync(join(dir, 'f.geojson'), fc(d.facilities.map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: f.position }, properties: { id: f.id, category: f.category, floorArea: f.floorArea } }))));
  writeFileSync(join(dir, 'g.geojson'), fc(d.green.map((g) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: g.geometry }, properties: { id: g.id, kind: g.kind } }))));
  const args = ['--communities', join(dir, 'c.geojson'), '--facilities', join(dir, 'f.geojson'), '--green', join(dir, 'g.geojson')];
  if (residential) {
    writeFileSync(join(dir, 'r.geojson'), fc(edit(d.residential ?? []).map((r) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: r.geometry }, properties: { id: r.id, households: r.households } }))));
    args.push('--residential', join(dir, 'r.geojson'));
  }
  return args;
}

/** The bundled command's output file for `threads` threads. */
function bundled(args: string[], threads: number): string {
  const out = join(tmp, `out-${threads}-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync('node', ['scripts/cli.mjs', 'audit', ...args, '--threads', String(threads), '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'roads.fgb'));
if (!demoPresent) console.warn('[audit threads] walking-mode case skipped: data/demo/roads.fgb is absent (run `npm run demo`).');

describe('audit --threads', { timeout: 900_000 }, () => {
  it('three threads write the same JSON as one (in process)', async () => {
    const args = writeCity(120);
    const one = await runAuditCommand([...args, '--threads', '1']);
    const three = await runAuditCommand([...args, '--threads', '3']);
    expect(one.result.communities).toHaveLength(120);
    expect(one.result.summary.failing).toBeGreaterThan(0);
    expect(three.output).toBe(one.output);
  });

  it('one, two and three threads of the bundled command write the same bytes, on the residential basis too', () => {
    const args = writeCity(150, 4);
    const one = bundled(args, 1);
    const parsed = JSON.parse(one) as { communities: { coverageBasis: string; parkArea_m2: number }[] };
    expect(parsed.communities).toHaveLength(150);
    // The residential basis and the city-wide park assignment are both exercised.
    expect(parsed.communities.some((c) => c.coverageBasis === 'residential-households')).toBe(true);
    expect(parsed.communities.some((c) => c.parkArea_m2 > 0)).toBe(true);
    expect(bundled(args, 2)).toBe(one);
    expect(bundled(args, 3)).toBe(one);
  });

  it.skipIf(!demoPresent)('walking mode on the demo: two threads write the same bytes as one', () => {
    const args = ['communities', 'facilities', 'green', 'roads', 'residential'].flatMap((l) => [`--${l}`, join(DEMO, `${l}.fgb`)]);
    const one = bundled([...args, '--mode', 'network'], 1);
    expect(bundled([...args, '--mode', 'network'], 2)).toBe(one);
  });

  it('the residential layer projected on a thread, each thread preparing its bases: the same JSON as one thread, warnings in place', async () => {
    // Communities left with no residential land of their own, and a feature with a degenerate
    // second part (warned on projection, kept): their warnings must come out in one thread's order.
    const args = writeCity(150, 4, (land) => {
      const kept = land.filter((r) => !/^C\d*[05]-/.test(r.id));
      const first = kept[0].geometry[0][0];
      return [...kept, { id: 'odd', households: 12, geometry: [[first], [[first[0], first[1], first[1], first[0]]]] }];
    });
    const one = await runAuditCommand([...args, '--threads', '1']);
    const codes = one.result.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'no_residential_land').length).toBeGreaterThan(1);
    expect(codes.indexOf('invalid_geometry')).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf('invalid_geometry')).toBeLessThan(codes.indexOf('no_residential_land'));
    for (const t of [2, 3]) expect((await runAuditCommand([...args, '--threads', String(t)])).output, `${t} threads`).toBe(one.output);
  });

  it('the residential layer read on a thread: the same JSON, import report and notes as one thread, duplicate ids and projection warnings in place', async () => {
    // A repeated id (warned by the preparation, from the layer's ids) and a degenerate second part
    // (warned by the projection on the thread): both must keep one thread's order.
    const args = writeCity(150, 4, (land) => {
      const first = land[0].geometry[0][0];
      return [...land, { ...land[7], households: 3 }, { id: 'odd', households: 12, geometry: [[first], [[first[0], first[1], first[1], first[0]]]] }];
    });
    const one = await runAuditCommand([...args, '--threads', '1']);
    const codes = one.result.warnings.map((w) => `${w.layer}:${w.code}`);
    expect(codes).toContain('residential:duplicate_id');
    expect(codes).toContain('residential:invalid_geometry');
    expect(one.layers.residential!.counts.valid).toBeGreaterThan(150 * 4);
    for (const t of [2, 3]) {
      const many = await runAuditCommand([...args, '--threads', String(t)]);
      expect(many.output, `${t} threads`).toBe(one.output);
      expect(many.layers, `${t} threads`).toEqual(one.layers);
      expect(many.notes, `${t} threads`).toEqual(one.notes);
    }
  });

  it('the reading thread sends the main thread the layer\'s ids and households, not its geometry, and the audit is the same', async () => {
    const argv = writeCity(60, 4);
    const input = async (threads: string) => loadAuditInput(parseFlags([...argv, '--threads', threads], AUDIT_INPUT_FLAGS, USAGE, AUDIT_INPUT_REPEATABLE), USAGE, undefined, { startThreads: true, residentialFlat: true });
    const one = await input('1');
    const two = await input('2');
    const own = one.data.residentialLayer!, sent = two.data.residentialLayer!;
    expect(own.xy.length).toBeGreaterThan(60 * 4 * 8);
    expect(own.geometryElsewhere).toBeUndefined();
    expect(sent.geometryElsewhere).toBe(true);
    expect([sent.xy.length, sent.ringOffsets.length, sent.polygonOffsets.length, sent.geomOffsets.length]).toEqual([0, 0, 0, 0]);
    expect(sent.length).toBe(own.length);
    expect(sent.ids).toEqual(own.ids);
    expect(Array.from(sent.households)).toEqual(Array.from(own.households));
    const [a, b] = [await runAuditOf(one), await runAuditOf(two)];
    expect(b.result).toEqual(a.result);
  });

  it('a residential layer large enough for shared-memory columns and index (bulkArrays.ts): two threads write the same JSON as one', async () => {
    // 33,000 footprints: their vertices (> 2 MB) and index (34 bytes each, > 1 MB) are shared
    // memory, which the reading thread must share with the main thread, not list for a transfer.
    const args = writeCity(600, 55);
    const one = await runAuditCommand([...args, '--threads', '1']);
    expect(one.layers.residential!.counts.valid).toBeGreaterThan(31_000);
    expect((await runAuditCommand([...args, '--threads', '2'])).output).toBe(one.output);
  });

  it('a bad residential file on two threads fails as on one: the same InputError, exit 2, nothing written', async () => {
    // Errors the flat read finds (worded households, a ring not closed), a file that is not there,
    // and a footprint far outside any longitude (the flat reader declines the layer: read here).
    const dirty = writeCity(150, 2, (land) => land.map((r, i) => (
      i === 3 ? { ...r, households: 'many' as unknown as number } : i === 9 ? { ...r, geometry: [[r.geometry[0][0].slice(0, -1)]] } : r)));
    const missing = [...dirty.slice(0, -1), join(tmp, 'no-such-residential.geojson')];
    const far = writeCity(150, 2, (land) => land.map((r, i) => (i === 5 ? { ...r, geometry: r.geometry.map((poly) => poly.map((ring) => ring.map(([x, y]) => [x * 1000, y * 1000]))) } : r)));
    expect(await loadResidentialFlat(dirty[dirty.length - 1]).then(() => 'accepted', (e: Error) => e.message)).toMatch(/not a number[\s\S]*not closed/);
    for (const args of [dirty, missing, far]) {
      const failure = async (threads: number) => runAuditCommand([...args, '--threads', String(threads)]).then(() => undefined, (e: Error) => e);
      const one = await failure(1);
      expect(one).toBeInstanceOf(InputError);
      expect(one!.message).toContain(args[args.length - 1]);
      for (const t of [2, 3]) {
        const many = await failure(t);
        expect(many, `${t} threads`).toBeInstanceOf(InputError);
        expect(many!.message, `${t} threads`).toBe(one!.message);
      }
      const spawned = (threads: number) => {
        const out = join(tmp, `bad-${threads}-${Math.random().toString(36).slice(2)}.json`);
        const r = spawnSync('node', ['scripts/cli.mjs', 'audit', ...args, '--threads', String(threads), '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
        return { status: r.status, stderr: r.stderr, written: existsSync(out) };
      };
      const cli1 = spawned(1);
      expect(cli1.status, cli1.stderr).toBe(2);
      expect(cli1.stderr).toContain(args[args.length - 1]);
      expect(spawned(2)).toEqual(cli1);
      expect(cli1.written).toBe(false);
    }
  });

  it('a residential layer the flat reader declines (coordinates with heights) is read by the main thread: the same JSON as one thread', async () => {
    const args = writeCity(150, 3, (land) => land.map((r) => ({ ...r, geometry: r.geometry.map((poly) => poly.map((ring) => ring.map(([x, y]) => [x, y, 12.5] as unknown as [number, number]))) })));
    expect(await loadResidentialFlat(args[args.length - 1])).toBeUndefined();
    const one = await runAuditCommand([...args, '--threads', '1']);
    expect(one.layers.residential!.features.length).toBeGreaterThan(150 * 2); // read by the general reader
    expect(one.result.communities.some((c) => c.coverageBasis === 'residential-households')).toBe(true);
    for (const t of [2, 3]) {
      const many = await runAuditCommand([...args, '--threads', String(t)]);
      expect(many.output, `${t} threads`).toBe(one.output);
      expect(many.notes, `${t} threads`).toEqual(one.notes);
    }
  });

  it('report: three threads render the same HTML as one, gap maps on the residential basis included', async () => {
    // The gap maps need the bases of communities other threads audited: built on demand here.
    const args = [...writeCity(60, 3), '--pages', 'all'];
    const html = async (threads: number) => (await runReportCommand([...args, '--threads', String(threads), '--out', join(tmp, `r-${threads}.html`)], { date: '2026-12-03' })).html;
    const one = await html(1);
    expect(one).toContain('<svg');
    expect(await html(3)).toBe(one);
  });

  it('refuses a thread count that is not a whole number from 1', async () => {
    const args = writeCity(3);
    await expect(runAuditCommand([...args, '--threads', '0'])).rejects.toThrow(InputError);
    await expect(runAuditCommand([...args, '--threads', 'many'])).rejects.toThrow(/--threads/);
  });
});
