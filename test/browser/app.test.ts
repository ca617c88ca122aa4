// The app in headless Chromium (one browser and one page for the file; tests run in order on it):
// map pixels, table completeness, map click → failures with actual and required values, a
// stricter preset failing more communities, the uncovered-area layer, English labels.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { booleanPointInPolygon } from '@turf/turf';
import { chromiumAvailable, openApp, ROOT, startApp, waitReady, type App } from './harness';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { communitiesFromGeoJSON, facilitiesFromGeoJSON } from '../../src/io/canonical';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'meta.json'));
if (!chromiumAvailable) console.warn('[browser tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');
if (!demoPresent) console.warn('[browser tests] data/demo is absent (run `npm run demo`): the app opens its 6-community sample; demo-specific checks are skipped.');

type LcWindow = Window & { __lifecircle: Record<string, unknown> };

/** Statistics of the pixels of a screenshot region, decoded by the browser itself from the PNG. */
async function pixelStats(page: Page, png: Buffer, rgb?: [number, number, number], tol = 40) {
  return page.evaluate(async ({ b64, rgb, tol }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sum2 = 0, near = 0;
    const n = d.length / 4;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      sum += y;
      sum2 += y * y;
      if (i % 64 === 0) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (rgb && Math.abs(d[i] - rgb[0]) <= tol && Math.abs(d[i + 1] - rgb[1]) <= tol && Math.abs(d[i + 2] - rgb[2]) <= tol) near++;
    }
    const mean = sum / n;
    return { variance: sum2 / n - mean * mean, colours: colours.size, nearShare: near / n };
  }, { b64: png.toString('base64'), rgb, tol });
}

const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (e, n) => e.getAttribute(n), name);
const failingCount = async (page: Page) => Number(await attr(page, '[data-testid=failing-count]', 'data-value'));

