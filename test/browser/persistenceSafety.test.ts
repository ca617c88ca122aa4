// The app never overwrites or loses work it cannot save, in headless Chromium: two tabs never
// overwrite each other's newer work without asking (a tab without changes of its own shows the newer
// work), a save over work stored unannounced is refused, a save that fails (quota) says so and offers
// the project file, and the project file exports and opens (a bad one changes nothing), scenarios
// included. A test goes on in the tab the test before left (each app load costs seconds of software
// WebGL), so the project file and scenario tests run on the small project the file opened. Reloads
// and updates: persistence.test.ts.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, startApp, waitReady, type App } from './harness';
import { parseProjectFile } from '../../src/planning/projectDocument';
import { addFacilityAtCentre, communityCount, firstWith, greenCount, keepCommunities, keepGreen, type LcWindow, newTab, presetValue, revision, scenarioNames, T, waitEdits, waitRevision } from './projectPage';

const OUT = join(tmpdir(), `lifecircle-persist-safety-dist-${process.pid}`);
const FIXTURE = join(__dirname, '../fixtures/project/project-v1.lifecircle.json');

describe.skipIf(!chromiumAvailable)('tabs, failed saves and project files in Chromium', () => {
  let app: App;
  /** A loaded tab the next test goes on with (each app load costs seconds of software WebGL). */
  let handOver: Page | undefined;

  beforeAll(async () => {
    app = await startApp({ outDir: OUT });
  }, 300_000);
  afterAll(async () => {
    await handOver?.context().close();
    await app?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

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
    await Promise.all([tab1.close(), tab2.close()]);
    handOver = tab3;
  }, 300_000);

  it('a save over work another writer stored unannounced (no broadcast heard) is refused and asks', async () => {
    // The last tab of the test before (the only one left open), else a fresh one.
    const page = handOver ?? await newTab(await app.browser.newContext(), app.url);
    handOver = undefined;
    const saved = await revision(page);
    expect(saved).toBeLessThan(9);
    // Another writer: the latest stamp moves on without a message on the channel.
    await page.evaluate(() => localStorage.setItem('lifecircle.project.stamp', JSON.stringify({ revision: 9, tabId: 'elsewhere', savedAt: new Date().toISOString() })));
    await keepCommunities(page, 20);
    await page.waitForSelector('[data-testid=tab-conflict]', { timeout: T });
    expect(await page.getAttribute('[data-testid=save-status]', 'data-conflict')).toBe('9');
    expect(await revision(page)).toBe(saved);
    await page.context().close();
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
    handOver = page;
  }, 240_000);

  it('opens a project file (the schema-1 fixture); a bad file changes nothing and says which file and field', async () => {
    // The tab of the test before (its project saved), else a fresh one.
    const page = handOver ?? await newTab(await app.browser.newContext(), app.url);
    handOver = undefined;
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
    handOver = page;
  }, 240_000);

  it('a scenario with an edit survives a reload with its undo history, and export → open in a fresh browser restores both', async () => {
    // The tab of the test before, on the two-community project it opened (a quick reload), else a fresh one.
    const page = handOver ?? await newTab(await app.browser.newContext(), app.url);
    handOver = undefined;
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
    // The undo history came back with them: Ctrl+Z takes back the added facility, then the
    // renaming; Ctrl+Shift+Z brings both back.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    expect(await waitEdits(page, 0)).toEqual([]);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await scenarioNames(page)).names[1], { timeout: T }).not.toBe('方案乙');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await scenarioNames(page)).names[1], { timeout: T }).toBe('方案乙');
    await page.keyboard.press('Control+Shift+z');
    expect(await waitEdits(page, 1)).toEqual(['addFacility']);
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
    // And its undo history: the added facility is the last thing to take back.
    await other.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await other.keyboard.press('Control+z');
    expect(await waitEdits(other, 0)).toEqual([]);
    await fresh.close();
    await page.context().close();
  }, 300_000);
});
