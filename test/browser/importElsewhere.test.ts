// Importing a user's own data from another place over the demo district, in headless Chromium, with
// the kind of files a first real use brought: communities from a Gauss-Krüger shapefile (GBK,
// EPSG:4544), facilities from a GCJ-02 CSV, green as GeoJSON (test/fixtures/io, built from
// base/*.geojson in Chengdu by build.sh; the demo lies near 119.95°E, 31.78°N, about 1,500 km away).
// - The communities start a new project by default (the demo's facilities, green and roads do
//   not stay under them), the dialog counts what the project will hold, the header names the file.
// - Walking mode without roads says so and offers an import, never using the demo's roads.
// - A road layer from another city: offered as a new project with a non-overlap warning; put into
//   the project anyway, every community is named as having no road, also after a reload, and the
//   straight-line/walking comparison is the same before and after the reload.
// - Several files at once start one new project that replaces every layer.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centreOn, chromiumAvailable, openApp, ROOT, startApp, waitReady, type App } from './harness';

if (!chromiumAvailable) console.warn('[browser import-elsewhere tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');

const IO = join(ROOT, 'test/fixtures/io');
const SHP = join(IO, 'shp-gbk');
const communityFiles = readdirSync(SHP).filter((f) => f.startsWith('communities.')).map((f) => join(SHP, f));
const OUT = join(tmpdir(), `lifecircle-elsewhere-dist-${process.pid}`);
const TMP = mkdtempSync(join(tmpdir(), 'lifecircle-elsewhere-'));

type Counts = { communities: number; facilities: number; green: number; roads: number; water: number };
type LcWindow = Window & { __lifecircle: { layerCounts?: Counts; ready?: boolean; communities?: number } };

const layerCounts = (page: Page) => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.layerCounts);
const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (e, n) => e.getAttribute(n), name);
const text = (page: Page, sel: string) => page.$eval(sel, (e) => e.textContent ?? '');

async function openPicker(page: Page, files: string[]) {
  await page.click('[data-testid=import-button]');
  await page.waitForSelector('[data-testid=import-file-input]', { state: 'attached' });
  await page.setInputFiles('[data-testid=import-file-input]', files);
  await page.waitForSelector('[data-testid=import-flow]');
}

/** One group through the four steps up to the validation result (a GCJ-02 table has its CRS confirmed). */
async function validateGroup(page: Page, kind: string, options: { gcj02?: boolean } = {}) {
  await page.waitForFunction(() => {
    const next = document.querySelector('[data-testid=import-next]') as HTMLButtonElement | null;
    return !!document.querySelector('[data-testid=import-error]') || (!!next && !next.disabled);
  }, null, { timeout: 60_000 });
  await page.click(`[data-testid=import-kind-${kind}]`);
  await page.click('[data-testid=import-next]');
  await page.waitForSelector('[data-testid=import-step-inspect]');
  // A table that states no CRS asks for it, unless the choice for the same columns is remembered.
  await page.waitForFunction(() => !!document.querySelector('[data-testid=import-crs-confirm]') || !(document.querySelector('[data-testid=import-next]') as HTMLButtonElement).disabled, null, { timeout: 60_000 });
  if (options.gcj02 && (await page.$('[data-testid=import-crs-confirm]'))) {
    await page.click('[data-testid=import-crs-gcj02]');
    await page.waitForSelector('[data-testid=import-crs-confirm]', { state: 'detached' });
  }
  await page.waitForFunction(() => !(document.querySelector('[data-testid=import-next]') as HTMLButtonElement).disabled, null, { timeout: 60_000 });
  await page.click('[data-testid=import-next]');
  await page.click('[data-testid=import-next]');
  await page.waitForSelector('[data-testid=import-target]', { timeout: 60_000 });
  if (options.gcj02) expect(await text(page, '[data-testid=import-applied-crs]')).toContain('GCJ02→WGS84');
}

async function afterCounts(page: Page) {
  const get = (k: string) => attr(page, '[data-testid=import-after]', `data-${k}`).then(Number);
  return { communities: await get('communities'), facilities: await get('facilities'), green: await get('green'), roads: await get('roads') };
}

const nonOverlaps = (page: Page) => page.$$eval('[data-testid=import-no-overlap]', (es) => es.map((e) => `${e.getAttribute('data-imported')}/${e.getAttribute('data-other')}`));

/** Waits until the audit shown is of the current layers, in the given distance mode. */
async function waitAudited(page: Page, mode?: 'euclidean' | 'network') {
  await page.waitForFunction((m) => {
    const lc = (window as unknown as LcWindow).__lifecircle;
    const badge = document.querySelector('[data-testid=detail] [data-testid=mode-badge-compact]');
    return lc.ready === true && lc.communities === lc.layerCounts?.communities && !!document.querySelector('[data-testid=community-count]') && (!m || !badge || badge.getAttribute('data-mode') === m);
  }, mode, { timeout: 120_000 });
}