describe.skipIf(!chromiumAvailable)('app in Chromium', () => {
  let app: App;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startApp();
    ({ page, errors } = await openApp(app));
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('renders the map (canvas not blank) with no console error', async () => {
    await page.waitForTimeout(1000); // let deck.gl finish its first frames
    const shot = await (await page.$('[data-testid=map]'))!.screenshot();
    // Failing communities are drawn in vermillion (213, 94, 0) blended over the light basemap.
    const s = await pixelStats(page, shot, [226, 140, 80], 45);
    expect(s.variance).toBeGreaterThan(100);
    expect(s.colours).toBeGreaterThan(20);
    expect(s.nearShare).toBeGreaterThan(0.01);
    expect(errors).toEqual([]);
  });

  it('lists every community with its area per 100 households and status', async () => {
    const expected = demoPresent ? JSON.parse(readFileSync(join(DEMO, 'meta.json'), 'utf8')).counts.communities : 6;
    expect(Number(await attr(page, '[data-testid=row-count]', 'data-total'))).toBe(expected);
    expect(Number(await attr(page, '[data-testid=row-count]', 'data-shown'))).toBe(expected);
    expect(Number(await attr(page, '[data-testid=community-count]', 'data-value'))).toBe(expected);
    const rows = await page.$$eval('[data-testid=community-row]', (rs) => rs.map((r) => ({
      id: r.getAttribute('data-id'),
      status: r.getAttribute('data-status'),
      per100: r.querySelector('.td-areaPer100')?.textContent ?? '',
      badge: r.querySelector('.td-status')?.textContent ?? '',
    })));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.per100).toMatch(/^(\d[\d,]*\.\d|—)$/);
      expect(r.badge).toBe(r.status === 'fail' ? '未达标' : '达标');
    }

    // Second method for one community: area per 100 households recomputed here from the files
    // (explicit community field, else point in polygon), compared with the figure the table shows.
    const sample = demoPresent ? await independentPer100() : { id: 'SQ002', per100: (400 / 3100) * 100 }; // sample: one 400 m² station, 3,100 households
    await page.fill('#community-search', sample.id);
    const shown = await page.$eval(`[data-testid=community-row][data-id="${sample.id}"] .td-areaPer100`, (e) => e.textContent);
    expect(Number(shown!.replace(/,/g, ''))).toBeCloseTo(sample.per100, 1);
    await page.fill('#community-search', '');
  });

  it('clicking a failing community on the map shows its failures with actual and required values', async () => {
    // Hide facility dots so the click reaches the community polygon underneath.
    await page.click('[data-testid=toggle-facilities]');
    const id = (await attr(page, '[data-testid=community-row][data-status=fail]', 'data-id'))!;
    const tableFailures = Number(await page.$eval(`[data-testid=community-row][data-id="${id}"] .td-failures`, (e) => e.textContent));
    const xy = await page.evaluate((cid) => {
      const lc = (window as unknown as LcWindow).__lifecircle;
      const map = lc.map as { jumpTo: (o: object) => void; project: (p: [number, number]) => { x: number; y: number }; getCanvas: () => HTMLCanvasElement };
      const p = (lc.labelPoint as (id: string) => [number, number])(cid);
      map.jumpTo({ center: p, zoom: 15 });
      const px = map.project(p);
      const r = map.getCanvas().getBoundingClientRect();
      return [r.left + px.x, r.top + px.y];
    }, id);
    await page.waitForTimeout(600);
    // Like a person: move onto the community (hover tooltip), then press and release.
    await page.mouse.move(xy[0], xy[1], { steps: 3 });
    await page.waitForTimeout(300);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForSelector(`[data-testid=detail][data-id="${id}"]`, { timeout: 15_000 }).catch(async (e) => {
      await page.screenshot({ path: join(ROOT, 'test/.out/click-failure.png') });
      throw e;
    });
    expect(await page.textContent('[data-testid=detail-status]')).toBe('未达标');
    const failures = await page.$$eval('[data-testid=failure]', (fs) => fs.map((f) => ({
      actual: f.querySelector('[data-testid=failure-actual]')?.textContent ?? '',
      required: f.querySelector('[data-testid=failure-required]')?.textContent ?? '',
    })));
    expect(failures.length).toBe(tableFailures);
    for (const f of failures) {
      expect(f.actual).toMatch(/\d|无法计算/);
      expect(f.required).toMatch(/^要求 .*\d/);
    }
    // Each rule's source is citable: document titles (or the tool default said plainly), no seed
    // codes, none of the seeds' Traditional characters.
    const sources = await page.$$eval('[data-testid=failure-source]', (es) => es.map((e) => e.textContent ?? ''));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(s).toMatch(/^来源：.*(《|规划纲要|行动方案|本工具默认值)/);
      expect(s).not.toMatch(/\b00[0-4]\b|fallback|silent|project default/);
      expect(s).not.toMatch(/[實見綠園區設務戶規劃標準應於條鐘構級]/);
    }
    // The row is selected in the table too.
    expect(await page.$eval(`[data-testid=community-row][data-id="${id}"]`, (e) => e.classList.contains('selected'))).toBe(true);
    await page.click('[data-testid=toggle-facilities]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=detail-empty]');
  }, 90_000);

  it.skipIf(!demoPresent)('switching the preset to meishan-2025 makes more communities fail', async () => {
    const before = await failingCount(page);
    await page.selectOption('[data-testid=preset-select]', 'meishan-2025');
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.presetId === 'meishan-2025');
    await waitReady(page);
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid=failing-count]')?.getAttribute('data-value')) !== b, before, { timeout: 30_000 });
    const after = await failingCount(page);
    expect(after).toBeGreaterThan(before);
    await page.selectOption('[data-testid=preset-select]', 'national-2022');
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid=failing-count]')?.getAttribute('data-value')) === b, before, { timeout: 30_000 });
  }, 90_000);

  it('draws the uncovered-area layer', async () => {
    await page.click('[data-testid=toolbar-fit]');
    await page.waitForTimeout(500);
    const mapEl = (await page.$('[data-testid=map]'))!;
    const before = await pixelStats(page, await mapEl.screenshot(), [204, 0, 102], 60);
    await page.click('[data-testid=toggle-gaps]');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=gap-status]')?.textContent ?? ''), null, { timeout: 60_000 });
    const gapCount = Number((await page.textContent('[data-testid=gap-status]'))!.match(/\d+/)![0]);
    expect(gapCount).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    const after = await pixelStats(page, await mapEl.screenshot(), [204, 0, 102], 60);
    // Magenta gap fill appears (blended over community fills it stays magenta-ish). The demo audits
    // on its residential land, so the gaps are the unreached housing only (0.35 % of the view here,
    // against ~1 % when they were whole-community areas).
    expect(after.nearShare).toBeGreaterThan(before.nearShare + 0.002);
    // And deck.gl can pick gap polygons on screen.
    const picked = await page.evaluate(() => {
      const lc = (window as unknown as LcWindow).__lifecircle;
      const overlay = lc.overlay as { pickObjects: (o: object) => unknown[] };
      const canvas = (lc.map as { getCanvas: () => HTMLCanvasElement }).getCanvas();
      return overlay.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight, layerIds: ['gaps'] }).length;
    });
    expect(picked).toBeGreaterThan(0);
    await page.click('[data-testid=toggle-gaps]');
  }, 120_000);

  it('switches the labels to English', async () => {
    expect(await page.textContent('.community-table h2')).toBe('社区清单');
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('.community-table h2')).toBe('Communities');
    expect(await page.textContent('[data-testid=import-button]')).toContain('Import');
    expect(await page.textContent('[data-testid=failing-count] span')).toBe('Failing');
    const badge = await page.textContent('[data-testid=community-row] .badge');
    expect(['Pass', 'Fail']).toContain(badge);
    // A failing community's sources in English: titles and clauses, no Chinese text.
    await page.click('[data-testid=community-row][data-status=fail]');
    await page.waitForSelector('[data-testid=failure-source]');
    const sources = await page.$$eval('[data-testid=failure-source]', (es) => es.map((e) => e.textContent ?? ''));
    for (const s of sources) {
      expect(s).toMatch(/^Source: /);
      expect(s).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/);
    }
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });
});

/** Area per 100 households of the first community that has a community_service facility with a floor area. */
async function independentPer100(): Promise<{ id: string; per100: number }> {
  const read = async (n: string) => (await readFlatGeobuf(new Uint8Array(readFileSync(join(DEMO, n))))).collection;
  const communities = communitiesFromGeoJSON(await read('communities.fgb'));
  const services = facilitiesFromGeoJSON(await read('facilities.fgb')).filter((f) => f.category === 'community_service');
  for (const c of communities) {
    if (!c.households) continue;
    const mine = services.filter((f) => (f.communityId ? f.communityId === c.id : c.geometry.some((poly) => booleanPointInPolygon(f.position, { type: 'Polygon', coordinates: poly }))));
    if (mine.length === 0 || mine.some((f) => f.floorArea === null)) continue;
    // Points on a shared boundary would go to the id that sorts first: skip such ambiguous cases.
    const ambiguous = mine.some((f) => !f.communityId && communities.some((o) => o.id !== c.id && o.geometry.some((poly) => booleanPointInPolygon(f.position, { type: 'Polygon', coordinates: poly }))));
    if (ambiguous) continue;
    return { id: c.id, per100: (mine.reduce((s, f) => s + f.floorArea!, 0) / c.households) * 100 };
  }
  throw new Error('no community with measured community_service floor area in data/demo');
}
