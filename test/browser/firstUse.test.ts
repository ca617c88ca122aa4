// What a first user hits, in headless Chromium: the table's CSV export (what the table shows,
// or all), the search reset on new data, the gap map's choices, no Chinese left in the English
// UI's own text, the layout at 1280×720 and on a 390×844 phone, and facility symbols thinned out
// at low zoom. The app is built into its own temporary folder (no race over dist/).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openApp, ROOT, startApp, waitReady, type App } from './harness';
import { getPreset } from '../../src/engine/presets';
import type { RulePreset } from '../../src/engine/types';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'meta.json'));
if (!chromiumAvailable) console.warn('[first-use browser tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');
else if (!demoPresent) console.warn('[first-use browser tests] skipped: data/demo is absent (run `npm run demo`).');

type LcWindow = Window & { __lifecircle: Record<string, unknown> };
const OUT = join(tmpdir(), `lifecircle-firstuse-dist-${process.pid}`);
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (e, n) => e.getAttribute(n), name);

/** Splits CSV text into rows of cells (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

async function download(page: Page, item: string): Promise<string[][]> {
  await page.click('[data-testid=export-button]');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${item}]`)]);
  return parseCsv(readFileSync((await file.path())!, 'utf8'));
}

/** Every piece of the page's own text (text nodes, placeholders, titles, labels) that holds CJK once
 *  the data's values (names, ids, streets) are taken out. */
