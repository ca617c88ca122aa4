// Headless Chromium for the command line (PDF printing) and the browser tests: Debian's chromium
// driven by playwright-core, with the flags of STACK-NOTES (WebGL2 on SwiftShader, no network
// services, a fresh profile per launch). CHROMIUM_PATH points elsewhere when set.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { SetupError } from './inputError';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

/** Starts Chromium; playwright's launch() always uses a new temporary profile. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new SetupError(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}
