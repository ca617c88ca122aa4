// The app never loses work across reloads and updates, in headless Chromium: an edit followed at
// once by a reload survives (the pending save is flushed on page hide), a tab turning hidden saves at
// once, undo history survives a reload and answers Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (not while typing),
// and what an older version stored (the bare project, scenarios under their own key) opens after the
// update. The reload tests go on in one tab on the demo (each app load costs seconds of software
// WebGL); the older-version stores need origins no app has opened yet, so each has its own browser
// context. Tabs, failed saves and project files: persistenceSafety.test.ts.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startApp, waitReady, type App } from './harness';
import { projectKey } from '../../src/ui/state/persist';
import type { Page } from 'playwright-core';
import { communityCount, editPreset, newTab, PER100, presetValue, revision, scenarioNames, T, tabOverOlderStore, waitEdits, waitRevision } from './projectPage';

const OUT = join(tmpdir(), `lifecircle-persist-dist-${process.pid}`);

describe.skipIf(!chromiumAvailable)('persistence across reloads and updates in Chromium', () => {
  let app: App;
  /** One tab on the demo for the reload tests: each starts from what the one before left saved. */
  let shared: Page | undefined;
  const demoTab = async () => (shared ??= await newTab(await app.browser.newContext(), app.url));

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
  }, 300_000);
  afterAll(async () => {
    await shared?.context().close();
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  // The save the pause's timer issued a moment before the reload used to die with the page (its
  // IndexedDB transaction never committed) about one run in two; the unload journal covers it.
  it('a preset edit followed at once by a reload (inside the save pause) survives', async () => {
    const page = await demoTab();
    const before = await presetValue(page, PER100);
    await editPreset(page, PER100, before + 7);
    await page.reload(); // no wait: the 300 ms pause has not passed
    await waitReady(page, T);
    await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
    expect(await presetValue(page, PER100)).toBe(before + 7);
  }, 240_000);

  it('a tab turning hidden saves at once, before the pause ends (visibilitychange)', async () => {
    const page = await demoTab();
    const before = await presetValue(page, PER100);
    // In one task: the edit, then the tab is hidden; the pause's timer cannot have run.
    const seen = await page.evaluate(({ path, value }) => {
      const saved = JSON.parse(localStorage.getItem('lifecircle.project.stamp') ?? 'null') as { revision: number } | null;
      const input = document.querySelector<HTMLInputElement>(`input[data-path="${path}"]`)!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(value));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      return { before: saved?.revision ?? 0, stamp: localStorage.getItem('lifecircle.project.stamp'), journal: localStorage.getItem('lifecircle.project.journal') };
    }, { path: PER100, value: before + 5 });
    // The next revision after the one stored when the edit was made.
    expect(JSON.parse(seen.stamp!).revision).toBe(seen.before + 1);
    const journal = JSON.parse(seen.journal!);
    expect(journal.stamp.revision).toBe(seen.before + 1);
    expect(journal.doc.presetEdit.preset.rules.areaPer100Households.threshold).toBe(before + 5);
    await page.reload();
    await waitReady(page, T);
    await page.waitForSelector('[data-testid=save-status][data-loaded=true]', { state: 'attached', timeout: T });
    expect(await presetValue(page, PER100)).toBe(before + 5);
  }, 240_000);

  it('undo history survives a reload; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and redo, not while typing', async () => {
    const page = await demoTab();
    const v0 = await presetValue(page, PER100);
    const r0 = await revision(page);
    // Each edit saved before the next (a revision per save): two edits inside one save pause would
    // be one save, and the wait for the second revision would never end.
    await editPreset(page, PER100, v0 + 1);
    await waitRevision(page, r0 + 1);
    await editPreset(page, PER100, v0 + 2);
    await waitRevision(page, r0 + 2);
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
  }, 300_000);

  it('a project saved by an older version (the bare project in IndexedDB) opens after the update', async () => {
    const context = await app.browser.newContext();
    const legacy = JSON.parse(readFileSync(join(__dirname, '../fixtures/project/legacy-indexeddb-project.json'), 'utf8'));
    const page = await tabOverOlderStore(context, app.url, { project: legacy });
    expect(await communityCount(page)).toBe(2);
    expect(await page.textContent('[data-testid=dataset-name]')).toContain('眉山测试');
    await context.close();
  }, 240_000);

  it('scenarios an older version kept under their own key move into the project once, and the key goes', async () => {
    const context = await app.browser.newContext();
    const legacy = JSON.parse(readFileSync(join(__dirname, '../fixtures/project/legacy-indexeddb-project.json'), 'utf8'));
    const scenarios = { projectKey: projectKey(legacy), list: [{ id: 's-old', name: '旧方案', edits: [{ type: 'deleteFacility', id: 'F2' }] }], currentId: 's-old' };
    const page = await tabOverOlderStore(context, app.url, { project: legacy, scenarios });
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
