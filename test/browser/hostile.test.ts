// The built app in headless Chromium against hostile input and unwanted network traffic:
// - a facility file whose properties are named constructor, toString, hasOwnProperty, __proto__ and
//   valueOf, and one with a property nested 100,000 levels deep, import (they used to fail the whole
//   import with "Unserializable return value" at the worker boundary);
// - the Content-Security-Policy is declared (header and <meta>), nothing the app does while loading
//   and importing violates it or leaves its origin, the loader CDN in deck.gl's loaders
//   (unpkg.com/@loaders.gl) is refused, and an online basemap host is contacted only after the
//   user picks it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, ROOT, startApp, waitReady, type App } from './harness';

if (!chromiumAvailable) console.warn('[browser hostile tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');

type LcWindow = Window & { __lifecircle: { layerCounts?: { facilities: number } }; __csp: { blockedURI: string; directive: string }[] };

const HOSTILE_NAMES = join(ROOT, 'test/fixtures/io/hostile/facilities-hostile-property-names.geojson');

function deepGeoJson(levels: number): string {
  return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"D1","category":"kindergarten","area":120,"deep":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}},"geometry":{"type":"Point","coordinates":[104.061,30.661]}}]}`;
}

async function importFacilities(page: Page, file: string): Promise<void> {
  await page.click('[data-testid=import-button]');
  await page.waitForSelector('[data-testid=import-file-input]', { state: 'attached' });
  await page.setInputFiles('[data-testid=import-file-input]', [file]);
  await page.waitForSelector('[data-testid=import-flow]');
  await page.waitForFunction(() => {
    const next = document.querySelector('[data-testid=import-next]') as HTMLButtonElement | null;
    return !!document.querySelector('[data-testid=import-error]') || (!!next && !next.disabled);
  }, null, { timeout: 60_000 });
  expect(await page.$('[data-testid=import-error]')).toBeNull();
  await page.click('[data-testid=import-kind-facilities]');
  await page.click('[data-testid=import-next]');
  await page.click('[data-testid=import-next]');
  await page.click('[data-testid=import-next]');
  await page.waitForSelector('[data-testid=import-result]', { timeout: 60_000 });
  await page.click('[data-testid=import-confirm]');
  await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached', timeout: 30_000 });
}

describe.skipIf(!chromiumAvailable)('hostile input and network hardening in Chromium', () => {
  let app: App;
  let page: Page;
  let origin: string;
  const requests: string[] = [];
  const errors: string[] = [];
  let cspHeader: string | undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'hostile-browser-'));

  beforeAll(async () => {
    // A fresh build: the policy is written into index.html at build time.
    app = await startApp({ outDir: join(ROOT, 'test/.out/hostile-dist') });
    origin = new URL(app.url).origin;
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      (window as unknown as LcWindow).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as LcWindow).__csp.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective }));
    });
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    const response = await page.goto(app.url);
    cspHeader = response?.headers()['content-security-policy'];
    await waitReady(page, 120_000);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('declares the policy: own origin, the basemap hosts for tiles, nothing else', async () => {
    const meta = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content') ?? '');
    for (const policy of [meta, cspHeader ?? '']) {
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toMatch(/connect-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org https:\/\/t0\.tianditu\.gov\.cn(;|$)/);
      expect(policy).not.toMatch(/unpkg|jsdelivr|\*/);
    }
  });

  it('imports properties named constructor, toString, hasOwnProperty, __proto__ and valueOf', async () => {
    await importFacilities(page, HOSTILE_NAMES);
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts?.facilities === 3, null, { timeout: 30_000 });
    expect(errors).toEqual([]);
  }, 180_000);

  it('imports a property nested 100,000 levels deep', async () => {
    const deep = join(tmp, 'deep-nesting.geojson');
    writeFileSync(deep, deepGeoJson(100_000));
    await importFacilities(page, deep);
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts?.facilities === 1, null, { timeout: 30_000 });
    expect(errors).toEqual([]);
  }, 180_000);

  it('loading and importing stayed on the app origin and violated nothing', async () => {
    const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as LcWindow).__csp)).toEqual([]);
  });

  it('the loader CDN in the bundle is refused by the policy', async () => {
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://unpkg.com/@loaders.gl/core/dist/null-worker.js');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
    await page.waitForFunction(() => (window as unknown as LcWindow).__csp.some((v) => v.blockedURI.includes('unpkg.com')), null, { timeout: 10_000 });
    expect(requests.some((u) => u.includes('unpkg.com'))).toBe(false);
  });

  it('an online basemap host is contacted only after the user picks it', async () => {
    expect(requests.some((u) => u.includes('tile.openstreetmap.org'))).toBe(false);
    await page.click('button:has-text("⚙")');
    await page.locator('input[name=basemap]').nth(1).check();
    await expect.poll(() => requests.some((u) => u.startsWith('https://tile.openstreetmap.org/')), { timeout: 30_000 }).toBe(true);
    // Allowed by the policy (the request fails here only because this machine is offline).
    expect(await page.evaluate(() => (window as unknown as LcWindow).__csp.filter((v) => v.blockedURI.includes('openstreetmap')))).toEqual([]);
  }, 60_000);
});
