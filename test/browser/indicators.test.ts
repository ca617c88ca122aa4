// The city-wide indicators panel in headless Chromium: shown before any community is picked, each
// figure naming its document and sentence; the share of communities with a service facility and with elderly
// care recomputed here from the files (explicit community field, else point in polygon) and
// compared with the panel; the street breakdown, a street filtering the table; hidden while a
// community is selected.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { booleanPointInPolygon } from '@turf/turf';
import { chromiumAvailable, openApp, ROOT, startApp, type App } from './harness';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { communitiesFromGeoJSON, facilitiesFromGeoJSON } from '../../src/io/canonical';
import { sampleLayers } from '../../src/ui/data/sampleDataset';
import type { Community, Facility, FacilityCategory } from '../../src/engine/types';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'meta.json'));

async function layers(): Promise<{ communities: Community[]; facilities: Facility[] }> {
  if (!demoPresent) return sampleLayers();
  const read = async (n: string) => (await readFlatGeobuf(new Uint8Array(readFileSync(join(DEMO, n))))).collection;
  return { communities: communitiesFromGeoJSON(await read('communities.fgb')), facilities: facilitiesFromGeoJSON(await read('facilities.fgb')) };
}

/** Share of communities with at least one facility of the category (second method: turf). */
function shareWith(communities: Community[], facilities: Facility[], cat: FacilityCategory): number {
  const of = facilities.filter((f) => f.category === cat);
  const has = communities.filter((c) => of.some((f) => (f.communityId ? f.communityId === c.id : c.geometry.some((poly) => booleanPointInPolygon(f.position, { type: 'Polygon', coordinates: poly })))));
  return has.length / communities.length;
}

const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (e, n) => e.getAttribute(n), name);

describe.skipIf(!chromiumAvailable)('city-wide indicators panel in Chromium', () => {
  let app: App;
  let page: Page;
  let errors: string[];
  let data: Awaited<ReturnType<typeof layers>>;

  beforeAll(async () => {
    data = await layers();
    // A build of its own: dist/ may be older than this code, and other test files serve it.
    app = await startApp({ outDir: join(ROOT, '.tmp/dist-indicators') });
    ({ page, errors } = await openApp(app));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  it('answers "how is the city doing" before any community is picked, each figure with its source', async () => {
    await page.waitForSelector('[data-testid=city-indicators] [data-testid=indicator]', { timeout: 60_000 });
    expect(await page.$('[data-testid=detail-empty]')).not.toBeNull();
    const rows = await page.$$eval('[data-testid=indicator]', (es) => es.map((e) => ({
      id: e.getAttribute('data-id'), value: e.getAttribute('data-value'), met: e.getAttribute('data-met'),
      source: e.querySelector('[data-testid=indicator-source]')?.textContent ?? '',
      sentence: e.querySelector('[data-testid=indicator-sentence]')?.textContent ?? '',
      text: e.textContent ?? '',
    })));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const r of rows) {
      expect(r.source).toMatch(/^依据：/);
      // With a target: the document's title, never a seed code.
      if (r.met !== '') expect(r.source).toMatch(/《|行动方案|答复/);
      expect(r.source).not.toMatch(/\b00[0-4]\b/);
    }
    // national-2022 (default): 30 m² per 100 households (002) with met / not met shown.
    const per100 = rows.find((r) => r.id === 'areaPer100Households')!;
    expect(per100.text).toMatch(/目标 ≥ 30 m²\/百户/);
    expect(per100.text).toMatch(/(达到|未达到)/);
    expect(per100.source).toContain('城乡社区服务能力提升行动方案');
    // …and the sentence it answers.
    expect(per100.sentence).toBe('原文：“每百户居民拥有社区综合服务设施面积不低于30平方米”');
    for (const r of rows) if (r.met !== '') expect(r.sentence).toMatch(/^原文：“/);

    const service = Number(rows.find((r) => r.id === 'serviceFacilityCoverage')!.value);
    const elderly = Number(rows.find((r) => r.id === 'elderlyServiceCoverage')!.value);
    expect(service).toBeCloseTo(shareWith(data.communities, data.facilities, 'community_service'), 6);
    expect(elderly).toBeCloseTo(shareWith(data.communities, data.facilities, 'elderly_care'), 6);
    expect(errors).toEqual([]);
  });

  it('breaks one indicator down by street; a street lists its communities in the table', async () => {
    const streets = [...new Set(data.communities.map((c) => c.street).filter(Boolean))] as string[];
    expect(streets.length).toBeGreaterThan(1);
    await page.click('[data-testid=indicator][data-id=elderlyServiceCoverage] [data-testid=indicator-by-street]');
    await page.waitForSelector('[data-testid=street-breakdown][data-indicator=elderlyServiceCoverage]');
    const shown = await page.$$eval('[data-testid=street-row]', (es) => es.map((e) => ({ street: e.getAttribute('data-street')!, value: Number(e.getAttribute('data-value')) })));
    expect(shown.map((s) => s.street).sort()).toEqual([...streets].sort());
    // Each street's share, recomputed here.
    for (const s of shown) {
      const mine = data.communities.filter((c) => c.street === s.street);
      expect(s.value).toBeCloseTo(shareWith(mine, data.facilities, 'elderly_care'), 6);
    }
    const pick = shown[0].street;
    const expectedRows = data.communities.filter((c) => c.street === pick).length;
    await page.click(`[data-testid=street-row][data-street="${pick}"] button`);
    await page.waitForFunction((n) => document.querySelector('[data-testid=row-count]')?.getAttribute('data-shown') === String(n), expectedRows, { timeout: 15_000 });
    expect(Number(await attr(page, '[data-testid=row-count]', 'data-shown'))).toBe(expectedRows);
    await page.click(`[data-testid=street-row][data-street="${pick}"] button`);
    await page.waitForFunction((n) => document.querySelector('[data-testid=row-count]')?.getAttribute('data-shown') === String(n), data.communities.length, { timeout: 15_000 });
  });

  it('in English: names, sources and sentences without Chinese text', async () => {
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('#city-indicators-title')).toBe('How is the whole area doing?');
    const texts = await page.$$eval('[data-testid=indicator]', (es) => es.map((e) => e.textContent ?? ''));
    for (const text of texts) expect(text).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/);
    expect(texts.join(' ')).toContain('The document says: "community service facilities of at least 30 m² per 100 resident households"');
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  });

  it('gives way to a community\'s detail, and comes back when it is closed', async () => {
    await page.click('[data-testid=community-row]');
    await page.waitForSelector('[data-testid=detail]', { timeout: 15_000 });
    expect(await page.$('[data-testid=city-indicators]')).toBeNull();
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=city-indicators]', { timeout: 15_000 });
  });
});
