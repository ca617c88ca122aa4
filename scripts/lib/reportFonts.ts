// The report's embedded font for Node hosts: Noto Sans SC slices from the @fontsource package in
// node_modules (offline once installed), regular and bold, chosen for the characters the report uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SetupError } from './inputError';
import { parseFontsourceCss, slicesFor, type EmbeddedFont, type FontSlice } from '../../src/report/fonts';

const PACKAGE = '@fontsource/noto-sans-sc';

/** A font chooser for renderReport's `fonts` option; throws when the font package is missing. */
export function reportFonts(weights: readonly number[] = [400, 700]): (codePoints: Set<number>) => EmbeddedFont[] {
  const require = createRequire(import.meta.url);
  const slices: { slice: FontSlice; dir: string }[] = [];
  for (const w of weights) {
    let cssPath: string;
    try {
      cssPath = require.resolve(`${PACKAGE}/${w}.css`);
    } catch (e) {
      throw new SetupError(`the report font ${PACKAGE} is not installed (run npm install): ${(e as Error).message}`, { cause: e });
    }
    for (const slice of parseFontsourceCss(readFileSync(cssPath, 'utf8'))) slices.push({ slice, dir: dirname(cssPath) });
  }
  return (codePoints) =>
    slicesFor(slices.map((s) => s.slice), codePoints).map((slice) => {
      const dir = slices.find((s) => s.slice === slice)!.dir;
      return { weight: slice.weight, unicodeRange: slice.unicodeRange, woff2Base64: readFileSync(join(dir, slice.file)).toString('base64') };
    });
}