async function cjkLeft(page: Page): Promise<string[]> {
  return page.evaluate((re) => {
    const cjk = new RegExp(re);
    const lc = (window as unknown as LcWindow).__lifecircle as { layers: Record<string, { id: string; name?: string; street?: string }[]> };
    const values = new Set<string>();
    for (const layer of Object.values(lc.layers)) for (const f of layer) for (const v of [f.id, f.name, f.street]) if (v) values.add(v);
    const data = [...values].filter((v) => cjk.test(v)).sort((a, b) => b.length - a.length);
    const strip = (s: string) => data.reduce((acc, v) => acc.split(v).join(''), s);
    const out: string[] = [];
    const visible = (el: Element | null) => !!el && (el as HTMLElement).offsetParent !== null || el?.tagName === 'OPTION';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // The language switch names the other language in that language (中文), as language menus do.
      if (!el || el.closest('script,style,[hidden],[data-testid=lang-toggle]') || !visible(el)) continue;
      const s = strip(n.textContent ?? '');
      if (cjk.test(s)) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${s.trim()}`);
    }
    for (const el of document.querySelectorAll('[placeholder],[title],[aria-label]')) {
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const s = strip(el.getAttribute(a) ?? '');
        if (cjk.test(s)) out.push(`${el.tagName.toLowerCase()}[${a}]: ${s}`);
      }
    }
    return out;
  }, CJK.source);
}

const box = (page: Page, sel: string) => page.$eval(sel, (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; });
const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.skipIf(!chromiumAvailable || !demoPresent)('a first use of the app (Chromium)', () => {
  let app: App;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
    // One page for the file, at 1280×720 (the smallest desktop window the layout is checked at);
    // the phone's layout is a page of its own, as it is fitted when it opens.
    ({ page, errors } = await openApp(app, { width: 1280, height: 720 }));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('at 1280×720 the hint does not cover the distance badge and the status column fits', async () => {
    // The page as first opened (the file's page, opened at this size).
    const hint = await box(page, '.map-hint');
    const badge = await box(page, '[data-testid=mode-switch]');
    expect(overlaps(hint, badge)).toBe(false);
    const body = await page.$eval('.grid-body', (e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(body.scroll).toBeLessThanOrEqual(body.client);
    // Every cell shows its whole text (no ellipsis), shares included ("47.2%" in bold).
    const clipped = await page.$$eval('[data-testid=community-row] .td', (es) => es.filter((e) => e.scrollWidth > e.clientWidth).map((e) => `${e.className}: ${e.textContent}`));
    expect(clipped.filter((c) => !/td-(name|street)/.test(c))).toEqual([]);
    const status = await box(page, '[data-col=status]');
    const table = await box(page, '.grid-body');
    expect(status.right).toBeLessThanOrEqual(table.right + 0.5);
    // Nine-digit community codes (as bureaux number them) show in full.
    await page.evaluate(() => {
      const lc = (window as unknown as LcWindow).__lifecircle as { layers: { communities: { id: string }[] }; replaceLayers: (l: object) => void };
      lc.replaceLayers({ communities: lc.layers.communities.map((c, i) => ({ ...c, id: String(510102001 + i) })) });
    });
    await waitReady(page);
    await page.waitForSelector('[data-testid=community-row][data-id^="510102"]');
    const ids = await page.$$eval('[data-testid=community-row] .td-id', (es) => es.map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, text: e.textContent })));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(id.text).toMatch(/^\d{9}$/);
      expect(id.scroll).toBeLessThanOrEqual(id.client);
    }
  }, 120_000);

  it('exports the table as shown (filter and sort) or all of it, with one header in the UI language', async () => {
    const total = Number(await attr(page, '[data-testid=row-count]', 'data-total'));
    await page.check('[data-testid=failing-only]');
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid=row-count]')?.getAttribute('data-shown')) < t, total);
    // Sort by households, largest first (a numeric column's first click).
    await page.click('[data-col=households]');
    await page.waitForSelector('[data-col=households][aria-sort=descending]');
    const shown = Number(await attr(page, '[data-testid=row-count]', 'data-shown'));
    const firstRows = await page.$$eval('[data-testid=community-row]', (rs) => rs.map((r) => ({ id: r.getAttribute('data-id'), top: r.getBoundingClientRect().top })).sort((a, b) => a.top - b.top).slice(0, 3).map((r) => r.id));
    const csv = await download(page, 'csv-shown');
    const header = csv[0];
    expect(header[0]).toBe('编号');
    expect(new Set(header).size).toBe(header.length);
    expect(csv.length - 1).toBe(shown);
    expect(csv.slice(1, 4).map((r) => r[0])).toEqual(firstRows);
    const households = csv.slice(1).map((r) => Number(r[header.indexOf('户数')]));
    expect(households).toEqual([...households].sort((a, b) => b - a));
    const status = header.indexOf('状态');
    expect(csv.slice(1).every((r) => r[status] === '未达标')).toBe(true);
    // No internal keys in the failure text (rule, category and group keys are lower-case latin words).
    const details = csv.slice(1).map((r) => r[header.length - 1]).join(' ');
    expect(details).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b(elderly|childcare|sixOnes|lifeCircle)\b/);
    // Shares as the table shows them (truncated to one decimal).
    const id = csv[1][0];
    const park = await page.$eval(`[data-testid=community-row][data-id="${id}"] .td-park`, (e) => e.textContent);
    // The same figure (a CSV number drops a trailing .0 that the table shows: 99 = 99.0 %).
    expect(Number(csv[1][header.indexOf('见园 (%)')])).toBe(Number.parseFloat(park!));
    expect(park).toMatch(/^\d+(\.\d)?%$/);
    const all = await download(page, 'csv-all');
    expect(all.length - 1).toBe(total);
    await page.uncheck('[data-testid=failing-only]');
    await page.click('[data-col=failures]');
  }, 120_000);

  it('clears the search text when the data changes', async () => {
    await page.fill('#community-search', 'zzz-no-such-community');
    await page.waitForFunction(() => document.querySelector('[data-testid=row-count]')?.getAttribute('data-shown') === '0');
    await page.evaluate(() => {
      const lc = (window as unknown as LcWindow).__lifecircle as { layers: { communities: unknown[] }; replaceLayers: (l: object) => void };
      lc.replaceLayers({ communities: lc.layers.communities.slice(0, 20) });
    });
    await waitReady(page);
    await page.waitForFunction(() => document.querySelector('[data-testid=row-count]')?.getAttribute('data-shown') === '20');
    expect(await page.inputValue('#community-search')).toBe('');
  }, 120_000);

  it('offers only the chosen tier’s categories on the gap map and counts communities below the threshold', async () => {
    const preset = getPreset(await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.presetId as string)) as RulePreset;
    await page.click('[data-testid=toggle-gaps]');
    const tiers = await page.$$eval('[data-testid=gap-tier] option', (o) => o.map((e) => (e as HTMLOptionElement).value));
    for (const tier of tiers) {
      await page.selectOption('[data-testid=gap-tier]', tier);
      const cats = await page.$$eval('[data-testid=gap-category] option', (o) => o.map((e) => (e as HTMLOptionElement).value));
      expect(cats).toEqual(preset.requiredByTier[tier]);
    }
    await page.selectOption('[data-testid=gap-tier]', tiers[0]);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=gap-status]')?.textContent ?? ''), null, { timeout: 60_000 });
    const count = Number((await page.textContent('[data-testid=gap-status]'))!.match(/\d+/)![0]);
    // The lifeCircle failures of that tier and category, as the table's rule filter counts them, bound the count.
    expect(await page.textContent('[data-testid=gap-status]')).toContain(`${Math.round(preset.rules.lifeCircle.threshold * 100)}%`);
    expect(count).toBeLessThanOrEqual(Number(await attr(page, '[data-testid=community-count]', 'data-value')));
    await page.click('[data-testid=toggle-gaps]');
  }, 120_000);

  it('leaves no Chinese in the English UI’s own text (panels, detail, dialogs, menus)', async () => {
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const found: string[] = [];
    found.push(...await cjkLeft(page));
    // A failing community's detail, with the straight-line / walking comparison.
    await page.click('[data-testid=community-row][data-status=fail]');
    await page.waitForSelector('[data-testid=detail-name]');
    found.push(...await cjkLeft(page));
    await page.click('[data-testid=toggle-gaps]');
    await page.selectOption('[data-testid=color-by]', 'lifeCircle');
    found.push(...await cjkLeft(page));
    await page.click('[data-testid=toggle-gaps]');
    // A facility's walking panel (picked on the map at zoom 15, where every symbol is drawn).
    const xy = await page.evaluate(() => {
      const lc = (window as unknown as LcWindow).__lifecircle as { layers: { facilities: { position: [number, number] }[] }; map: { jumpTo: (o: object) => void; project: (p: [number, number]) => { x: number; y: number }; getCanvas: () => HTMLCanvasElement } };
      const p = lc.layers.facilities[0].position;
      lc.map.jumpTo({ center: p, zoom: 15 });
      const px = lc.map.project(p);
      const r = lc.map.getCanvas().getBoundingClientRect();
      return [r.left + px.x, r.top + px.y];
    });
    await page.evaluate(() => new Promise<void>((resolve) => {
      const map = (window as unknown as LcWindow).__lifecircle.map as { once: (e: string, f: () => void) => void; triggerRepaint: () => void };
      map.once('idle', () => resolve());
      map.triggerRepaint();
    }));
    await page.mouse.click(xy[0], xy[1]);
    await page.waitForSelector('[data-testid=facility-network]', { timeout: 60_000 });
    found.push(...await cjkLeft(page));
    // The export menu, the settings dialog and the import dialog.
    await page.click('[data-testid=export-button]');
    found.push(...await cjkLeft(page));
    await page.keyboard.press('Escape');
    await page.click('text=Settings');
    await page.waitForSelector('[role=dialog]');
    found.push(...await cjkLeft(page));
    await page.keyboard.press('Escape');
    await page.click('[data-testid=import-button]');
    await page.waitForSelector('[data-testid=import-dialog]');
    found.push(...await cjkLeft(page));
    await page.click('[data-testid=import-close]');
    expect([...new Set(found)]).toEqual([]);
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(errors).toEqual([]);
  }, 120_000);

  it('the import dialog speaks English in the English UI (target fields, values, errors)', async () => {
    const open = async (file: string) => {
      await page.click('[data-testid=import-button]');
      await page.waitForSelector('[data-testid=import-file-input]', { state: 'attached' });
      await page.setInputFiles('[data-testid=import-file-input]', [join(ROOT, file)]);
      await page.waitForSelector('[data-testid=import-flow]');
      await page.waitForFunction(() => {
        const next = document.querySelector('[data-testid=import-next]') as HTMLButtonElement | null;
        return !!document.querySelector('[data-testid=import-error]') || (!!next && !next.disabled);
      }, null, { timeout: 30_000 });
    };
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await open('test/fixtures/ui-import/facilities-with-unknown-category.geojson');
    await page.click('[data-testid=import-next]');
    await page.click('[data-testid=import-next]');
    await page.waitForSelector('[data-testid=import-category-map]');
    expect(await page.textContent('[data-testid=import-target-id]')).toBe('ID');
    expect(await page.textContent('[data-testid=import-target-area]')).toBe('Floor area');
    expect(await page.textContent('[data-testid=import-value-result][data-value="幼儿园"]')).toBe('→ Kindergarten');
    const options = await page.$$eval('[data-testid=import-category-map-select][data-value="洗衣店"] option', (o) => o.map((e) => e.textContent ?? ''));
    expect(options.join(' ')).not.toMatch(CJK);
    await page.click('[data-testid=import-cancel]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
    await open('test/fixtures/io/malformed/not-json.geojson');
    expect(await page.textContent('[data-testid=import-error]')).toMatch(/^Import failed: not-json\.geojson: not valid JSON/);
    await page.click('[data-testid=import-cancel]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached' });
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  }, 120_000);

  it('thins facility symbols out at district zoom and draws every one from zoom 14', async () => {
    const symbols = () => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.facilitySymbols as { drawn: number; total: number; zoom: number });
    const idle = () => page.evaluate(() => new Promise<void>((resolve) => {
      const map = (window as unknown as LcWindow).__lifecircle.map as { once: (e: string, f: () => void) => void; triggerRepaint: () => void };
      map.once('idle', () => resolve());
      map.triggerRepaint();
    }));
    // The whole demo district in view (its centre, zoom 12.5).
    await page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.map as { jumpTo: (o: object) => void }).jumpTo({ center: [119.95, 31.78], zoom: 12.5 }));
    await idle();
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.facilitySymbols as { zoom: number }).zoom === 12.5);
    const low = await symbols();
    expect(low.drawn).toBeLessThan(low.total * 0.8);
    // What deck.gl can pick on screen is what was drawn: no more than the thinned set.
    const picked = await page.evaluate(() => {
      const lc = (window as unknown as LcWindow).__lifecircle;
      const overlay = lc.overlay as { pickObjects: (o: object) => unknown[] };
      const canvas = (lc.map as { getCanvas: () => HTMLCanvasElement }).getCanvas();
      return overlay.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight, layerIds: ['facilities'] }).length;
    });
    expect(picked).toBeGreaterThan(0);
    expect(picked).toBeLessThanOrEqual(low.drawn);
    await page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.map as { jumpTo: (o: object) => void }).jumpTo({ zoom: 14.2 }));
    await idle();
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.facilitySymbols as { zoom: number }).zoom >= 14);
    const high = await symbols();
    expect(high.drawn).toBe(high.total);
  }, 120_000);

  it('at 390×844 nothing overflows sideways; the map, the header counts and a community’s detail are reachable', async () => {
    const { page, errors: phoneErrors } = await openApp(app, { width: 390, height: 844 });
    const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
    expect(width).toBeLessThanOrEqual(390);
    const map = await box(page, '[data-testid=map]');
    expect(map.width).toBeGreaterThanOrEqual(350);
    expect(map.height).toBeGreaterThanOrEqual(250);
    expect(map.top).toBeLessThan(844);
    // The data fill the phone's map (no desktop-sized side paddings around them).
    const dataWidth = await page.evaluate(() => {
      const lc = (window as unknown as LcWindow).__lifecircle as { layers: { communities: { geometry: number[][][][] }[] }; map: { project: (p: [number, number]) => { x: number } } };
      let w = Infinity, e = -Infinity;
      for (const c of lc.layers.communities) for (const poly of c.geometry) for (const [x] of poly[0]) { w = Math.min(w, x); e = Math.max(e, x); }
      return lc.map.project([e, 0]).x - lc.map.project([w, 0]).x;
    });
    expect(dataWidth).toBeGreaterThan(map.width * 0.5);
    const failing = await box(page, '[data-testid=failing-count]');
    expect(failing.top).toBeGreaterThanOrEqual(0);
    expect(failing.right).toBeLessThanOrEqual(390);
    expect(failing.bottom).toBeLessThanOrEqual(844);
    // A community from the list: its detail can be scrolled to and fits the width.
    await page.locator('[data-testid=community-row]').first().scrollIntoViewIfNeeded();
    await page.locator('[data-testid=community-row]').first().click();
    await page.waitForSelector('[data-testid=detail-name]');
    await page.locator('[data-testid=detail-name]').scrollIntoViewIfNeeded();
    const detail = await box(page, '[data-testid=detail]');
    expect(detail.left).toBeGreaterThanOrEqual(0);
    expect(detail.right).toBeLessThanOrEqual(390.5);
    const name = await box(page, '[data-testid=detail-name]');
    expect(name.top).toBeGreaterThanOrEqual(0);
    expect(name.bottom).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
    expect(phoneErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
