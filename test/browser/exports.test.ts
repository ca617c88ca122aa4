// The app's exports and report preview in headless Chromium: files downloaded from the export menu
// and read back. The XLSX holds the same numbers as the audit command's JSON of the same data (a
// second host running the audit), a community named `<b>=1+1</b>` stays literal text (no formula,
// no markup), the map PNG is twice the map's size, and the report preview holds the audit's counts.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { chromiumAvailable, openApp, ROOT, startApp, type App } from './harness';
import { runAuditCommand } from '../../scripts/audit';
import type { AuditResult } from '../../src/engine/types';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { readBackXlsx, sheetRecords } from '../io/export/readBackXlsx';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'meta.json'));
if (!demoPresent) console.warn('[exports browser test] skipped: data/demo is absent (run `npm run demo`).');
const OUT = join(tmpdir(), `lifecircle-exports-dist-${process.pid}`);
const HOSTILE = '<b>=1+1</b>';

type LcWindow = Window & { __lifecircle: Record<string, unknown> };

async function download(page: Page, entry: string): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent('download', { timeout: 120_000 });
  await page.click('[data-testid=export-button]');
  await page.click(`[data-testid=export-${entry}]`);
  const d: Download = await waiting;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

describe.skipIf(!chromiumAvailable || !demoPresent)('exports and report preview in the app (Chromium)', () => {
  let app: App;
  let page: Page;
  let errors: string[];
  let cli: AuditResult;
  let hostileId: string;

  beforeAll(async () => {
    // The audit command on the same data: the numbers the app's exports must hold.
    cli = (await runAuditCommand(['--communities', join(DEMO, 'communities.fgb'), '--facilities', join(DEMO, 'facilities.fgb'), '--green', join(DEMO, 'green.fgb'), '--residential', join(DEMO, 'residential.fgb')])).result;
    hostileId = cli.communities.find((c) => c.status === 'fail')!.id;
    app = await startApp({ outDir: OUT });
    ({ page, errors } = await openApp(app));
    // Rename one failing community to a name that is both markup and a formula.
    await page.evaluate(({ id, name }) => {
      const lc = (window as unknown as LcWindow).__lifecircle;
      const layers = lc.layers as { communities: { id: string; name: string }[] };
      (lc.replaceLayers as (l: unknown) => void)({ communities: layers.communities.map((c) => (c.id === id ? { ...c, name } : c)) });
    }, { id: hostileId, name: HOSTILE });
    await page.waitForFunction(({ id, name }) => {
      const lc = (window as unknown as LcWindow).__lifecircle;
      const layers = lc.layers as { communities: { id: string; name: string }[] };
      return lc.ready === true && layers.communities.find((c) => c.id === id)?.name === name;
    }, { id: hostileId, name: HOSTILE }, { timeout: 120_000 });
  }, 400_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('downloads the results as XLSX with the audit command’s numbers, as numbers, and the hostile name as text', async () => {
    const { name, bytes } = await download(page, 'xlsx');
    expect(name).toMatch(/\.xlsx$/);
    const sheets = readBackXlsx(new Uint8Array(bytes));
    // Communities, failures, parameters (and the city-wide indicators when the result has them).
    expect(sheets.slice(0, 3).map((s) => s.name)).toEqual(['社区', '未达标项', '参数']);
    // Chinese UI → Chinese headers, as `audit --csv-headers zh`.
    const rows = sheetRecords(sheets[0]);
    expect(rows).toHaveLength(cli.communities.length);
    const byId = new Map(rows.map((r) => [String(r['编码']!.value), r]));
    let compared = 0;
    for (const c of cli.communities) {
      const r = byId.get(c.id)!;
      expect(r, c.id).toBeDefined();
      for (const [header, value] of [['户数', c.households], ['每百户建筑面积_m2', c.areaPer100Households_m2], ['最大服务站面积_m2', c.largestStation_m2], ['300米见绿覆盖率', c.greenCoverage], ['500米见园覆盖率', c.parkCoverage]] as const) {
        if (value === null) continue;
        expect(r[header]!.type, `${c.id} ${header}`).toBe('n');
        expect(r[header]!.value as number).toBeCloseTo(value, 5);
        compared++;
      }
      expect(r['结论']!.value).toBe(c.status);
    }
    expect(compared).toBeGreaterThan(cli.communities.length * 4);
    const hostile = byId.get(hostileId)!['名称']!;
    expect(hostile.value).toBe(HOSTILE);
    expect(hostile.type).toBe('s');
    expect(hostile.formula).toBeUndefined();
    for (const s of sheets) expect(s.xml).not.toContain('<f>');
    // The failures sheet lists the renamed community's failures under its literal name.
    const failures = sheetRecords(sheets[1]).filter((r) => r['社区编码']?.value === hostileId);
    expect(failures.length).toBe(cli.communities.find((c) => c.id === hostileId)!.failures.length);
    expect(failures.every((r) => r['社区名称']?.value === HOSTILE)).toBe(true);
  }, 180_000);

  it('keeps the table CSV beside the new entries, with the hostile name as literal text', async () => {
    const { name, bytes } = await download(page, 'csv-all');
    expect(name).toMatch(/\.csv$/);
    const text = bytes.toString('utf8');
    expect(text).toContain(HOSTILE);
    // No cell starts a formula (=, +, -, @ at a cell's start run in Excel).
    expect(text.split(/\r?\n/).flatMap((l) => l.split(',')).filter((c) => /^"?[=+@]/.test(c))).toEqual([]);
  }, 120_000);

  it('downloads the communities with every metric as GeoJSON and as FlatGeobuf', async () => {
    const gj = await download(page, 'geojson');
    const fc = JSON.parse(gj.bytes.toString('utf8')) as { features: { geometry: { type: string; coordinates: unknown[] }; properties: Record<string, unknown> }[] };
    expect(fc.features).toHaveLength(cli.communities.length);
    const first = cli.communities[0];
    const f0 = fc.features.find((f) => f.properties.id === first.id)!;
    expect(f0.geometry.type).toBe('MultiPolygon');
    expect(f0.geometry.coordinates.length).toBeGreaterThan(0);
    expect(f0.properties.greenCoverage as number).toBeCloseTo(first.greenCoverage, 5);
    expect(Object.keys(f0.properties).filter((k) => k.startsWith('lifeCircle_')).length).toBeGreaterThan(5);
    expect(fc.features.find((f) => f.properties.id === hostileId)!.properties.name).toBe(HOSTILE);

    const fgb = await download(page, 'fgb');
    expect(fgb.name).toMatch(/\.fgb$/);
    const back = (await readFlatGeobuf(new Uint8Array(fgb.bytes))).collection;
    expect(back.features).toHaveLength(cli.communities.length);
    const b0 = back.features.find((f) => f.properties?.id === first.id)!;
    expect(b0.properties!.households).toBe(first.households);
    expect(b0.properties!.parkCoverage as number).toBeCloseTo(first.parkCoverage, 5);
  }, 180_000);

  it('downloads the map view as a PNG at twice the map’s size', async () => {
    const box = (await (await page.$('[data-testid=map]'))!.boundingBox())!;
    const { name, bytes } = await download(page, 'png');
    expect(name).toMatch(/\.png$/);
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(Math.round(box.width * 2));
    expect(bytes.readUInt32BE(20)).toBe(Math.round(box.height * 2));
    // The whole view is drawn at 2×, not only the basemap: community fills (deck.gl) in every
    // quadrant of the image (a pixel-ratio change alone once left deck.gl drawing into one corner).
    const quadrants = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const share = (x0: number, y0: number) => {
        const w = Math.floor(c.width / 4);
        const h = Math.floor(c.height / 4);
        const d = g.getImageData(x0, y0, w, h).data;
        let near = 0;
        // Failing fill (vermillion over the light basemap) or passing fill (blue over it).
        for (let i = 0; i < d.length; i += 4) {
          const fail = Math.abs(d[i] - 226) < 40 && Math.abs(d[i + 1] - 140) < 40 && Math.abs(d[i + 2] - 80) < 50;
          const pass = Math.abs(d[i] - 140) < 40 && Math.abs(d[i + 1] - 180) < 40 && Math.abs(d[i + 2] - 210) < 40;
          if (fail || pass) near++;
        }
        return near / (w * h);
      };
      // The middle of each quadrant (the corners hold the title, legend, scale bar and attribution).
      return [share(c.width / 8, c.height / 8), share((5 * c.width) / 8, c.height / 8), share(c.width / 8, (5 * c.height) / 8), share((5 * c.width) / 8, (5 * c.height) / 8)].map((v) => Math.round(v * 1000) / 1000);
    }, bytes.toString('base64'));
    for (const q of quadrants) expect(q, `community fills per quadrant: ${quadrants.join(', ')}`).toBeGreaterThan(0.2);
    // The map keeps working at its own pixel ratio afterwards.
    expect(await page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.map as { getPixelRatio: () => number }).getPixelRatio())).toBe(1);
  }, 180_000);

  it('previews the report with the audit’s counts and the hostile name as text', async () => {
    await page.click('[data-testid=export-button]');
    await page.click('[data-testid=export-report]');
    const frameEl = await page.waitForSelector('[data-testid=report-frame]', { timeout: 180_000 });
    const frame = (await frameEl.contentFrame())!;
    await frame.waitForSelector('body');
    const text = await frame.evaluate(() => document.body.innerText);
    const failing = cli.communities.filter((c) => c.status === 'fail');
    expect(text).toContain(String(cli.communities.length));
    expect(text).toContain(String(failing.length));
    expect(text).toContain(HOSTILE);
    expect(await frame.$$eval('b', (bs) => bs.filter((b) => b.textContent === '=1+1').length)).toBe(0);
    // One page per failing community (the default), each naming its community.
    const pages = await frame.$$eval('section.community-page, .community-page', (s) => s.length);
    expect(pages).toBe(failing.length);
    // Embedded font: the report's own family is loaded in the frame.
    expect(await frame.evaluate(async () => { await document.fonts.ready; return [...document.fonts].some((f) => f.family.includes('LifeCircle') && f.status === 'loaded'); })).toBe(true);
    await page.click('[data-testid=report-close]');
    await page.waitForSelector('[data-testid=report-preview]', { state: 'detached' });
    expect(errors).toEqual([]);
  }, 240_000);
});
