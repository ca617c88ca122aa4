// Browser-test harness: serve the built app (dist/, built here via Vite's build() when missing)
// with Vite's preview() on a free port, and drive Debian Chromium through playwright-core with the
// flags from STACK-NOTES (WebGL2 on SwiftShader, fresh profile).
import { existsSync } from 'node:fs';
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

/**
 * Serves the app and starts Chromium. Without `outDir` it serves dist/ (built when missing); with
 * it, a fresh build goes into that folder first, so a test file never races others over dist/.
 */
export async function startApp(options: { outDir?: string } = {}): Promise<App> {
  const config = { root: ROOT, configFile: join(ROOT, 'vite.config.ts'), ...(options.outDir ? { build: { outDir: options.outDir, emptyOutDir: true } } : {}) };
  if (options.outDir || !existsSync(join(ROOT, 'dist/index.html'))) await build({ ...config, logLevel: 'warn' });
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

/** Opens the app and waits until the first audit is shown. Collects console errors and page errors. */
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
