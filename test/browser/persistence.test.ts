// The app never loses work, in headless Chromium: an edit followed at once by a reload survives
// (the pending save is flushed on page hide), undo history survives a reload and answers
// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (not while typing), two tabs never overwrite each other's newer
// work without asking (a tab without changes of its own shows the newer work), a save that fails (quota) says so and offers the project file, and the
// project file exports and opens (a bad one changes nothing).
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, startApp, waitReady, type App } from './harness';
import { parseProjectFile } from '../../src/planning/projectDocument';
import { projectKey } from '../../src/ui/state/persist';

const OUT = join(tmpdir(), `lifecircle-persist-dist-${process.pid}`);
const FIXTURE = join(__dirname, '../fixtures/project/project-v1.lifecircle.json');
const T = 90_000;
const PER100 = 'rules.areaPer100Households.threshold';

type LcWindow = Window & { __lifecircle: { layers: { communities: unknown[]; green: unknown[] }; layerCounts: Record<string, number>; replaceLayers: (l: Record<string, unknown>) => void; scenario?: { edits: { type: string }[]; facilities: { id: string; position: [number, number] }[] }; map: { getCanvas: () => HTMLCanvasElement } } };

async function newTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitReady(page, T);
  // The stored project has been read: edits from now on are this tab's to save.
  await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
  return page;
}

const revision = async (page: Page) => Number(await page.getAttribute('[data-testid=save-status]', 'data-revision'));
const waitRevision = (page: Page, atLeast: number) =>
  page.waitForFunction((n) => Number(document.querySelector('[data-testid=save-status]')?.getAttribute('data-revision')) >= n, atLeast, { timeout: T });
const greenCount = (page: Page) => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.layerCounts.green);

