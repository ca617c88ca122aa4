// The app's saved project as the persistence tests drive it in Chromium: tabs opened once the
// stored project has been read, the save status's revision, the preset editor's fields, layer
// replacements as the import dialog applies them, the current scenario's edits, and an older
// version's IndexedDB store written before the app first opens.
import type { BrowserContext, Page } from 'playwright-core';
import { waitReady } from './harness';

/** Time allowed for each wait (a cold load of the demo district under a loaded machine). */
export const T = 90_000;
export const PER100 = 'rules.areaPer100Households.threshold';

export type LcWindow = Window & { __lifecircle: { layers: { communities: unknown[]; green: unknown[] }; layerCounts: Record<string, number>; replaceLayers: (l: Record<string, unknown>) => void; scenario?: { edits: { type: string }[]; facilities: { id: string; position: [number, number] }[] }; map: { getCanvas: () => HTMLCanvasElement } } };

/** Waits until the app is ready and has read the stored project: edits from then on are this tab's to save. */
export async function waitLoaded(page: Page): Promise<void> {
  await waitReady(page, T);
  await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
}

export async function newTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitLoaded(page);
  return page;
}

export const revision = async (page: Page) => Number(await page.getAttribute('[data-testid=save-status]', 'data-revision'));
export const waitRevision = (page: Page, atLeast: number) =>
  page.waitForFunction((n) => Number(document.querySelector('[data-testid=save-status]')?.getAttribute('data-revision')) >= n, atLeast, { timeout: T });
export const greenCount = (page: Page) => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.layerCounts.green);
export const communityCount = (page: Page) => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.layerCounts.communities);

/** The first of `pages` on which `selector` appears (polled: the others may never show it). */
export async function firstWith(pages: Page[], selector: string): Promise<Page> {
  const end = Date.now() + T;
  while (Date.now() < end) {
    for (const p of pages) if (await p.$(selector)) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${selector} did not appear on any page within ${T / 1000} s`);
}

/** The editor's value of a preset field (the editor is opened when closed). */
export async function presetValue(page: Page, path: string): Promise<number> {
  if (!(await page.$(`input[data-path="${path}"]`))) await page.click('[data-testid=preset-edit]');
  return Number(await page.inputValue(`input[data-path="${path}"]`));
}

export async function editPreset(page: Page, path: string, value: number): Promise<void> {
  if (!(await page.$(`input[data-path="${path}"]`))) await page.click('[data-testid=preset-edit]');
  await page.fill(`input[data-path="${path}"]`, String(value));
}

/** Keeps the first `n` communities: an import of another community layer, as the import dialog applies it. */
export const keepCommunities = (page: Page, n: number) =>
  page.evaluate((k) => { const lc = (window as unknown as LcWindow).__lifecircle; lc.replaceLayers({ communities: lc.layers.communities.slice(0, k) }); }, n);
export const keepGreen = (page: Page, n: number) =>
  page.evaluate((k) => { const lc = (window as unknown as LcWindow).__lifecircle; lc.replaceLayers({ green: lc.layers.green.slice(0, k) }); }, n);

/** The current scenario's edits as the map shows them (types), once there are `n`. */
export async function waitEdits(page: Page, n: number): Promise<string[]> {
  await page.waitForFunction((k) => (window as unknown as LcWindow).__lifecircle.scenario?.edits.length === k, n, { timeout: T });
  return page.evaluate(() => (window as unknown as LcWindow).__lifecircle.scenario!.edits.map((e) => e.type));
}

/** The scenarios the selector offers (names) and the current one's name. */
export const scenarioNames = (page: Page) => page.$eval('[data-testid=scenario-select]', (el) => {
  const s = el as HTMLSelectElement;
  return { names: [...s.options].map((o) => o.textContent ?? ''), current: s.selectedOptions[0]?.textContent ?? '' };
});

/** A proposed facility added by clicking the middle of the map (the what-if form's defaults, floor area 1200). */
export async function addFacilityAtCentre(page: Page): Promise<void> {
  await page.click('[data-testid=whatif-add]');
  const box = await page.evaluate(() => { const r = (window as unknown as LcWindow).__lifecircle.map.getCanvas().getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  await page.mouse.click(box.x, box.y);
  await page.waitForSelector('[data-testid=whatif-add-form]', { timeout: T });
  await page.fill('[data-testid=whatif-area]', '1200');
  await page.click('[data-testid=whatif-add-apply]');
}

/**
 * A tab whose origin holds what an older version stored (IndexedDB `lifecircle`, version 1, store
 * `kv`, created as the app creates it), written before the app ever opens there: the first load
 * is the update's. The store is written from a plain file of the same origin (the favicon), so
 * no app instance holds the database open or saves over it meanwhile.
 */
export async function tabOverOlderStore(context: BrowserContext, url: string, entries: Record<string, unknown>): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL('favicon.svg', url).href);
  await page.evaluate((kv) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('lifecircle', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onsuccess = () => {
      const tx = req.result.transaction('kv', 'readwrite');
      for (const [key, value] of Object.entries(kv)) tx.objectStore('kv').put(value, key);
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }), entries);
  await page.goto(url);
  await waitLoaded(page);
  return page;
}
