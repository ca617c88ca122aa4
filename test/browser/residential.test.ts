// The coverage basis in the app (headless Chromium): the demo district opens on the residential
// basis (badge, headline in households, table column, detail panel, basis comparison), and the gap
// layer is the unreached part of the residential land, not of the whole community.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { chromiumAvailable, openApp, ROOT, startApp, type App } from './harness';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'residential.fgb'));
if (!demoPresent) console.warn('[browser residential tests] skipped: data/demo/residential.fgb is absent (run `npm run demo`).');

type LcWindow = Window & { __lifecircle: Record<string, unknown> };

describe.skipIf(!chromiumAvailable || !demoPresent)('coverage basis in the app', () => {
  let app: App;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startApp({ outDir: join(ROOT, 'node_modules/.cache/browser-residential-dist') });
    ({ page, errors } = await openApp(app));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens cold on the households basis: badge, headline in households, table column', async () => {
    await page.waitForSelector('[data-testid=mode-switch] [data-testid=basis-badge]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-testid=mode-switch] [data-testid=basis-badge]', 'data-basis')).toBe('residential-households');
    expect(await page.textContent('[data-testid=mode-switch] [data-testid=basis-badge]')).toContain('覆盖口径：户数');
    const headline = await page.textContent('[data-testid=households-without]');
    expect(headline).toMatch(/^[\d,]+ 户 5 分钟内没有幼儿园/);
    expect(Number(await page.getAttribute('[data-testid=households-without]', 'data-value'))).toBeGreaterThan(0);
    expect(await page.textContent('[data-col=householdsWithout]')).toContain('5分钟无幼儿园户数');
    expect(errors).toEqual([]);
  }, 120_000);

  it('the detail panel names the basis and compares it with the community area', async () => {
    const meta = JSON.parse(readFileSync(join(DEMO, 'meta.json'), 'utf8'));
    // The community without residential land falls back to its area and says so.
    await page.fill('#community-search', meta.design.noResidentialLand);
    await page.click(`[data-testid=community-row][data-id="${meta.design.noResidentialLand}"]`);
    await page.waitForSelector('[data-testid=detail-basis]');
    expect(await page.getAttribute('[data-testid=detail-basis]', 'data-basis')).toBe('community-area');
    expect(await page.textContent('[data-testid=detail]')).toContain('社区内没有居住用地');
    // A village: residential households, and the comparison shows both bases.
    await page.fill('#community-search', '村');
    const village = await page.$eval('[data-testid=community-row]', (r) => r.getAttribute('data-id')!);
    await page.click(`[data-testid=community-row][data-id="${village}"]`);
    await page.waitForFunction((id) => document.querySelector('[data-testid=detail]')?.getAttribute('data-id') === id, village);
    expect(await page.getAttribute('[data-testid=detail-basis]', 'data-basis')).toBe('residential-households');
    await page.click('[data-testid=toggle-compare-bases]');
    await page.waitForSelector('[data-testid=basis-compare-row]', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid=basis-compare-row]', (rs) => rs.map((r) => [Number(r.getAttribute('data-residential')), Number(r.getAttribute('data-area'))]));
    expect(rows.length).toBeGreaterThan(5);
    // A village's hamlets are not its fields: at least one share differs between the bases.
    expect(rows.some(([a, b]) => Math.abs(a - b) > 0.01)).toBe(true);
    await page.fill('#community-search', '');
  }, 120_000);

  it('draws the gap layer as the unreached part of residential land', async () => {
    await page.click('[data-testid=toggle-gaps]');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=gap-status]')?.textContent ?? ''), null, { timeout: 120_000 });
    const gaps = (await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.gaps)) as { community: number; polygon: MultiPolygon['coordinates'] }[];
    const communities = (await page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.layers as { communities: { id: string }[] }).communities.map((c) => c.id)));
    expect(gaps.length).toBeGreaterThan(0);
    // Second method: the parcels of each community, read here from the file, and turf's geodesic areas.
    const res = (await readFlatGeobuf(new Uint8Array(readFileSync(join(DEMO, 'residential.fgb'))))).collection as FeatureCollection;
    const meta = JSON.parse(readFileSync(join(DEMO, 'meta.json'), 'utf8'));
    let checked = 0;
    for (const g of gaps) {
      const id = communities[g.community];
      if (id === meta.design.noResidentialLand) continue;
      const parcels = res.features.filter((f) => f.properties?.community === id);
      expect(parcels.length, id).toBeGreaterThan(0);
      const landArea = parcels.reduce((s, f) => s + turf.area(f), 0);
      const gapArea = turf.area(turf.multiPolygon(g.polygon));
      expect(gapArea, id).toBeLessThanOrEqual(landArea * 1.001 + 1);
      // Every gap vertex lies on or inside a parcel (1 m tolerance for the clip's centimetre grid).
      for (const poly of g.polygon) for (const p of poly[0].filter((_, i) => i % 5 === 0)) {
        const inside = parcels.some((f) => turf.booleanPointInPolygon(p, f as never) || turf.pointToPolygonDistance(p, f as never, { units: 'meters' }) < 1);
        expect(inside, `${id} ${p}`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    await page.click('[data-testid=toggle-gaps]');
  }, 240_000);
});
