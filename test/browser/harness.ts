// Browser-test harness: serve the built app (dist/, built here via Vite's build() when missing)
// with Vite's preview() on a free port, and drive Debian Chromium through playwright-core with the
// flags from STACK-NOTES (WebGL2 on SwiftShader, fresh profile).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/lib/chromium';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CHROMIUM = CHROMIUM_PATH;
export const chromiumAvailable = existsSync(CHROMIUM);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

export interface App {
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** Newest modification time (ms) of the files a build reads: sources, demo data, config, lock file. */
function newestBuildInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'public', 'data/demo', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json']) visit(join(ROOT, p));
  return newest;
}

/** dist/ built after every build input changed (as `npm test` leaves it: it builds just before the tests). */
function distIsFresh(): boolean {
  const index = join(ROOT, 'dist/index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestBuildInput();
}

/**
 * Serves the app and starts Chromium. Without `outDir` it serves dist/ (built when missing). With
 * it, it serves dist/ when dist/ is newer than every build input (the full test command builds it
 * first, so the test files share one build), else a fresh build goes into that folder first, so a
 * test file run on its own after an edit never races others over dist/.
 */
export async function startApp(options: { outDir?: string } = {}): Promise<App> {
  const ownBuild = options.outDir !== undefined && !distIsFresh();
  const config = { root: ROOT, configFile: join(ROOT, 'vite.config.ts'), ...(ownBuild ? { build: { outDir: options.outDir, emptyOutDir: true } } : {}) };
  if (ownBuild || !existsSync(join(ROOT, 'dist/index.html'))) await build({ ...config, logLevel: 'warn' });
  const port = await freePort();
  const server: PreviewServer = await preview({ ...config, logLevel: 'silent', preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
  // The fresh --user-data-dir of STACK-NOTES: playwright's launch() always starts Chromium on a new
  // temporary profile (it refuses the flag itself), and each newContext() is isolated storage.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    },
  };
}

export interface OpenedPage {
  page: Page;
  errors: string[];
}

/**
 * Opens the app and waits until the first audit is shown. Collects console errors and page errors.
 * Each load of the demo costs about 10 s of CPU, most of it SwiftShader drawing (some 1.4 million
 * vertices) and the app's own work, about half that for a two-community project; the viewport's
 * size barely changes it, and no Chromium flag tried made SwiftShader cheaper (without
 * --disable-gpu, or with --disable-gpu-compositing, it costs more). Fewer loads are what saves time.
 */
export async function openApp(app: App, viewport = { width: 1600, height: 1000 }): Promise<OpenedPage> {
  const context = await app.browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(app.url);
  await waitReady(page);
  return { page, errors };
}

export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __lifecircle?: { ready?: boolean } }).__lifecircle?.ready === true, null, { timeout });
}

/** The app's main MapLibre map as the page exposes it (`window.__lifecircle.map`), the calls the tests use. */
type PageMap = {
  jumpTo: (o: object) => void;
  project: (p: [number, number]) => { x: number; y: number };
  getCanvas: () => HTMLCanvasElement;
  once: (e: string, f: () => void) => void;
  triggerRepaint: () => void;
};

/**
 * Centres the main map on lon/lat `p` at `zoom` and returns the page position (CSS pixels) of `p`
 * once the map has drawn the new view: picking reads what was drawn, so a click sent before the
 * redraw can miss.
 */
export async function centreOn(page: Page, p: [number, number], zoom: number): Promise<[number, number]> {
  await page.evaluate(({ p, zoom }) => new Promise<void>((resolve) => {
    const map = (window as unknown as { __lifecircle: { map: PageMap } }).__lifecircle.map;
    map.jumpTo({ center: p, zoom });
    map.once('idle', () => resolve());
    map.triggerRepaint();
  }), { p, zoom });
  // The point's pixel once the map is idle, not when it was told to move: a resize landing in
  // between (a panel closing on a loaded machine) moves the point on the page.
  const xy = await page.evaluate((p) => {
    const map = (window as unknown as { __lifecircle: { map: PageMap } }).__lifecircle.map;
    const px = map.project(p);
    const r = map.getCanvas().getBoundingClientRect();
    return [r.left + px.x, r.top + px.y];
  }, p);
  return xy as [number, number];
}
