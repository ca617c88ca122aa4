// Walking-network features in headless Chromium (ui/network): the mode badge and its quick
// toggle, side-by-side straight-line / walking figures in the detail panel (walking never above
// straight line: a walk is never shorter, an independent property), a selected facility's band
// layers drawn and pickable, moving a facility with its re-audit and undo, and the timings the
// report quotes (graph build, one facility's three bands). The app is built into its own
// temporary folder so this file never races other browser tests over dist/.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openApp, ROOT, startApp, type App, centreOn as centreOnMap } from './harness';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { facilitiesFromGeoJSON } from '../../src/io/canonical';
import type { Facility } from '../../src/engine/types';

const DEMO = join(ROOT, 'data/demo');
const demoPresent = existsSync(join(DEMO, 'roads.fgb'));
if (!chromiumAvailable) console.warn('[network browser tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');
else if (!demoPresent) console.warn('[network browser tests] skipped: data/demo/roads.fgb is absent (run `npm run demo`): walking mode needs the demo roads.');

type LcWindow = Window & { __lifecircle: Record<string, unknown> };
const OUT = join(tmpdir(), `lifecircle-network-dist-${process.pid}`);

/** The harness's centreOn, then a short settle for picking (kept from before the shared helper). */
async function centreOn(page: Page, p: [number, number], zoom: number): Promise<[number, number]> {
  const xy = await centreOnMap(page, p, zoom);
  await page.waitForTimeout(300);
  return xy;
}

async function pickCount(page: Page, layerIds: string[]): Promise<number> {
  return page.evaluate((ids) => {
    const lc = (window as unknown as LcWindow).__lifecircle;
    const overlay = lc.overlay as { pickObjects: (o: object) => unknown[] };
    const canvas = (lc.map as { getCanvas: () => HTMLCanvasElement }).getCanvas();
    return overlay.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight, layerIds: ids }).length;
  }, layerIds);
}

interface Row { key: string; euclidean: number; network: number | null }
const compareRowsOnPage = (page: Page): Promise<Row[]> =>
  page.$$eval('[data-testid=compare-row]', (rs) => rs.map((r) => ({
    key: r.getAttribute('data-key') ?? '',
    euclidean: Number(r.getAttribute('data-euclidean')),
    network: r.getAttribute('data-network') === '' ? null : Number(r.getAttribute('data-network')),
  })));