/** The first of `pages` on which `selector` appears (polled: the others may never show it). */
async function firstWith(pages: Page[], selector: string): Promise<Page> {
  const end = Date.now() + T;
  while (Date.now() < end) {
    for (const p of pages) if (await p.$(selector)) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${selector} did not appear on any page within ${T / 1000} s`);
}
const communityCount = (page: Page) => page.evaluate(() => (window as unknown as LcWindow).__lifecircle.layerCounts.communities);

/** The editor's value of a preset field (the editor is opened when closed). */
async function presetValue(page: Page, path: string): Promise<number> {
  if (!(await page.$(`input[data-path="${path}"]`))) await page.click('[data-testid=preset-edit]');
  return Number(await page.inputValue(`input[data-path="${path}"]`));
}

async function editPreset(page: Page, path: string, value: number): Promise<void> {
  if (!(await page.$(`input[data-path="${path}"]`))) await page.click('[data-testid=preset-edit]');
  await page.fill(`input[data-path="${path}"]`, String(value));
}

/** Keeps the first `n` communities: an import of another community layer, as the import dialog applies it. */
const keepCommunities = (page: Page, n: number) =>
  page.evaluate((k) => { const lc = (window as unknown as LcWindow).__lifecircle; lc.replaceLayers({ communities: lc.layers.communities.slice(0, k) }); }, n);
const keepGreen = (page: Page, n: number) =>
  page.evaluate((k) => { const lc = (window as unknown as LcWindow).__lifecircle; lc.replaceLayers({ green: lc.layers.green.slice(0, k) }); }, n);


/** The current scenario's edits as the map shows them (types), once there are `n`. */
async function waitEdits(page: Page, n: number): Promise<string[]> {
  await page.waitForFunction((k) => (window as unknown as LcWindow).__lifecircle.scenario?.edits.length === k, n, { timeout: T });
  return page.evaluate(() => (window as unknown as LcWindow).__lifecircle.scenario!.edits.map((e) => e.type));
}

/** The scenarios the selector offers (names) and the current one's name. */
const scenarioNames = (page: Page) => page.$eval('[data-testid=scenario-select]', (el) => {
  const s = el as HTMLSelectElement;
  return { names: [...s.options].map((o) => o.textContent ?? ''), current: s.selectedOptions[0]?.textContent ?? '' };
});

/** A proposed facility added by clicking the middle of the map (the what-if form's defaults, floor area 1200). */
async function addFacilityAtCentre(page: Page): Promise<void> {
  await page.click('[data-testid=whatif-add]');
  const box = await page.evaluate(() => { const r = (window as unknown as LcWindow).__lifecircle.map.getCanvas().getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  await page.mouse.click(box.x, box.y);
  await page.waitForSelector('[data-testid=whatif-add-form]', { timeout: T });
  await page.fill('[data-testid=whatif-area]', '1200');
  await page.click('[data-testid=whatif-add-apply]');
}

describe.skipIf(!chromiumAvailable)('persistence in Chromium', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  // The save the pause's timer issued a moment before the reload used to die with the page (its
  // IndexedDB transaction never committed) about one run in two; the unload journal covers it.
  it('a preset edit followed at once by a reload (inside the save pause) survives', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    const before = await presetValue(page, PER100);
    await editPreset(page, PER100, before + 7);
    await page.reload(); // no wait: the 300 ms pause has not passed
    await waitReady(page, T);
    await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
    expect(await presetValue(page, PER100)).toBe(before + 7);
    await context.close();
  }, 240_000);

  it('a tab turning hidden saves at once, before the pause ends (visibilitychange)', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    const before = await presetValue(page, PER100);
    // In one task: the edit, then the tab is hidden; the pause's timer cannot have run.
    const seen = await page.evaluate(({ path, value }) => {
      const input = document.querySelector<HTMLInputElement>(`input[data-path="${path}"]`)!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(value));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      return { stamp: localStorage.getItem('lifecircle.project.stamp'), journal: localStorage.getItem('lifecircle.project.journal') };
    }, { path: PER100, value: before + 5 });
    expect(JSON.parse(seen.stamp!).revision).toBe(1);
    const journal = JSON.parse(seen.journal!);
    expect(journal.stamp.revision).toBe(1);
    expect(journal.doc.presetEdit.preset.rules.areaPer100Households.threshold).toBe(before + 5);
    await page.reload();
    await waitReady(page, T);
    await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
    expect(await presetValue(page, PER100)).toBe(before + 5);
    await context.close();
  }, 240_000);

  it('undo history survives a reload; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and redo, not while typing', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    const v0 = await presetValue(page, PER100);
    await editPreset(page, PER100, v0 + 1);
    await editPreset(page, PER100, v0 + 2);
    await waitRevision(page, 2);
    await page.reload();
    await waitReady(page, T);
    expect(await presetValue(page, PER100)).toBe(v0 + 2);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    expect(await presetValue(page, PER100)).toBe(v0 + 1);
    await page.keyboard.press('Control+z');
    expect(await presetValue(page, PER100)).toBe(v0);
    await page.keyboard.press('Control+Shift+z');
    expect(await presetValue(page, PER100)).toBe(v0 + 1);
    await page.keyboard.press('Control+y');
    expect(await presetValue(page, PER100)).toBe(v0 + 2);
    // Typing in the search box: Ctrl+Z is the field's own, the preset stays.
    await page.click('#community-search');
    await page.keyboard.type('abc');
    await page.keyboard.press('Control+z');
    expect(await presetValue(page, PER100)).toBe(v0 + 2);
    // The undo position survives a reload too.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    expect(await presetValue(page, PER100)).toBe(v0 + 1);
    await page.reload(); // at once: the pending save is flushed on page hide
    await waitReady(page, T);
    expect(await presetValue(page, PER100)).toBe(v0 + 1);
    await page.keyboard.press('Control+Shift+z');
    expect(await presetValue(page, PER100)).toBe(v0 + 2);
    await context.close();
  }, 300_000);

  it('two tabs: a tab without changes of its own shows the other\'s newer save; one with unsaved changes is asked', async () => {
    const context = await app.browser.newContext();
    const tab1 = await newTab(context, app.url);
    const tab2 = await newTab(context, app.url);
    const all = await communityCount(tab1);
    expect(all).toBeGreaterThan(40);
    await keepCommunities(tab1, 40);
    await waitRevision(tab1, 1);
    // Tab 2, still on the demo and unedited, shows tab 1's import without asking.
    await tab2.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts.communities === 40, null, { timeout: T });
    await waitRevision(tab2, 1);
    expect(await tab2.$('[data-testid=tab-conflict]')).toBeNull();
    // Tab 2's own import now builds on tab 1's, and tab 1 (no changes of its own) shows both.
    const green = await greenCount(tab2);
    await keepGreen(tab2, 3);
    await waitRevision(tab2, 2);
    await tab1.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts.green === 3, null, { timeout: T });
    expect(green).toBeGreaterThan(3);
    expect(await communityCount(tab1)).toBe(40);
    expect(await tab1.$('[data-testid=tab-conflict]')).toBeNull();
    // Both edit within the save pause: the first save wins, the other tab has unsaved changes over
    // newer work and is asked (never saved over it).
    await Promise.all([keepCommunities(tab1, 30), keepGreen(tab2, 2)]);
    const asked = await firstWith([tab1, tab2], '[data-testid=tab-conflict]');
    const other = asked === tab1 ? tab2 : tab1;
    await waitRevision(other, 3);
    expect(await revision(asked)).toBe(2);
    expect(await other.$('[data-testid=tab-conflict]')).toBeNull();
    // The asked tab keeps its own: saved over, and the other tab, unedited since, shows it.
    const mine = { communities: await communityCount(asked), green: await greenCount(asked) };
    await asked.click('[data-testid=conflict-keep]');
    await waitRevision(asked, 4);
    await waitRevision(other, 4);
    expect({ communities: await communityCount(other), green: await greenCount(other) }).toEqual(mine);
    expect(await other.$('[data-testid=tab-conflict]')).toBeNull();
    const tab3 = await newTab(context, app.url);
    expect({ communities: await communityCount(tab3), green: await greenCount(tab3) }).toEqual(mine);
    await context.close();
  }, 300_000);

  it('a save over work another writer stored unannounced (no broadcast heard) is refused and asks', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    // Another writer: the latest stamp moves on without a message on the channel.
    await page.evaluate(() => localStorage.setItem('lifecircle.project.stamp', JSON.stringify({ revision: 9, tabId: 'elsewhere', savedAt: new Date().toISOString() })));
    await keepCommunities(page, 20);
    await page.waitForSelector('[data-testid=tab-conflict]', { timeout: T });
    expect(await page.getAttribute('[data-testid=save-status]', 'data-conflict')).toBe('9');
    expect(await revision(page)).toBe(0);
    await context.close();
  }, 240_000);

  it('a save that fails (QuotaExceededError) says so and offers the project file, which holds the unsaved work', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    // IndexedDB refuses the write as a full disk does: put() throws QuotaExceededError.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      (window as unknown as { __restorePut: () => void }).__restorePut = () => { IDBObjectStore.prototype.put = put; };
      IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    await keepCommunities(page, 40);
    await page.waitForSelector('[data-testid=save-error]', { timeout: T });
    expect(await page.getAttribute('[data-testid=save-status]', 'data-error')).toBe('QuotaExceededError');
    expect(await page.textContent('[data-testid=save-error]')).toMatch(/保存失败.*存储空间不足/);
    expect(await revision(page)).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.click('[data-testid=save-error-export]')]);
    const path = await download.path();
    const doc = parseProjectFile(readFileSync(path!, 'utf8'), download.suggestedFilename());
    expect(doc.project.layers.communities).toHaveLength(40);
    expect(download.suggestedFilename()).toMatch(/\.lifecircle\.json$/);
    // Leaving now would lose the changes: the browser asks first (dismissed: the page stays).
    const asked = page.waitForEvent('dialog', { timeout: T });
    void page.evaluate(() => location.reload()).catch(() => undefined);
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(await communityCount(page)).toBe(40);
    // Space again: a retry saves, and the notice goes.
    await page.evaluate(() => (window as unknown as { __restorePut: () => void }).__restorePut());
    await page.waitForTimeout(1000); // longer than the save pause: no save is retried on its own
    expect(await revision(page)).toBe(0);
    await page.click('[data-testid=save-error-retry]');
    await waitRevision(page, 1);
    expect(await page.$('[data-testid=save-error]')).toBeNull();
    await context.close();
  }, 240_000);

  it('opens a project file (the schema-1 fixture); a bad file changes nothing and says which file and field', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    page.on('dialog', (d) => void d.accept());
    const before = await communityCount(page);
    await page.setInputFiles('[data-testid=open-project-input]', { name: 'broken.lifecircle.json', mimeType: 'application/json', buffer: Buffer.from(readFileSync(FIXTURE, 'utf8').replace('"households":1200', '"households":"many"')) });
    await page.waitForSelector('[data-testid=project-file-error]', { timeout: T });
    expect(await page.textContent('[data-testid=project-file-error]')).toContain('broken.lifecircle.json: communities[0] (id "C1").households');
    expect(await communityCount(page)).toBe(before);
    await page.setInputFiles('[data-testid=open-project-input]', FIXTURE);
    await page.waitForFunction(() => (window as unknown as LcWindow).__lifecircle.layerCounts.communities === 2, null, { timeout: T });
    expect(await page.$('[data-testid=project-file-error]')).toBeNull();
    expect(await presetValue(page, 'personsPerHousehold')).toBe(2.8);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z'); // the file's history: detour factor 1.4 → back
    await page.keyboard.press('Control+z'); // persons per household 2.8 → the national value
    expect(await presetValue(page, 'personsPerHousehold')).toBe(3);
    // The toolbar's export gives back the same project: its layers and the undo position.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.click('[data-testid=export-project]')]);
    const doc = parseProjectFile(readFileSync((await download.path())!, 'utf8'), download.suggestedFilename());
    expect(doc.project.layers.communities.map((c) => c.id)).toEqual(['C1', 'C2']);
    expect([doc.history.done.length, doc.history.undone.length]).toEqual([0, 2]);
    // Undone to the file's first values (the preset as it was when the file was written).
    expect((doc.presetEdit?.preset ?? { personsPerHousehold: 3 }).personsPerHousehold).toBe(3);
    expect(doc.view).toMatchObject({ tier: '10' });
    expect(doc.view).not.toHaveProperty('tiandituKey');
    await context.close();
  }, 240_000);

  it('a project saved by an older version (the bare project in IndexedDB) opens after the update', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    const legacy = JSON.parse(readFileSync(join(__dirname, '../fixtures/project/legacy-indexeddb-project.json'), 'utf8'));
    await page.evaluate((project) => new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('lifecircle', 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('kv', 'readwrite');
        tx.objectStore('kv').delete('document');
        tx.objectStore('kv').put(project, 'project');
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    }), legacy);
    await page.reload();
    await waitReady(page, T);
    expect(await communityCount(page)).toBe(2);
    expect(await page.textContent('[data-testid=dataset-name]')).toContain('眉山测试');
    await context.close();
  }, 240_000);
  it('a scenario with an edit survives a reload, and export → open in a fresh browser restores it', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    const first = (await scenarioNames(page)).current;
    await page.click('[data-testid=scenario-new]');
    await page.click('[data-testid=scenario-rename]');
    await page.fill('[data-testid=scenario-name]', '方案乙');
    await page.click('[data-testid=scenario-rename-apply]');
    await addFacilityAtCentre(page);
    expect(await waitEdits(page, 1)).toEqual(['addFacility']);
    const added = await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.scenario!.facilities.find((f) => f.id === 'proposed-1'));
    expect(added).toBeDefined();
    await page.reload(); // at once: the save pause may not have passed
    await waitReady(page, T);
    await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
    expect(await scenarioNames(page)).toEqual({ names: [first, '方案乙'], current: '方案乙' });
    expect(await waitEdits(page, 1)).toEqual(['addFacility']);
    expect(await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.scenario!.facilities.find((f) => f.id === 'proposed-1'))).toEqual(added);
    // The project file carries them.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.click('[data-testid=export-project]')]);
    const file = (await download.path())!;
    const doc = parseProjectFile(readFileSync(file, 'utf8'), download.suggestedFilename());
    expect(doc.scenarios?.list.map((x) => [x.name, x.edits.length])).toEqual([[first, 0], ['方案乙', 1]]);
    expect(doc.scenarios?.list.find((x) => x.id === doc.scenarios?.currentId)?.name).toBe('方案乙');
    // Opened in a fresh browser context (empty storage): the scenarios come back with the project.
    const fresh = await app.browser.newContext();
    const other = await newTab(fresh, app.url);
    other.on('dialog', (d) => void d.accept());
    expect(await scenarioNames(other)).toEqual({ names: [first], current: first });
    await other.setInputFiles('[data-testid=open-project-input]', { name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(file) });
    expect(await waitEdits(other, 1)).toEqual(['addFacility']);
    expect(await scenarioNames(other)).toEqual({ names: [first, '方案乙'], current: '方案乙' });
    expect(await other.evaluate(() => (window as unknown as LcWindow).__lifecircle.scenario!.facilities.find((f) => f.id === 'proposed-1'))).toEqual(added);
    await fresh.close();
    await context.close();
  }, 300_000);

  it('scenarios an older version kept under their own key move into the project once, and the key goes', async () => {
    const context = await app.browser.newContext();
    const page = await newTab(context, app.url);
    const legacy = JSON.parse(readFileSync(join(__dirname, '../fixtures/project/legacy-indexeddb-project.json'), 'utf8'));
    const scenarios = { projectKey: projectKey(legacy), list: [{ id: 's-old', name: '旧方案', edits: [{ type: 'deleteFacility', id: 'F2' }] }], currentId: 's-old' };
    await page.evaluate(({ project, scenarios }) => new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('lifecircle', 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('kv', 'readwrite');
        tx.objectStore('kv').delete('document');
        tx.objectStore('kv').put(project, 'project');
        tx.objectStore('kv').put(scenarios, 'scenarios');
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    }), { project: legacy, scenarios });
    await page.reload();
    await waitReady(page, T);
    expect(await communityCount(page)).toBe(2);
    expect(await waitEdits(page, 1)).toEqual(['deleteFacility']);
    expect((await scenarioNames(page)).current).toBe('旧方案');
    // Saved into the document at once; the old key is gone.
    const stored = () => page.evaluate(() => new Promise<{ old: unknown; names: string[] | null }>((resolve, reject) => {
      const req = indexedDB.open('lifecircle', 1);
      req.onsuccess = () => {
        const store = req.result.transaction('kv', 'readonly').objectStore('kv');
        const old = store.get('scenarios');
        const doc = store.get('document');
        doc.onsuccess = () => { resolve({ old: old.result ?? null, names: (doc.result as { scenarios?: { list: { name: string }[] } } | undefined)?.scenarios?.list.map((x) => x.name) ?? null }); req.result.close(); };
      };
      req.onerror = () => reject(req.error);
    }));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=save-status]')?.getAttribute('data-revision')) >= 1, null, { timeout: T });
    expect(await stored()).toEqual({ old: null, names: ['旧方案'] });
    await page.reload();
    await waitReady(page, T);
    expect(await waitEdits(page, 1)).toEqual(['deleteFacility']);
    await context.close();
  }, 240_000);
});
