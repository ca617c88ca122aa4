// The online basemaps and the Content-Security-Policy in Chromium, with every request that leaves
// the app's origin intercepted (nothing reaches the network): with the offline basemap nothing
// leaves the origin while the app loads and the map is panned and zoomed; with OpenStreetMap or
// Tianditu turned on, tiles are requested from that basemap's listed host only, admitted by the
// built policy (no violation), and served by the test.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ONLINE_BASEMAP_ORIGINS, OSM_TILE_ORIGIN, TIANDITU_ORIGIN } from '../../src/ui/map/basemapOrigins';
import { chromiumAvailable, ROOT, startApp, waitReady, type App } from './harness';

if (!chromiumAvailable) console.warn('[browser basemap tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');

type CspWindow = Window & { __csp: { blockedURI: string; directive: string }[] };

/** A 1×1 opaque PNG, served for every tile. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(!chromiumAvailable)('online basemaps: requests and policy in Chromium', () => {
  let app: App;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  /** Every request that left the app's origin, and whether it was served (a listed basemap host) or refused. */
  const outside: { url: string; served: boolean }[] = [];

  beforeAll(async () => {
    // A fresh build: the policy is written into index.html at build time.
    app = await startApp({ outDir: join(ROOT, 'test/.out/basemap-dist') });
    origin = new URL(app.url).origin;
    context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      (window as unknown as CspWindow).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as CspWindow).__csp.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective }));
    });
    // Everything not on the app's origin: a tile from a listed basemap host is served from here,
    // anything else is refused; nothing goes to the network either way.
    await context.route((url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:', async (route) => {
      const url = route.request().url();
      const served = (ONLINE_BASEMAP_ORIGINS as readonly string[]).includes(new URL(url).origin);
      outside.push({ url, served });
      if (served) await route.fulfill({ status: 200, contentType: 'image/png', body: TILE, headers: { 'access-control-allow-origin': '*' } });
      else await route.abort('blockedbyclient');
    });
    page = await context.newPage();
    await page.goto(app.url);
    await waitReady(page, 120_000);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  const violations = () => page.evaluate(() => (window as unknown as CspWindow).__csp);

  const mapZoom = () => page.evaluate(() => (window as unknown as { __lifecircle?: { facilitySymbols?: { zoom: number } } }).__lifecircle?.facilitySymbols?.zoom ?? null);

  /** Zooms (in for a negative wheel delta, out for a positive one) and pans the map, and waits until
   *  it has redrawn at the new zoom: a basemap that fetches tiles has asked for the new view's tiles by then. */
  async function moveMap(wheel = -600): Promise<void> {
    const box = (await page.locator('.maplibregl-canvas').first().boundingBox())!;
    const zoom = await mapZoom();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, wheel);
    await expect.poll(mapZoom, { timeout: 30_000 }).not.toBe(zoom);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 - 120, { steps: 8 });
    await page.mouse.up();
  }

  async function pickBasemap(index: number): Promise<void> {
    await page.click('button:has-text("⚙")');
    await page.locator('input[name=basemap]').nth(index).check();
  }

  const closeSettings = () => page.locator('.dialog-backdrop').click({ position: { x: 5, y: 5 } });

  it('basemap off: loading, panning and zooming contact nothing outside the origin', async () => {
    await moveMap(-600);
    await moveMap(1200);
    expect(outside).toEqual([]);
    expect(await violations()).toEqual([]);
  }, 120_000);

  it('OpenStreetMap on: tiles from its listed host only, admitted by the policy and served here', async () => {
    await pickBasemap(1);
    await expect.poll(() => outside.filter((r) => r.url.startsWith(`${OSM_TILE_ORIGIN}/`)).length, { timeout: 60_000 }).toBeGreaterThan(0);
    await closeSettings();
    const shown = outside.length;
    await moveMap(1200);
    // The new view's tiles, from the same host.
    await expect.poll(() => outside.length, { timeout: 30_000 }).toBeGreaterThan(shown);
    const hosts = new Set(outside.map((r) => new URL(r.url).origin));
    expect([...hosts]).toEqual([OSM_TILE_ORIGIN]);
    expect(outside.every((r) => r.served && /^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/.test(r.url))).toBe(true);
    expect(await violations()).toEqual([]);
  }, 120_000);

  it('Tianditu on with a key: tiles from its listed host only, with the key', async () => {
    const before = outside.length;
    await pickBasemap(2);
    await page.locator('.dialog input[type=text]').fill('test-key');
    await closeSettings();
    await expect.poll(() => outside.slice(before).filter((r) => r.url.startsWith(`${TIANDITU_ORIGIN}/`)).length, { timeout: 60_000 }).toBeGreaterThan(1);
    const after = outside.slice(before);
    const hosts = new Set(after.map((r) => new URL(r.url).origin));
    // OpenStreetMap tiles still in flight when the basemap switched may come last; nothing else.
    for (const h of hosts) expect([OSM_TILE_ORIGIN, TIANDITU_ORIGIN]).toContain(h);
    const tdt = after.filter((r) => r.url.startsWith(`${TIANDITU_ORIGIN}/`));
    expect(tdt.every((r) => r.served && new URL(r.url).searchParams.get('tk') === 'test-key')).toBe(true);
    expect(new Set(tdt.map((r) => new URL(r.url).searchParams.get('LAYER')))).toEqual(new Set(['vec', 'cva']));
    expect(await violations()).toEqual([]);
  }, 120_000);
});