interface Row { key: string; euclidean: number; network: number | null }
const compareRows = (page: Page): Promise<Row[]> =>
  page.$$eval('[data-testid=compare-row]', (rs) => rs.map((r) => ({
    key: r.getAttribute('data-key') ?? '',
    euclidean: Number(r.getAttribute('data-euclidean')),
    network: r.getAttribute('data-network') === '' ? null : Number(r.getAttribute('data-network')),
  })));

async function selectCommunity(page: Page, id: string): Promise<Row[]> {
  await page.click(`[data-testid=community-row][data-id="${id}"]`);
  await page.waitForSelector(`[data-testid=detail][data-id="${id}"]`);
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid=compare-row][data-key=green]');
    return !!r && r.getAttribute('data-network') !== '';
  }, null, { timeout: 120_000 });
  const rows = await compareRows(page);
  await page.keyboard.press('Escape');
  return rows;
}

describe.skipIf(!chromiumAvailable)('importing data from another place (Chromium)', () => {
  let app: App;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
    ({ page, errors } = await openApp(app));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
    rmSync(TMP, { recursive: true, force: true });
  });

  it('communities from a Gauss-Krüger shapefile start a new project by default; walking mode then says there are no roads', async () => {
    const demo = await layerCounts(page);
    expect(demo!.roads).toBeGreaterThan(1000);
    expect(await text(page, '[data-testid=dataset-name]')).toContain('示范区');
    // Walking mode on the demo (its own roads).
    await page.click('[data-testid=mode-toggle]');
    await page.waitForFunction(() => document.querySelector('[data-testid=mode-badge]')?.getAttribute('data-mode') === 'network');
    await waitAudited(page);

    await openPicker(page, communityFiles);
    await validateGroup(page, 'communities');
    expect(await attr(page, '[data-testid=import-result]', 'data-valid')).toBe('5');
    // Chengdu is nowhere near the demo: a new project is the default, and the reason is shown.
    expect(await attr(page, '[data-testid=import-target]', 'data-target')).toBe('newProject');
    expect((await nonOverlaps(page)).sort()).toEqual(['communities/facilities', 'communities/green', 'communities/residential', 'communities/roads']);
    // The dialog counts what the project will hold (not the demo's 4,000+ roads).
    expect(await afterCounts(page)).toEqual({ communities: 5, facilities: 0, green: 0, roads: 0 });
    // Replacing the layer instead would keep the demo's layers: the counts say so.
    await page.click('[data-testid=import-target-layers]');
    expect(await afterCounts(page)).toEqual({ communities: 5, facilities: demo!.facilities, green: demo!.green, roads: demo!.roads });
    await page.click('[data-testid=import-target-newProject]');
    await page.click('[data-testid=import-confirm]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts?.communities === 5, null, { timeout: 30_000 });
    expect(await layerCounts(page)).toEqual({ communities: 5, facilities: 0, green: 0, roads: 0, water: 0 });
    await waitAudited(page);
    const name = await text(page, '[data-testid=dataset-name]');
    expect(name).toContain('communities');
    expect(name).not.toContain('示范区');
    // The demo's walking graph is gone with the demo's roads (the network hook reports none).
    await page.waitForFunction(() => ((window as unknown as { __lifecircle: { network?: { graph: unknown } } }).__lifecircle.network?.graph ?? null) === null, null, { timeout: 30_000 });
    // Walking mode is still chosen, and there are no roads: said plainly, with an import offered.
    await page.waitForSelector('[data-testid=road-coverage][data-kind=noRoads]');
    expect(await text(page, '[data-testid=road-coverage]')).toContain('没有道路图层');
    await page.click('[data-testid=road-coverage-import]');
    await page.waitForSelector('[data-testid=import-dialog]');
    await page.click('[data-testid=import-close]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
  }, 300_000);

  it('facilities from a GCJ-02 CSV of the same place replace that layer by default, with no warning', async () => {
    await openPicker(page, [join(IO, 'tables/facilities-gcj02.csv')]);
    await validateGroup(page, 'facilities', { gcj02: true });
    expect(await attr(page, '[data-testid=import-target]', 'data-target')).toBe('layers');
    expect(await nonOverlaps(page)).toEqual([]);
    expect(await afterCounts(page)).toEqual({ communities: 5, facilities: 11, green: 0, roads: 0 });
    await page.click('[data-testid=import-confirm]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts?.facilities === 11, null, { timeout: 30_000 });
    await waitAudited(page);
    const name = await text(page, '[data-testid=dataset-name]');
    expect(name).toContain('communities');
    expect(name).toContain('facilities-gcj02.csv');
  }, 180_000);

  it('roads from another city: warned, and once in the project every community is named as having no road, also after a reload', async () => {
    // The fixture's Chengdu streets moved 5° of longitude east (about 480 km).
    const roads = JSON.parse(readFileSync(join(IO, 'base/roads.geojson'), 'utf8')) as { features: { geometry: { coordinates: number[][] } }[] };
    for (const f of roads.features) f.geometry.coordinates = f.geometry.coordinates.map(([x, y]) => [x + 5, y]);
    const file = join(TMP, 'roads-elsewhere.geojson');
    writeFileSync(file, JSON.stringify(roads));
    await openPicker(page, [file]);
    await validateGroup(page, 'roads');
    expect(await attr(page, '[data-testid=import-target]', 'data-target')).toBe('newProject');
    expect((await nonOverlaps(page)).sort()).toEqual(['roads/communities', 'roads/facilities']);
    await page.click('[data-testid=import-target-layers]');
    expect(await afterCounts(page)).toEqual({ communities: 5, facilities: 11, green: 0, roads: roads.features.length });
    await page.click('[data-testid=import-confirm]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.layerCounts?.roads === n, roads.features.length, { timeout: 30_000 });
    await waitAudited(page);
    await page.waitForSelector('[data-testid=road-coverage][data-kind=uncovered]', { timeout: 120_000 });
    expect(await attr(page, '[data-testid=road-coverage]', 'data-off')).toBe('5');
    // Each community is listed by name and id, and the facilities that cannot join are counted.
    expect((await page.$$eval('[data-testid=road-coverage-community]', (es) => es.map((e) => e.getAttribute('data-id')))).sort()).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
    expect(await text(page, '[data-testid=road-coverage-list] summary')).toMatch(/5 个社区没有道路，\d+ 处设施无法接入路网/);
    // The facility panel describes these roads (123 two-point lines: 123 edges), not the demo's
    // thousands, and says the facility cannot join them.
    const f01 = await page.evaluate(() => (window as unknown as { __lifecircle: { layers: { facilities: { id: string; position: [number, number] }[] } } }).__lifecircle.layers.facilities.find((f) => f.id === 'F01')!.position);
    const xy = await centreOn(page, f01, 16);
    await page.mouse.click(xy[0], xy[1]);
    await page.waitForSelector('[data-testid=facility-network]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=graph-timing]', { timeout: 60_000 });
    expect(await text(page, '[data-testid=graph-timing]')).toMatch(/\b123 路段/);
    await page.waitForFunction(() => (document.querySelector('[data-testid=facility-network]')?.textContent ?? '').includes('不接入路网'), null, { timeout: 60_000 });
    await page.keyboard.press('Escape');
    // The comparison for one community, computed on these roads only.
    const before = await selectCommunity(page, 'C001');
    expect(before.find((r) => r.key === 'green')!.network).toBeLessThanOrEqual(before.find((r) => r.key === 'green')!.euclidean);

    await page.reload();
    await waitReady(page, 120_000);
    await waitAudited(page);
    await page.waitForSelector('[data-testid=road-coverage][data-kind=uncovered]', { timeout: 120_000 });
    expect(await attr(page, '[data-testid=road-coverage]', 'data-off')).toBe('5');
    expect(await text(page, '[data-testid=dataset-name]')).not.toContain('示范区');
    expect(await selectCommunity(page, 'C001')).toEqual(before);
  }, 400_000);

  it('several files at once make one new project that replaces every layer', async () => {
    await openPicker(page, [...communityFiles, join(IO, 'tables/facilities-gcj02.csv'), join(IO, 'base/green.geojson')]);
    const labels: string[] = [];
    for (let n = 0; n < 3; n++) {
      const h2 = await text(page, '[data-testid=import-dialog] h2');
      const kind = h2.includes('communities') ? 'communities' : h2.includes('facilities') ? 'facilities' : 'green';
      await validateGroup(page, kind, { gcj02: kind === 'facilities' });
      if (n === 0) {
        // The project's roads lie in the other city: a new project of these 3 groups is offered first.
        expect(await attr(page, '[data-testid=import-target]', 'data-target')).toBe('newProject');
        expect(await text(page, '[data-testid=import-target]')).toContain('3 组');
        expect(await nonOverlaps(page)).toEqual([`${kind}/roads`]);
      } else {
        // Later groups add to the project the first one started.
        expect(await attr(page, '[data-testid=import-target]', 'data-target')).toBe('layers');
        expect(await nonOverlaps(page)).toEqual([]);
      }
      labels.push(h2);
      await page.click('[data-testid=import-confirm]');
      if (n < 2) await page.waitForFunction((prev) => (document.querySelector('[data-testid=import-dialog] h2')?.textContent ?? '') !== prev, h2, { timeout: 30_000 });
    }
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts?.green === 2, null, { timeout: 30_000 });
    // The roads from the other city are gone with every other old layer.
    expect(await layerCounts(page)).toEqual({ communities: 5, facilities: 11, green: 2, roads: 0, water: 0 });
    await waitAudited(page);
    const name = await text(page, '[data-testid=dataset-name]');
    for (const f of ['communities', 'facilities-gcj02.csv', 'green.geojson']) expect(name).toContain(f);
    await page.waitForSelector('[data-testid=road-coverage][data-kind=noRoads]');
    expect(errors).toEqual([]);
  }, 400_000);
});
