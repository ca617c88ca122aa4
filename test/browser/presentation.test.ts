// Presentation mode in headless Chromium at 1920×1080: it opens from the address (?present=1) and
// with the key P, the map fills the screen, headlines are at least 32 px and no text under 16 px,
// no table or technical controls; → / PageDown step forward, ← / PageUp back, Esc leaves. The
// planner's sequence (added community, own title, a saved map view) is saved with the project and
// survives a reload. No request leaves the app's own server (it works offline).
// With LIFECIRCLE_SHOTS=<dir> it also saves a screenshot of every screen (for looking at them).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, ROOT, startApp, waitReady, type App } from './harness';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'meta.json'));
if (!demoPresent) console.warn('[presentation browser test] data/demo is absent: the sequence checks run on the 6-community sample.');
const OUT = join(tmpdir(), `lifecircle-present-dist-${process.pid}`);
const SHOTS = process.env.LIFECIRCLE_SHOTS;

type LcWindow = Window & { __lifecircle: Record<string, unknown> };

const step = async (page: Page) => Number(await page.getAttribute('[data-testid=presentation]', 'data-step'));
const kind = (page: Page) => page.getAttribute('[data-testid=presentation]', 'data-kind');

async function waitStep(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => document.querySelector('[data-testid=presentation]')?.getAttribute('data-step') === String(k), n, { timeout: 30_000 });
}

/** Waits until the map has settled (no camera animation, tiles and layers drawn). */
async function mapSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as LcWindow).__lifecircle.map as { loaded: () => boolean; isMoving: () => boolean } | undefined;
    return !!m && m.loaded() && !m.isMoving();
  }, null, { timeout: 60_000 });
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await mapSettled(page);
  await page.waitForTimeout(300); // deck.gl's frame after the camera stops
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Font sizes of every element that shows text of its own inside the presentation. */
async function textSizes(page: Page): Promise<{ text: string; size: number }[]> {
  return page.$$eval('[data-testid=presentation] *', (els) => els.flatMap((el) => {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim()).map((n) => n.textContent!.trim()).join(' ');
    const box = (el as HTMLElement).getBoundingClientRect();
    if (!own || box.width === 0 || getComputedStyle(el).visibility === 'hidden') return [];
    return [{ text: own, size: parseFloat(getComputedStyle(el).fontSize) }];
  }));
}

