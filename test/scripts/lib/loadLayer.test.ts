// The residential layer read flat by the command line (loadResidentialLayer → data.residentialLayer)
// against the general reader (LIFECIRCLE_RESIDENTIAL_READER=general): the same audit output, the
// same notes and the same refusals, on a synthetic city with clean and dirty residential layers,
// and on the demo's residential layer as FlatGeobuf and as a Shapefile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../scripts/audit';
import { loadResidentialFlat, loadResidentialLayer, RESIDENTIAL_READER_ENV } from '../../../scripts/lib/loadLayer';
import { readResidentialFlat } from '../../../src/io/import/readResidentialFlat';
import { syntheticCity } from '../../../bench/lib/syntheticCity';

const ROOT = resolve(__dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'lc-resflat-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Feature = { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> };
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

/** A synthetic city's layers as GeoJSON files; `dirty` edits the residential features before they are written. */
function writeCity(n: number, dirty: (fs: Feature[]) => void = () => {}): string[] {
  const d = syntheticCity({ communities: n, residentialPerCommunity: 6 });
  const dir = mkdtempSync(join(tmp, 'city-'));
  writeFileSync(join(dir, 'c.geojson'), fc(d.communities.map((c) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: c.geometry }, properties: { id: c.id, name: c.name, households: c.households, setting: c.setting } }))));
  writeFileSync(join(dir, 'f.geojson'), fc(d.facilities.map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: f.position }, properties: { id: f.id, category: f.category, area: f.floorArea } }))));
  writeFileSync(join(dir, 'g.geojson'), fc(d.green.map((g) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: g.geometry }, properties: { id: g.id, kind: g.kind } }))));
  const res: Feature[] = (d.residential ?? []).map((r) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: r.geometry }, properties: { id: r.id, households: r.households } }));
  dirty(res);
  writeFileSync(join(dir, 'r.geojson'), fc(res));
  return ['--communities', join(dir, 'c.geojson'), '--facilities', join(dir, 'f.geojson'), '--green', join(dir, 'g.geojson'), '--residential', join(dir, 'r.geojson')];
}

/** Runs `fn` with the general reader forced. */
async function general<T>(fn: () => Promise<T>): Promise<T> {
  process.env[RESIDENTIAL_READER_ENV] = 'general';
  try {
    return await fn();
  } finally {
    delete process.env[RESIDENTIAL_READER_ENV];
  }
}

/** Bows a feature's outer ring into a self-crossing one (a warning, the feature kept). */
function bow(f: Feature): void {
  const ring = (f.geometry as { coordinates: number[][][][] }).coordinates[0][0];
  [ring[1], ring[2]] = [ring[2], ring[1]];
}

describe('the residential layer read flat by the audit command', { timeout: 300_000 }, () => {
  it('a clean layer: the same JSON and notes as the general reader, on one and two threads', async () => {
    const args = writeCity(60);
    const reference = await general(() => runAuditCommand([...args, '--threads', '1']));
    expect(reference.layers.residential!.features.length).toBeGreaterThan(100);
    const flat = await runAuditCommand([...args, '--threads', '1']);
    expect(flat.layers.residential!.features).toHaveLength(0); // read flat: the features went to the engine as arrays
    expect(flat.result.communities.some((c) => c.coverageBasis === 'residential-households')).toBe(true);
    expect(flat.output).toBe(reference.output);
    expect(flat.notes).toEqual(reference.notes);
    expect((await runAuditCommand([...args, '--threads', '2'])).output).toBe(reference.output);
  });

  it('a dirty layer (missing and worded households, crossing rings, duplicate ids): the same warnings and output', async () => {
    const args = writeCity(40, (fs) => {
      delete fs[3].properties.households;
      fs[5].properties.households = '120户';
      fs[7].properties.households = '  ';
      bow(fs[9]);
      bow(fs[11]);
      fs[13].properties.id = fs[14].properties.id;
    });
    const reference = await general(() => runAuditCommand([...args, '--threads', '1']));
    const flat = await runAuditCommand([...args, '--threads', '1']);
    expect(flat.layers.residential!.features).toHaveLength(0);
    expect(flat.layers.residential!.problems.length).toBe(4);
    expect(flat.result.warnings.some((w) => w.code === 'duplicate_id' && w.layer === 'residential')).toBe(true);
    expect(flat.output).toBe(reference.output);
    expect(flat.notes).toEqual(reference.notes);
  });

  it('a layer with errors is refused with the same message', async () => {
    const args = writeCity(10, (fs) => {
      fs[2].properties.households = 'many';
      (fs[4].geometry as { coordinates: number[][][][] }).coordinates[0][0].pop();
    });
    const reference = await general(() => runAuditCommand(args).then(() => 'accepted', (e: Error) => e.message));
    expect(reference).toMatch(/not a number[\s\S]*not closed/);
    expect(await runAuditCommand(args).then(() => 'accepted', (e: Error) => e.message)).toBe(reference);
  });

  it('loadResidentialLayer: flat for a GeoJSON file, a FlatGeobuf file and a Shapefile; the general reader when forced', async () => {
    const args = writeCity(5);
    const path = args[args.indexOf('--residential') + 1];
    const flat = await loadResidentialLayer(path);
    expect(flat.flat!.length).toBe(flat.layer.counts.valid);
    expect((await general(() => loadResidentialLayer(path))).flat).toBeUndefined();
    const fgb = await loadResidentialLayer(join(ROOT, 'data/demo/residential.fgb'));
    expect(fgb.flat!.length).toBeGreaterThan(0);
    const fgbGeneral = await general(() => loadResidentialLayer(join(ROOT, 'data/demo/residential.fgb')));
    expect(fgbGeneral.flat).toBeUndefined();
    expect(fgbGeneral.layer.features.length).toBe(fgb.flat!.length);
    const shp = await loadResidentialLayer(join(ROOT, 'test/fixtures/io/shp-gbk/communities.shp'));
    expect(shp.flat!.length).toBe(shp.layer.counts.valid);
    expect(shp.layer.encoding!.encoding).toBe('gb18030');
  });

  it("the demo's residential layer as FlatGeobuf and as ogr2ogr's Shapefile (GB18030, zipped): the same JSON and notes as the general reader, on one thread and read on a second", async (ctx) => {
    const demo = (l: string) => join(ROOT, 'data/demo', `${l}.fgb`);
    const base = ['--communities', demo('communities'), '--facilities', demo('facilities'), '--green', demo('green')];
    const dir = mkdtempSync(join(tmp, 'shp-'));
    let inputs = [demo('residential')];
    try {
      execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GB18030', join(dir, 'res.shp'), demo('residential')], { stdio: 'ignore' });
      const set = readdirSync(dir).map((f) => [`res/${f}`, new Uint8Array(readFileSync(join(dir, f)))] as const);
      writeFileSync(join(dir, 'res.zip'), zipSync(Object.fromEntries(set)));
      inputs = [...inputs, join(dir, 'res.shp'), join(dir, 'res.zip')];
    } catch {
      console.log('ogr2ogr not available: only the FlatGeobuf layer is compared');
    }
    for (const res of inputs) {
      const args = [...base, '--residential', res, '--threads', '1'];
      const reference = await general(() => runAuditCommand(args));
      const flat = await runAuditCommand(args);
      // Read on an audit thread: its import report (encoding included) comes back as read here.
      const onThread = await runAuditCommand([...base, '--residential', res, '--threads', '2']);
      expect(onThread.output, res).toBe(reference.output);
      expect(onThread.notes, res).toEqual(reference.notes);
      expect(onThread.layers, res).toEqual(flat.layers);
      expect(reference.layers.residential!.features.length, res).toBeGreaterThan(100);
      expect(flat.layers.residential!.features, res).toHaveLength(0);
      expect(flat.output, res).toBe(reference.output);
      expect(flat.notes, res).toEqual(reference.notes);
    }
    if (inputs.length === 1) ctx.skip();
  });
});

