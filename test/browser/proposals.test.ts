// Proposals (建议选址) in headless Chromium, with candidates from each source:
// (a) points drawn on the map (click adds, a click on one removes it, Esc ends): K = 1 picks one of
//     them, and its marginal gain equals the households newly within reach worked out in Node by
//     full audits of the demo data without and with a kindergarten there (a second method: not the
//     coverage model nor the incremental path), and it is the largest of the three drawn points';
// (b) a candidate site layer imported through the import wizard from a small fixture of vacant
//     parcels: the sites come only from that layer, at its parcels' points, and the layer survives
//     a reload, as do the drawn points of (a) and the chosen source;
// (c) walking mode: a facility added by clicking (where it brings a community up to the standard)
//     moves the failing count to what a full walking audit of the edited data in Node gives; walking proposals report their progress, can
//     be cancelled, and accepting a site of the candidate layer adds it (its gain and the failing
//     count as Node walking audits say).
// The app is built into its own temporary folder so this file never races other browser tests.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centreOn, chromiumAvailable, openApp, ROOT, startApp, waitReady, type App } from './harness';
import { datasetProjection, prepareAudit, runAudit } from '../../src/engine/audit';
import { createNetworkReach } from '../../src/engine/network/networkReach';
import { getPreset } from '../../src/engine/presets';
import type { AuditResult, CandidateSite, Dataset, Facility, Position } from '../../src/engine/types';
import type { ProjectLayers } from '../../src/planning/project';

const demoPresent = existsSync(join(ROOT, 'data/demo/roads.fgb'));
if (!chromiumAvailable) console.warn('[proposals browser tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');
else if (!demoPresent) console.warn('[proposals browser tests] skipped: data/demo is absent (run `npm run demo`).');

type LcWindow = Window & { __lifecircle: Record<string, unknown> };
const OUT = join(tmpdir(), `lifecircle-proposals-dist-${process.pid}`);
const PARCELS = join(ROOT, 'test/fixtures/suggest/vacant-parcels-demo.geojson');
const lc = <T,>(page: Page, key: string) => page.evaluate((k) => (window as unknown as LcWindow).__lifecircle[k], key) as Promise<T>;
const preset = () => getPreset('national-2022')!;
type Base = Pick<ProjectLayers, 'communities' | 'facilities' | 'green' | 'roads' | 'residential'>;

const kindergarten = (id: string, position: Position): Facility => ({ id, category: 'kindergarten', floorArea: null, position, proposed: true });

/** Full audit of the data (straight-line, or walking over its roads: a fresh graph, as the app's worker builds it). */
function fullAudit(data: Base, facilities: Facility[], mode: 'euclidean' | 'network'): AuditResult {
  const d: Dataset = { ...data, facilities };
  if (mode === 'euclidean') return runAudit(prepareAudit(d, preset(), { mode: 'euclidean' }));
  const projection = datasetProjection(d);
  return runAudit(prepareAudit(d, preset(), { mode: 'network', reach: createNetworkReach(d.roads ?? [], projection), projection }));
}

/** Households newly within 5 minutes of a kindergarten: Σ households × Δshare over all communities. */
const gainOf = (before: AuditResult, after: AuditResult) =>
  after.communities.reduce((s, r, i) => s + (r.households ?? 0) * ((r.lifeCircles['5']?.kindergarten ?? 0) - (before.communities[i].lifeCircles['5']?.kindergarten ?? 0)), 0);

interface Site { candidate: string; lon: number; lat: number; gain: number }
const shownSites = (page: Page): Promise<Site[]> => page.$$eval('[data-testid=proposals-site]', (els) => els.map((e) => ({ candidate: e.getAttribute('data-candidate') ?? '', lon: Number(e.getAttribute('data-lon')), lat: Number(e.getAttribute('data-lat')), gain: Number(e.getAttribute('data-gain')) })));
const drawnCount = (page: Page) => page.evaluate(() => Number(document.querySelector('[data-testid=proposals-drawn-count]')?.getAttribute('data-count') ?? 0));