describe.skipIf(!chromiumAvailable)('presentation mode (Chromium, 1920×1080)', () => {
  let app: App;
  let page: Page;
  const errors: string[] = [];
  let offline: string[] = [];

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
    const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    // No network beyond the app's own server: the presentation must work offline.
    const outside: string[] = [];
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => { outside.push(route.request().url()); return route.abort(); });
    offline = outside;
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(app.url + '?present=1');
    await waitReady(page, 120_000);
  }, 400_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('opens from the address with the map filling the screen and no table or technical controls', async () => {
    await page.waitForSelector('[data-testid=presentation]', { timeout: 60_000 });
    expect(await step(page)).toBe(0);
    expect(await kind(page)).toBe('overview');
    const map = (await (await page.$('[data-testid=presentation] [data-testid=map]'))!.boundingBox())!;
    expect(map).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(await page.$$('[data-testid=community-row]')).toHaveLength(0);
    expect(await page.$$('.map-controls, .toolbar, [data-testid=mode-badge]')).toHaveLength(0);
    expect(await page.isVisible('.maplibregl-ctrl-zoom-in')).toBe(false);
    // The headline gives the audit's counts.
    const failing = (await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.failing)) as number;
    const total = (await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.communities)) as number;
    const headline = await page.textContent('[data-testid=present-headline]');
    expect(headline).toContain(String(total));
    expect(headline).toContain(String(failing));
    await shoot(page, 'present-1-overview');
  }, 120_000);

  it('uses large type: headline ≥ 32 px, nothing under 16 px', async () => {
    const h1 = await page.$eval('[data-testid=present-headline] h1', (e) => parseFloat(getComputedStyle(e).fontSize));
    expect(h1).toBeGreaterThanOrEqual(32);
    const sizes = await textSizes(page);
    expect(sizes.length).toBeGreaterThan(5);
    expect(sizes.filter((s) => s.size < 16)).toEqual([]);
  }, 60_000);

  it('steps forward with → and PageDown, back with ← and PageUp, through the picked communities', async () => {
    const total = Number(await page.getAttribute('[data-testid=presentation]', 'data-total'));
    expect(total).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 1);
    expect(await kind(page)).toBe('community');
    const title = await page.textContent('[data-testid=present-headline] h1');
    const names = (await page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.layers as { communities: { name: string }[] }).communities.map((c) => c.name)));
    expect(names).toContain(title);
    // A community's screen: its failures in words, its gap in the legend, still large type.
    await page.waitForFunction(() => (document.querySelector('[data-testid=present-legend]')?.children.length ?? 0) >= 4, null, { timeout: 60_000 });
    expect((await textSizes(page)).filter((s) => s.size < 16)).toEqual([]);
    await shoot(page, 'present-2-community');
    if (total >= 3) {
      await page.keyboard.press('PageDown');
      await waitStep(page, 2);
      await shoot(page, 'present-3-community');
      await page.keyboard.press('ArrowLeft');
      await waitStep(page, 1);
    }
    await page.keyboard.press('PageUp');
    await waitStep(page, 0);
    // Stops at the first view.
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(100);
    expect(await step(page)).toBe(0);
  }, 120_000);

  it('Esc leaves to the workspace and drops ?present=1; the key P opens it again', async () => {
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=presentation]', { state: 'detached' });
    await page.waitForSelector('[data-testid=community-row]');
    expect(new URL(page.url()).searchParams.has('present')).toBe(false);
    await page.keyboard.press('p');
    await page.waitForSelector('[data-testid=presentation]');
    expect(await step(page)).toBe(0);
    await page.click('[data-testid=present-exit]');
    await page.waitForSelector('[data-testid=presentation]', { state: 'detached' });
  }, 120_000);

  it('keeps the planner’s sequence with the project: added community, own title, order; survives a reload', async () => {
    await page.click('[data-testid=present-plan]');
    await page.waitForSelector('[data-testid=present-editor]');
    const before = (await page.$$('[data-testid=present-editor-view]')).length;
    // Add the last community of the list (a passing one when there is one) and title it.
    const value = await page.$eval('[data-testid=present-editor-pick]', (s) => { const o = (s as HTMLSelectElement).options; return o[o.length - 1].value; });
    await page.selectOption('[data-testid=present-editor-pick]', value);
    await page.click('[data-testid=present-editor-add-community]');
    const titles = await page.$$('[data-testid=present-editor-title]');
    expect(titles).toHaveLength(before + 1);
    await titles[before].fill('居民议事：新建幼儿园选址');
    // Move it to second place.
    await page.click(`[data-testid=present-editor-view]:nth-child(${before + 1}) button:nth-of-type(1)`);
    // And the current map view as the last page.
    await page.click('[data-testid=present-editor-add-camera]');
    expect(await page.$$eval('[data-testid=present-editor-view]', (vs) => vs.map((v) => v.getAttribute('data-kind')).at(-1))).toBe('camera');
    const order = await page.$$eval('[data-testid=present-editor-title]', (is) => is.map((i) => (i as HTMLInputElement).value));
    expect(order[before - 1]).toBe('居民议事：新建幼儿园选址');
    expect(order).toHaveLength(before + 2);
    // Saved with the project (IndexedDB, debounced): reload and find it again.
    await page.waitForTimeout(1200);
    await page.reload();
    await waitReady(page, 120_000);
    await page.click('[data-testid=present-plan]');
    await page.waitForSelector('[data-testid=present-editor]');
    const after = await page.$$eval('[data-testid=present-editor-title]', (is) => is.map((i) => (i as HTMLInputElement).value));
    expect(after).toEqual(order);
    await page.click('[data-testid=present-editor-start]');
    await page.waitForSelector('[data-testid=presentation]');
    for (let k = 0; k < before - 1; k++) await page.keyboard.press('ArrowRight');
    await waitStep(page, before - 1);
    expect(await page.textContent('[data-testid=present-headline] h1')).toBe('居民议事：新建幼儿园选址');
    await shoot(page, 'present-4-own-title');
    for (let k = before - 1; k < order.length - 1; k++) await page.keyboard.press('PageDown');
    await waitStep(page, order.length - 1);
    expect(await kind(page)).toBe('camera');
    await shoot(page, 'present-5-map-view');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=presentation]', { state: 'detached' });
    expect(errors).toEqual([]);
    expect(offline).toEqual([]);
  }, 300_000);
});