describe('loadResidentialLayer: a GeoJSON file read through a window of its bytes', { timeout: 300_000 }, () => {
  /** The windows tried: the default, one refilled many times, one smaller than a feature (the whole file read instead). */
  const WINDOWS = [undefined, { bytes: 2048, margin: 1024 }, { bytes: 64, margin: 32 }];

  it('every window: the layer and arrays the whole file read flat gives, with and without a CRS option', async () => {
    const args = writeCity(30);
    const path = args[args.length - 1];
    const bytes = new Uint8Array(readFileSync(path));
    expect(bytes.length).toBeGreaterThan(20 * 2048);
    for (const options of [{}, { crs: 'GCJ-02' }]) {
      const whole = readResidentialFlat([{ name: path, bytes }], options)!;
      expect(whole.layer.length).toBeGreaterThan(100);
      for (const window of WINDOWS) {
        for (const load of [loadResidentialLayer, loadResidentialFlat]) {
          const r = await load(path, options, window);
          expect(r!.layer, `window ${window?.bytes}`).toEqual(whole.import);
          expect(r!.flat, `window ${window?.bytes}`).toEqual(whole.layer);
        }
      }
    }
  });

  it('a malformed feature and a truncated file: the InputError the general reader gives (file, feature, field), whatever the window', async () => {
    const args = writeCity(30, (fs) => {
      fs[40].properties.households = 'many';
      (fs[90].geometry as { coordinates: number[][][][] }).coordinates[0][0].pop();
    });
    const path = args[args.length - 1];
    const truncated = join(tmp, 'truncated.geojson');
    const text = readFileSync(path, 'utf8');
    writeFileSync(truncated, text.slice(0, text.length - 700));
    const message = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => e.message);
    const malformed = await general(() => message(loadResidentialLayer(path)));
    expect(malformed).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: feature 40 \\(id [^)]+\\): field households: .*not a number[\\s\\S]*feature 90 .*field geometry: .*not closed`));
    const cut = await general(() => message(loadResidentialLayer(truncated)));
    expect(cut).toContain(truncated);
    expect(cut).not.toBe('accepted');
    for (const window of WINDOWS) {
      expect(await message(loadResidentialLayer(path, {}, window)), `window ${window?.bytes}`).toBe(malformed);
      expect(await message(loadResidentialLayer(truncated, {}, window)), `window ${window?.bytes}`).toBe(cut);
      expect(await message(loadResidentialFlat(path, {}, window)), `window ${window?.bytes}`).toBe(malformed);
      expect(await loadResidentialFlat(truncated, {}, window), `window ${window?.bytes}`).toBeUndefined();
    }
    expect(await message(loadResidentialLayer(join(tmp, 'no-such.geojson')))).toBe(`${join(tmp, 'no-such.geojson')}: file not found`);
  });
});