/** Waits until the start-up load from IndexedDB is done: edits made before it could be overwritten. */
const waitLoaded = (page: Page) => page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: 120_000 });

/** Unfolds the proposals panel (a <details>) unless it is open. */
async function openPanel(page: Page): Promise<void> {
  if (!(await page.$('[data-testid=proposals][open]'))) await page.click('[data-testid=proposals] summary');
  await page.waitForSelector('[data-testid=proposals-run], [data-testid=proposals-cancel]', { timeout: 30_000 });
}

async function runProposals(page: Page, k: number): Promise<Site[]> {
  await page.selectOption('[data-testid=proposals-category]', 'kindergarten');
  await page.selectOption('[data-testid=proposals-tier]', '5');
  await page.fill('[data-testid=proposals-k]', String(k));
  await page.click('[data-testid=proposals-run]');
  await page.waitForSelector('[data-testid=proposals-result]', { timeout: 300_000 });
  return shownSites(page);
}

describe.skipIf(!chromiumAvailable || !demoPresent)('proposals with candidate sources (Chromium)', () => {
  let app: App;
  let page: Page;
  let errors: string[];
  let base: Base;
  let before: AuditResult;
  /** Communities short of a kindergarten within 5 minutes, and where to click inside them. */
  const short: { id: string; at: Position }[] = [];
  /** Three of their label points where a kindergarten gains households (full audits in Node). */
  const gaining: Position[] = [];

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
    ({ page, errors } = await openApp(app));
    await waitLoaded(page);
    base = await page.evaluate(() => {
      const l = (window as unknown as LcWindow).__lifecircle.layers as ProjectLayers;
      return { communities: l.communities, facilities: l.facilities, green: l.green, roads: l.roads, residential: l.residential };
    });
    before = fullAudit(base, base.facilities, 'euclidean');
    expect(before.summary.failing).toBe(await lc<number>(page, 'failing'));
    const ids = before.communities.filter((r) => (r.lifeCircles['5']?.kindergarten ?? 1) < 0.5).map((r) => r.id);
    for (const id of ids) {
      const at = await page.evaluate((x) => ((window as unknown as LcWindow).__lifecircle.labelPoint as (id: string) => Position | null)(x), id);
      if (at) short.push({ id, at });
    }
    expect(short.length).toBeGreaterThanOrEqual(5);
    for (const s of short) {
      if (gaining.length === 3) break;
      if (gainOf(before, fullAudit(base, [...base.facilities, kindergarten('x', s.at)], 'euclidean')) > 1) gaining.push(s.at);
    }
    expect(gaining).toHaveLength(3);
    await openPanel(page);
  }, 400_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('drawn points: no points → Run off with a message; click adds, click on one removes, Esc ends; K = 1 picks the drawn point a full audit says gains most', async () => {
    await page.click('[data-testid=proposals-source-drawn]');
    expect(await page.getAttribute('[data-testid=proposals-no-candidates]', 'data-why')).toBe('noDrawn');
    expect(await page.isDisabled('[data-testid=proposals-run]')).toBe(true);

    await page.click('[data-testid=proposals-draw]');
    await page.waitForSelector('[data-testid=candidates-draw-hint]');
    const targets = gaining;
    for (let i = 0; i < targets.length; i++) {
      const [x, y] = await centreOn(page, targets[i], 15);
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=proposals-drawn-count]')?.getAttribute('data-count') ?? 0) === n, i + 1, { timeout: 30_000 });
    }
    // A fourth point, then a click on it removes it again.
    const fourth = short.find((s) => !gaining.includes(s.at))!.at;
    const [x4, y4] = await centreOn(page, fourth, 15);
    await page.mouse.click(x4, y4);
    await page.waitForFunction(() => document.querySelector('[data-testid=proposals-drawn-count]')?.getAttribute('data-count') === '4', null, { timeout: 30_000 });
    await page.mouse.click(x4, y4);
    await page.waitForFunction(() => document.querySelector('[data-testid=proposals-drawn-count]')?.getAttribute('data-count') === '3', null, { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[data-testid=proposals-draw]')?.getAttribute('aria-pressed') === 'false', null, { timeout: 30_000 });
    expect(await page.$('[data-testid=candidates-draw-hint]')).toBeNull();
    // Drawing over: a click on the map no longer adds a point.
    await page.mouse.click(x4, y4);
    expect(await drawnCount(page)).toBe(3);
    // The legend names the drawn points' marker.
    expect(await page.textContent('[data-testid=legend]')).toContain('绘制的候选点');
    expect(await page.$('[data-testid=proposals-no-candidates]')).toBeNull();

    const sites = await runProposals(page, 1);
    expect(sites).toHaveLength(1);
    expect(['D1', 'D2', 'D3']).toContain(sites[0].candidate);
    const site = sites[0];
    const drawnAt = targets[Number(site.candidate.slice(1)) - 1];
    // The drawn point is the clicked label point (within a pixel at zoom 15: ~5 m).
    expect(Math.abs(site.lon - drawnAt[0])).toBeLessThan(1e-4);
    expect(Math.abs(site.lat - drawnAt[1])).toBeLessThan(1e-4);
    // The gain as full audits without and with a kindergarten at the site say.
    const gain = gainOf(before, fullAudit(base, [...base.facilities, kindergarten('x', [site.lon, site.lat])], 'euclidean'));
    expect(gain).toBeGreaterThan(0);
    expect(Math.abs(site.gain - gain)).toBeLessThan(1e-6 * Math.max(1, gain));
    // And no other drawn point gains more (each measured at its clicked position, within ~5 m of the drawn one).
    const others = targets.map((p) => gainOf(before, fullAudit(base, [...base.facilities, kindergarten('x', p)], 'euclidean')));
    expect(Math.max(...others)).toBeLessThanOrEqual(gain * 1.01 + 1);
    console.log(`[proposals] drawn points K=1: ${site.candidate} gains ${site.gain.toFixed(1)} households (full audits: ${gain.toFixed(1)}; the three drawn points: ${others.map((g) => g.toFixed(0)).join(', ')})`);
  }, 400_000);

  it('a candidate layer imported through the wizard: shown in the panel, the sites come only from it, and it survives a reload', async () => {
    const fixture = JSON.parse(readFileSync(PARCELS, 'utf8')) as { features: { properties: Record<string, string> }[] };
    const ids = fixture.features.map((f) => f.properties['地块编码']);
    await page.click('[data-testid=proposals-source-layer]');
    expect(await page.getAttribute('[data-testid=proposals-no-candidates]', 'data-why')).toBe('noLayer');
    expect(await page.isDisabled('[data-testid=proposals-run]')).toBe(true);

    await page.click('[data-testid=import-button]');
    await page.waitForSelector('[data-testid=import-file-input]', { state: 'attached' });
    await page.setInputFiles('[data-testid=import-file-input]', [PARCELS]);
    await page.waitForSelector('[data-testid=import-flow]');
    await page.waitForFunction(() => !(document.querySelector('[data-testid=import-next]') as HTMLButtonElement | null)?.disabled, null, { timeout: 60_000 });
    // The file is named for vacant parcels: the wizard takes it for a candidate layer.
    expect(await page.isChecked('[data-testid=import-kind-candidates]')).toBe(true);
    await page.click('[data-testid=import-next]');
    await page.click('[data-testid=import-next]');
    await page.click('[data-testid=import-next]');
    await page.waitForSelector('[data-testid=import-result]', { timeout: 60_000 });
    if (await page.$('[data-testid=import-target-layers]')) await page.click('[data-testid=import-target-layers]');
    await page.click('[data-testid=import-confirm]');
    await page.waitForSelector('[data-testid=import-dialog]', { state: 'detached', timeout: 30_000 });
    await page.waitForFunction((n) => ((window as unknown as LcWindow).__lifecircle.layers as ProjectLayers).candidates?.length === n, ids.length, { timeout: 30_000 });
    const layer = ((await lc<ProjectLayers>(page, 'layers')).candidates ?? []) as CandidateSite[];
    expect(layer.map((c) => c.id)).toEqual(ids);
    // The other layers are kept.
    expect((await lc<ProjectLayers>(page, 'layers')).facilities).toHaveLength(base.facilities.length);
    await page.waitForSelector('[data-testid=proposals-layer-count]', { timeout: 60_000 });
    expect(Number(await page.getAttribute('[data-testid=proposals-layer-count]', 'data-count'))).toBe(ids.length);
    expect(await page.textContent('[data-testid=legend]')).toContain('候选选址（图层）');
    await waitReady(page, 120_000);

    const sites = await runProposals(page, 2);
    expect(sites).toHaveLength(2);
    for (const s of sites) {
      expect(ids).toContain(s.candidate);
      const c = layer.find((x) => x.id === s.candidate)!;
      expect([s.lon, s.lat]).toEqual(c.position);
    }
    expect(sites[0].gain).toBeGreaterThanOrEqual(sites[1].gain);
    // Gains add up: the first site's is what a full audit with it alone says.
    const gain1 = gainOf(before, fullAudit(base, [...base.facilities, kindergarten('x', [sites[0].lon, sites[0].lat])], 'euclidean'));
    expect(Math.abs(sites[0].gain - gain1)).toBeLessThan(1e-6 * Math.max(1, gain1));

    // Saved with the project: after a reload the layer is back.
    await page.waitForFunction((n) => new Promise<boolean>((resolve) => {
      const req = indexedDB.open('lifecircle', 1);
      req.onsuccess = () => {
        const g = req.result.transaction('kv', 'readonly').objectStore('kv').get('layers');
        g.onsuccess = () => { resolve((g.result as { candidates?: unknown[] } | undefined)?.candidates?.length === n); req.result.close(); };
        g.onerror = () => resolve(false);
      };
      req.onerror = () => resolve(false);
    }), ids.length, { timeout: 60_000, polling: 250 });
    await page.reload();
    await waitReady(page, 120_000);
    await waitLoaded(page);
    await page.waitForFunction((n) => ((window as unknown as LcWindow).__lifecircle.layers as ProjectLayers | undefined)?.candidates?.length === n, ids.length, { timeout: 60_000 });
    console.log(`[proposals] candidate layer (${ids.length} parcels) K=2: ${sites.map((s) => `${s.candidate} +${s.gain.toFixed(0)}`).join(', ')}`);
  }, 400_000);

  it('walking mode: an added facility gives the failing count of a Node walking audit; proposals show progress, cancel, and accepting adds the site', async () => {
    // After the reload the panel is folded; the chosen source (the layer) and the three drawn points are back.
    await openPanel(page);
    expect(await page.getAttribute('[data-testid=proposals-source]', 'data-source')).toBe('layer');
    await page.click('[data-testid=proposals-source-drawn]');
    await page.waitForSelector('[data-testid=proposals-drawn-count]', { timeout: 30_000 });
    expect(await drawnCount(page)).toBe(3);
    await page.click('[data-testid=mode-toggle]');
    await page.waitForFunction(() => document.querySelector('[data-testid=mode-badge]')?.getAttribute('data-mode') === 'network');
    const walkBefore = fullAudit(base, base.facilities, 'network');
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.ready === true && (window as unknown as LcWindow).__lifecircle.failing === n, walkBefore.summary.failing, { timeout: 300_000 });

    // A what-if edit in walking mode: a facility added by clicking in a community whose only
    // shortfall (walking) is one category's life circle, at a spot where a Node walking audit says
    // it brings the community up to the standard, so that the failing count moves.
    const singles = walkBefore.communities.filter((r) => r.failures.length === 1 && r.failures[0].rule === 'lifeCircle' && r.failures[0].category);
    let pick: { at: Position; category: string; failing: number } | null = null;
    for (const r of singles.slice(0, 6)) {
      const p = await page.evaluate((x) => ((window as unknown as LcWindow).__lifecircle.labelPoint as (id: string) => Position | null)(x), r.id);
      if (!p) continue;
      const category = r.failures[0].category!;
      const failing = fullAudit(base, [...base.facilities, { id: 'x', category, floorArea: 1200, position: p, proposed: true }], 'network').summary.failing;
      if (failing < walkBefore.summary.failing) { pick = { at: p, category, failing }; break; }
    }
    expect(pick).not.toBeNull();
    const at = pick!.at;
    await page.click('[data-testid=whatif-add]');
    const [x, y] = await centreOn(page, at, 15);
    await page.mouse.click(x, y);
    await page.waitForSelector('[data-testid=whatif-add-form]', { timeout: 30_000 });
    await page.selectOption('[data-testid=whatif-category]', pick!.category);
    await page.fill('[data-testid=whatif-area]', '1200');
    await page.click('[data-testid=whatif-add-apply]');
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.scenario as { edits: unknown[] }).edits.length === 1, null, { timeout: 30_000 });
    const added = (await lc<{ facilities: Facility[] }>(page, 'scenario')).facilities.filter((f) => f.proposed);
    expect(added).toHaveLength(1);
    const walkAfter = fullAudit(base, [...base.facilities, added[0]], 'network');
    // The clicked spot (within ~5 m of the label point) brings the community up as well: the count moves.
    expect(walkAfter.summary.failing).toBeLessThan(walkBefore.summary.failing);
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, walkAfter.summary.failing, { timeout: 300_000 });
    console.log(`[proposals] walking what-if: failing ${walkBefore.summary.failing} → ${walkAfter.summary.failing} (Node walking audit)`);

    // Walking proposals over the grid: progress past the first phase, then cancel.
    await page.click('[data-testid=proposals-source-grid]');
    await page.selectOption('[data-testid=proposals-category]', 'kindergarten');
    await page.selectOption('[data-testid=proposals-tier]', '5');
    await page.fill('[data-testid=proposals-k]', '1');
    await page.click('[data-testid=proposals-run]');
    await page.waitForFunction(() => {
      const p = document.querySelector('[data-testid=proposals-progress]');
      return !!p && (p.getAttribute('data-phase') !== 'demand' || Number(p.getAttribute('data-done')) > 0);
    }, null, { timeout: 300_000, polling: 100 });
    await page.click('[data-testid=proposals-cancel]');
    await page.waitForSelector('[data-testid=proposals-run]', { timeout: 30_000 });
    expect(await page.$('[data-testid=proposals-progress]')).toBeNull();
    expect(await page.$('[data-testid=proposals-result]')).toBeNull();

    // Walking proposals over the candidate layer (kept in the project across the reload), then accept.
    await page.click('[data-testid=proposals-source-layer]');
    await page.click('[data-testid=proposals-run]');
    await page.waitForSelector('[data-testid=proposals-progress]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=proposals-result]', { timeout: 300_000 });
    const sites = await shownSites(page);
    expect(sites).toHaveLength(1);
    expect(['V1', 'V2', 'V3', 'V4']).toContain(sites[0].candidate);
    await page.click('[data-testid=proposals-accept]');
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.scenario as { edits: unknown[] }).edits.length === 2, null, { timeout: 30_000 });
    const facilities = (await lc<{ facilities: Facility[] }>(page, 'scenario')).facilities;
    const accepted = facilities.filter((f) => f.proposed)[1];
    expect(accepted).toMatchObject({ id: `proposed-${sites[0].candidate}`, category: 'kindergarten', position: [sites[0].lon, sites[0].lat] });
    const walkAccepted = fullAudit(base, facilities, 'network');
    // The walking gain as full walking audits say.
    const gain = gainOf(walkAfter, walkAccepted);
    expect(Math.abs(sites[0].gain - gain)).toBeLessThan(1e-6 * Math.max(1, gain) + 1e-6);
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, walkAccepted.summary.failing, { timeout: 300_000 });
    console.log(`[proposals] walking K=1 over the candidate layer: ${sites[0].candidate} +${sites[0].gain.toFixed(1)} households (Node walking audits: ${gain.toFixed(1)}); failing ${walkAfter.summary.failing} → ${walkAccepted.summary.failing}`);
    expect(errors).toEqual([]);
  }, 900_000);
});