describe.skipIf(!chromiumAvailable || !demoPresent)('walking network in the app (Chromium)', () => {
  let app: App;
  let page: Page;
  let errors: string[];
  let facilities: Facility[];

  beforeAll(async () => {
    facilities = facilitiesFromGeoJSON((await readFlatGeobuf(new Uint8Array(readFileSync(join(DEMO, 'facilities.fgb'))))).collection);
    app = await startApp({ outDir: OUT });
    ({ page, errors } = await openApp(app));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('shows the distance mode on the main screen and switches it with one click', async () => {
    const badge = '[data-testid=mode-badge]';
    expect(await page.getAttribute(badge, 'data-mode')).toBe('euclidean');
    expect(await page.textContent(badge)).toContain('直线距离');
    await page.click('[data-testid=mode-toggle]');
    await page.waitForFunction(() => document.querySelector('[data-testid=mode-badge]')?.getAttribute('data-mode') === 'network');
    expect(await page.textContent(badge)).toContain('步行网络');
    expect(await page.textContent('[data-testid=mode-toggle]')).toContain('直线');
  });

  it('the detail panel shows straight-line and walking figures side by side, walking never higher', async () => {
    const id = (await page.getAttribute('[data-testid=community-row]', 'data-id'))!;
    await page.click(`[data-testid=community-row][data-id="${id}"]`);
    await page.waitForSelector(`[data-testid=detail][data-id="${id}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid=compare-row][data-key=green]')?.getAttribute('data-network') !== '' && !!document.querySelector('[data-testid=compare-row][data-key=green]'), null, { timeout: 120_000 });
    // The detail panel's figure headings say which distance their figures used (the audit's own mode).
    const compact = await page.$$eval('[data-testid=detail] [data-testid=mode-badge-compact]', (bs) => bs.map((b) => b.getAttribute('data-mode')));
    expect(compact).toHaveLength(2);
    for (const m of compact) expect(['euclidean', 'network']).toContain(m);
    const text = await page.textContent('[data-testid=mode-compare]');
    expect(text).toMatch(/直线 [\d.]+% · 步行 [\d.]+%/);
    const rows = await compareRowsOnPage(page);
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['green', 'park', '5:kindergarten']));
    for (const r of rows) {
      expect(r.network).not.toBeNull();
      // Walking distance is never shorter than the straight line: the walking share cannot be larger
      // (0.2 percentage points for the polygon approximations of circles and bands).
      expect(r.network!).toBeLessThanOrEqual(r.euclidean + 0.002);
    }
    await page.keyboard.press('Escape');
  }, 150_000);

  it('a selected facility gets its walking bands drawn (pickable) with the straight-line circles', async () => {
    const k = facilities.findIndex((f) => f.category === 'kindergarten');
    const xy = await centreOn(page, facilities[k].position, 15);
    await page.mouse.click(xy[0], xy[1]);
    // Facilities may share a spot (a kindergarten in a community centre): whichever is on top is selected.
    await page.waitForSelector('[data-testid=facility-network]', { timeout: 20_000 });
    const id = await page.getAttribute('[data-testid=facility-network]', 'data-facility');
    const f = facilities.find((x) => x.id === id)!;
    expect(Math.hypot(f.position[0] - facilities[k].position[0], f.position[1] - facilities[k].position[1])).toBeLessThan(2e-4);
    await page.waitForSelector('[data-testid=band-legend] li', { timeout: 60_000 });
    expect(await page.$$eval('[data-testid=band-legend] li', (ls) => ls.map((l) => l.getAttribute('data-tier')))).toEqual(['5', '10', '15']);
    await page.waitForTimeout(800);
    // Zoomed out enough to see the 15-minute band: all three areas can be picked on screen.
    await centreOn(page, facilities[k].position, 14);
    for (const tier of ['5', '10', '15']) expect(await pickCount(page, [`network-band-area-${tier}`])).toBeGreaterThan(0);
    expect(await pickCount(page, ['network-facility-handle'])).toBe(1);
    expect(errors).toEqual([]);
  }, 120_000);

  it('measures the graph build and one facility’s three bands', async () => {
    const info = await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.network as { graph: { buildMs: number; nodes: number; edges: number } | null });
    expect(info.graph).not.toBeNull();
    const ks = facilities.map((f, i) => (f.category === 'kindergarten' ? i : -1)).filter((i) => i >= 0).slice(0, 20);
    const runs = await page.evaluate(async (ids) => ((window as unknown as LcWindow).__lifecircle.measureBands as (i: number[]) => Promise<{ ms: number; roundTripMs: number }[]>)(ids), ks);
    expect(runs).toHaveLength(ks.length);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ms = runs.map((r) => r.ms);
    console.log(`[network timings, Chromium] graph build ${info.graph!.buildMs.toFixed(1)} ms (${info.graph!.nodes} nodes, ${info.graph!.edges} edges); ` +
      `three bands per facility over ${ks.length} kindergartens: median ${med(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms, ` +
      `round trip median ${med(runs.map((r) => r.roundTripMs)).toFixed(1)} ms`);
    expect(ms.every((m) => m > 0)).toBe(true);
  });

  it('moving the facility updates its bands and re-audits the communities it reaches; undo restores it', async () => {
    type Sel = { id: string; position: [number, number] } | null;
    const selected = () => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.networkSelected as Sel);
    const before = (await selected())!;
    const legendBefore = await page.textContent('[data-testid=band-legend]');
    await page.click('[data-testid=move-start]');
    await page.waitForSelector('[data-testid=move-hint]');
    // 120 px to the east of the facility at zoom 14 (≈ 1 km at this latitude).
    const xy = await centreOn(page, before.position, 14);
    await page.mouse.click(xy[0] + 120, xy[1]);
    await page.waitForSelector('[data-testid=move-result]', { timeout: 120_000 });
    const after = (await selected())!;
    expect(after.id).toBe(before.id);
    expect(after.position[0]).toBeGreaterThan(before.position[0] + 0.005);
    expect(Math.abs(after.position[1] - before.position[1])).toBeLessThan(0.001);
    expect(Number(await page.getAttribute('[data-testid=move-result]', 'data-affected'))).toBeGreaterThan(0);
    const timing = await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.network as { moves: { ms: number; roundTripMs: number; affected: number }[]; bandsMs: number[] });
    const m = timing.moves[timing.moves.length - 1];
    console.log(`[network timings, Chromium] move (walking mode): ${m.affected} communities re-audited in ${m.ms.toFixed(0)} ms (round trip ${m.roundTripMs.toFixed(0)} ms); bands at the new spot ${timing.bandsMs[timing.bandsMs.length - 1].toFixed(1)} ms`);
    await page.waitForFunction((l) => document.querySelector('[data-testid=band-legend]')?.textContent !== l, legendBefore, { timeout: 30_000 }).catch(() => undefined);
    expect(await pickCount(page, ['network-band-area-5'])).toBeGreaterThan(0);
    // The table still lists every community (patched, not reset).
    expect(Number(await page.getAttribute('[data-testid=row-count]', 'data-total'))).toBeGreaterThan(0);

    await page.click('[data-testid=move-undo]');
    await page.waitForFunction((x) => {
      const s = (window as unknown as LcWindow).__lifecircle.networkSelected as Sel;
      return !!s && Math.abs(s.position[0] - x) < 1e-9;
    }, before.position[0], { timeout: 120_000 });
    const restored = (await selected())!;
    expect(restored.position).toEqual(before.position);
    expect(await page.isDisabled('[data-testid=move-undo]')).toBe(true);
    expect(errors).toEqual([]);
  }, 300_000);

  it('dragging the selected facility moves it too', async () => {
    type Sel = { id: string; position: [number, number] } | null;
    const selected = () => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.networkSelected as Sel);
    const moves = () => page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.network as { moves: unknown[] }).moves.length);
    const before = (await selected())!;
    const n = await moves();
    const xy = await centreOn(page, before.position, 15);
    await page.mouse.move(xy[0], xy[1]);
    await page.mouse.down();
    await page.mouse.move(xy[0] + 30, xy[1] + 40, { steps: 6 });
    await page.mouse.move(xy[0] + 60, xy[1] + 80, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction((k) => ((window as unknown as LcWindow).__lifecircle.network as { moves: unknown[] }).moves.length > k, n, { timeout: 120_000 });
    // The project (and so the selection hook) follows the worker's answer on the next render.
    await page.waitForFunction((x) => ((window as unknown as LcWindow).__lifecircle.networkSelected as Sel)?.position[0] !== x, before.position[0], { timeout: 30_000 });
    const after = (await selected())!;
    // Dragged east and south (screen y grows southwards); the map itself did not pan.
    expect(after.position[0]).toBeGreaterThan(before.position[0]);
    expect(after.position[1]).toBeLessThan(before.position[1]);
    const centre = await page.evaluate(() => ((window as unknown as LcWindow).__lifecircle.map as { getCenter: () => { lng: number; lat: number } }).getCenter());
    expect(centre.lng).toBeCloseTo(before.position[0], 6);
    await page.click('[data-testid=move-undo]');
    await page.waitForFunction((x) => ((window as unknown as LcWindow).__lifecircle.networkSelected as Sel)?.position[0] === x, before.position[0], { timeout: 120_000 });
  }, 300_000);

  it('all facilities of the category: bands from every one of them', async () => {
    await page.check('[data-testid=bands-all]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=band-legend]')?.getAttribute('data-sources')) > 1, null, { timeout: 180_000 });
    const id = await page.getAttribute('[data-testid=facility-network]', 'data-facility');
    const category = facilities.find((f) => f.id === id)!.category;
    expect(Number(await page.getAttribute('[data-testid=band-legend]', 'data-sources'))).toBe(facilities.filter((f) => f.category === category).length);
    await page.waitForTimeout(800);
    expect(await pickCount(page, ['network-band-area-15'])).toBeGreaterThan(0);
    // No straight-line circles for a whole category.
    expect(await pickCount(page, ['network-straight-circles'])).toBe(0);
    await page.uncheck('[data-testid=bands-all]');
    expect(errors).toEqual([]);
  }, 200_000);
});
