// The app's audit split across workers (src/worker/auditPool.ts), in headless Chromium: the
// engine worker starts its helper workers for the demo's audit and for a larger import (1,000
// communities by default, to keep the suite short; AUDIT_POOL_COMMUNITIES=10000 for the 10k
// city, several minutes on 2 shared cores), and the figures are those of the same audit in Node
// on one thread.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openApp, startApp, type App } from './harness';
import { syntheticCity } from '../../bench/lib/syntheticCity';
import { auditDataset } from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';

if (!chromiumAvailable) console.warn('[audit pool browser tests] skipped: /usr/bin/chromium is not installed (Debian package chromium).');

type LcWindow = Window & { __lifecircle: { ready?: boolean; communities?: number; failing?: number; replaceLayers: (l: object) => void } };
const COMMUNITIES = Number(process.env.AUDIT_POOL_COMMUNITIES ?? 1000);
const OUT = join(tmpdir(), `lifecircle-auditpool-dist-${process.pid}`);

/** The page's workers whose script is the audit-slice helper. */
const helpers = (page: Page) => page.workers().filter((w) => /auditSlice/.test(w.url())).length;

describe.skipIf(!chromiumAvailable)('app audit across workers', { timeout: 900_000 }, () => {
  let app: App;
  beforeAll(async () => { app = await startApp({ outDir: OUT }); }, 600_000);
  afterAll(async () => { await app?.close(); rmSync(OUT, { recursive: true, force: true }); });

  it('splits the demo audit and a city-sized import across the engine worker and its helpers', async () => {
    const { page, errors } = await openApp(app);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    // The demo (135 communities) already gets helpers when the machine has more than one core.
    if (cores > 1) await expect.poll(() => helpers(page), { timeout: 60_000 }).toBeGreaterThan(0);

    const city = syntheticCity({ communities: COMMUNITIES });
    const expected = auditDataset(city, defaultPreset());
    const t0 = Date.now();
    await page.evaluate((c) => (window as unknown as LcWindow).__lifecircle.replaceLayers({ communities: c.communities, facilities: c.facilities, green: c.green }), { communities: city.communities, facilities: city.facilities, green: city.green });
    await page.waitForFunction((n) => { const lc = (window as unknown as LcWindow).__lifecircle; return lc.ready === true && lc.communities === n; }, COMMUNITIES, { timeout: 900_000, polling: 250 });
    const wall = Date.now() - t0;
    const failing = await page.evaluate(() => (window as unknown as LcWindow).__lifecircle.failing);
    console.log(`[audit pool] ${COMMUNITIES} communities: ${cores} cores, ${helpers(page)} helper workers, import to audited ${(wall / 1000).toFixed(1)} s wall`);
    expect(failing).toBe(expected.summary.failing);
    expect(helpers(page)).toBe(Math.max(0, cores - 1));
    expect(errors).toEqual([]);
  });
});
