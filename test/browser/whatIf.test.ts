// What-if on the map in headless Chromium: a proposed facility added by clicking the map (category
// and floor area in the form) re-audits the communities it reaches; the app's figures equal a
// full audit of the edited data computed here in Node (a second method: prepareAudit + runAudit
// of the whole dataset, not the incremental path); undo restores the figures, redo brings the
// edit back, and the edit survives a reload. The app is built into its own temporary folder so
// this file never races other browser tests over dist/.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centreOn, chromiumAvailable, openApp, ROOT, startApp, waitReady, type App } from './harness';
import { prepareAudit, runAudit } from '../../src/engine/audit';
import { getPreset } from '../../src/engine/presets';
import type { AuditResult, Facility } from '../../src/engine/types';
import type { ProjectLayers } from '../../src/planning/project';

const demoPresent = existsSync(join(ROOT, 'data/demo/communities.fgb'));
if (!chromiumAvailable) console.warn('[what-if browser tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');
else if (!demoPresent) console.warn('[what-if browser tests] skipped: data/demo is absent (run `npm run demo`).');

type LcWindow = Window & { __lifecircle: Record<string, unknown> };
const OUT = join(tmpdir(), `lifecircle-whatif-dist-${process.pid}`);
const lc = <T,>(page: Page, key: string) => page.evaluate((k) => (window as unknown as LcWindow).__lifecircle[k], key) as Promise<T>;

describe.skipIf(!chromiumAvailable || !demoPresent)('what-if on the map (Chromium)', () => {
  let app: App;
  let page: Page;
  let errors: string[];
  let base: Pick<ProjectLayers, 'communities' | 'facilities' | 'green' | 'residential'>;
  let failingBefore: number;
  /** Worked out in Node by full audits: the edited data's failing count, status changes and 5-minute kindergarten gain. */
  const expected = { failing: 0, flipped: [] as string[], gain: 0 };

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
    ({ page, errors } = await openApp(app));
    base = await page.evaluate(() => {
      const l = (window as unknown as LcWindow).__lifecircle.layers as ProjectLayers;
      return { communities: l.communities, facilities: l.facilities, green: l.green, residential: l.residential };
    });
    failingBefore = await lc<number>(page, 'failing');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('a kindergarten added by clicking changes exactly what a full audit of the edited data says', async () => {
    expect(await lc<string>(page, 'presetId')).toBe('national-2022');
    const preset = getPreset('national-2022')!;
    // The full audit of the base data, to find a community short of kindergartens within 5 minutes.
    const full = (facilities: Facility[]): AuditResult => runAudit(prepareAudit({ ...base, facilities }, preset, { mode: 'euclidean' }));
    const before = full(base.facilities);
    expect(before.summary.failing).toBe(failingBefore);
    const target = before.communities.findIndex((r) => (r.lifeCircles['5']?.kindergarten ?? 1) < 0.5);
    expect(target).toBeGreaterThanOrEqual(0);
    const at = await page.evaluate((id) => ((window as unknown as LcWindow).__lifecircle.labelPoint as (id: string) => [number, number] | null)(id), base.communities[target].id);
    expect(at).not.toBeNull();

    await page.click('[data-testid=whatif-add]');
    const [x, y] = await centreOn(page, at!, 15);
    await page.mouse.click(x, y);
    await page.waitForSelector('[data-testid=whatif-add-form]', { timeout: 30_000 });
    await page.selectOption('[data-testid=whatif-category]', 'kindergarten');
    await page.fill('[data-testid=whatif-area]', '1200');
    await page.click('[data-testid=whatif-add-apply]');
    await page.waitForSelector('[data-testid=whatif-changes]', { timeout: 60_000 });

    const added = (await lc<{ edits: unknown[]; facilities: Facility[] }>(page, 'scenario')).facilities.filter((f) => f.proposed);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ id: 'proposed-1', category: 'kindergarten', floorArea: 1200, proposed: true });
    // The clicked position is the label point (within a pixel at zoom 15: ~5 m).
    expect(Math.abs(added[0].position[0] - at![0])).toBeLessThan(1e-4);
    expect(Math.abs(added[0].position[1] - at![1])).toBeLessThan(1e-4);

    const after = full([...base.facilities, added[0]]);
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, after.summary.failing, { timeout: 30_000 });
    // The change list: the communities whose status changed, as the full audits say.
    const flipped = after.communities.map((r, i) => (r.status !== before.communities[i].status ? r.id : null)).filter((id): id is string => id !== null).sort();
    const listed = await page.$$eval('[data-testid=whatif-change]', (els) => els.filter((e) => { const [a, b] = (e.getAttribute('data-status') ?? '').split('>'); return a !== b; }).map((e) => e.getAttribute('data-community') ?? '').sort());
    expect(listed).toEqual(flipped);
    // Households newly within 5 minutes of a kindergarten: Σ households × Δshare over all communities.
    const gain = after.communities.reduce((s, r, i) => s + (r.households ?? 0) * ((r.lifeCircles['5']?.kindergarten ?? 0) - (before.communities[i].lifeCircles['5']?.kindergarten ?? 0)), 0);
    expect(gain).toBeGreaterThan(0);
    const shown = Number(await page.getAttribute('[data-testid=whatif-households][data-tier="5"][data-category=kindergarten]', 'data-households'));
    expect(shown).toBeCloseTo(gain, 3);
    Object.assign(expected, { failing: after.summary.failing, flipped, gain });
    // Incremental: only the communities within reach were re-audited; its timings for the report.
    const el = await page.$('[data-testid=whatif-changes]');
    const affected = Number(await el!.getAttribute('data-affected'));
    expect(affected).toBeGreaterThan(0);
    expect(affected).toBeLessThan(base.communities.length);
    console.log(`[what-if] add a kindergarten: ${affected} of ${base.communities.length} communities re-audited, worker ${Number(await el!.getAttribute('data-ms')).toFixed(1)} ms, round trip ${Number(await el!.getAttribute('data-round-trip-ms')).toFixed(1)} ms; failing ${before.summary.failing} → ${after.summary.failing}`);
  }, 180_000);

  it('undo restores the figures and the facilities; Ctrl+Shift+Z redoes', async () => {
    const failingAfter = await lc<number>(page, 'failing');
    await page.click('[data-testid=whatif-undo]');
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, failingBefore, { timeout: 30_000 });
    const s = await lc<{ edits: unknown[]; facilities: Facility[] }>(page, 'scenario');
    expect(s.edits).toHaveLength(0);
    expect(s.facilities.map((f) => f.id)).toEqual(base.facilities.map((f) => f.id));
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+Shift+Z');
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.scenario as { edits: unknown[] }).edits.length === 1, null, { timeout: 30_000 });
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, failingAfter, { timeout: 30_000 });
  }, 120_000);

  it('the added facility survives a reload', async () => {
    const failingAfter = await lc<number>(page, 'failing');
    // Saving is debounced: wait until IndexedDB holds the edit.
    await page.waitForFunction(() => new Promise<boolean>((resolve) => {
      const req = indexedDB.open('lifecircle', 1);
      req.onsuccess = () => {
        const g = req.result.transaction('kv', 'readonly').objectStore('kv').get('document');
        g.onsuccess = () => { resolve((g.result as { scenarios?: { list?: { edits: unknown[] }[] } } | undefined)?.scenarios?.list?.[0]?.edits.length === 1); req.result.close(); };
        g.onerror = () => resolve(false);
      };
      req.onerror = () => resolve(false);
    }), null, { timeout: 30_000, polling: 250 });
    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.scenario as { facilities: Facility[] } | undefined)?.facilities.some((f) => f.id === 'proposed-1'), null, { timeout: 60_000 });
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, failingAfter, { timeout: 60_000 });
  }, 180_000);

  it('the comparison with the base shows the deltas of the full audits', async () => {
    await page.selectOption('[data-testid=compare-select]', '');
    await page.waitForSelector('[data-testid=compare-table]', { timeout: 60_000 });
    const table = await page.$('[data-testid=compare-table]');
    expect(Number(await table!.getAttribute('data-failing-before'))).toBe(failingBefore);
    expect(Number(await table!.getAttribute('data-failing-after'))).toBe(expected.failing);
    const flipped = await page.$$eval('[data-testid=compare-row]', (els) => els.filter((e) => { const [a, b] = (e.getAttribute('data-status') ?? '').split('>'); return a !== b; }).map((e) => e.getAttribute('data-community') ?? '').sort());
    expect(flipped).toEqual(expected.flipped);
    const shown = Number(await page.getAttribute('[data-testid=compare-households][data-tier="5"][data-category=kindergarten]', 'data-households'));
    expect(shown).toBeCloseTo(expected.gain, 3);
  }, 120_000);

  it('accepting proposals adds the sites to the scenario; the figures equal a full audit with them', async () => {
    await page.click('[data-testid=proposals] summary');
    await page.selectOption('[data-testid=proposals-category]', 'kindergarten');
    await page.selectOption('[data-testid=proposals-tier]', '5');
    await page.fill('[data-testid=proposals-k]', '2');
    await page.click('[data-testid=proposals-run]');
    await page.waitForSelector('[data-testid=proposals-result]', { timeout: 240_000 });
    const sites = await page.$$eval('[data-testid=proposals-site]', (els) => els.map((e) => ({ candidate: e.getAttribute('data-candidate') ?? '', lon: Number(e.getAttribute('data-lon')), lat: Number(e.getAttribute('data-lat')), gain: Number(e.getAttribute('data-gain')) })));
    expect(sites).toHaveLength(2);
    expect(sites[0].gain).toBeGreaterThanOrEqual(sites[1].gain);
    await page.click('[data-testid=proposals-accept]');
    await page.waitForFunction(() => ((window as unknown as LcWindow).__lifecircle.scenario as { edits: unknown[] }).edits.length === 3, null, { timeout: 30_000 });
    const facilities = (await lc<{ facilities: Facility[] }>(page, 'scenario')).facilities;
    const added = facilities.filter((f) => f.proposed);
    expect(added.map((f) => f.id)).toEqual(['proposed-1', ...sites.map((x) => `proposed-${x.candidate}`)]);
    expect(added.slice(1).map((f) => f.position)).toEqual(sites.map((x) => [x.lon, x.lat]));
    const preset = getPreset('national-2022')!;
    const full = runAudit(prepareAudit({ ...base, facilities }, preset, { mode: 'euclidean' }));
    await page.waitForFunction((n) => (window as unknown as LcWindow).__lifecircle.failing === n, full.summary.failing, { timeout: 60_000 });
    console.log(`[what-if] proposals K=2 kindergarten 5 min: gains ${sites.map((x) => x.gain.toFixed(0)).join(', ')} households; failing ${expected.failing} → ${full.summary.failing}`);
    expect(errors).toEqual([]);
  }, 300_000);
});
