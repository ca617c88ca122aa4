// Slice-level font subsetting: CSS unicode-range parsing and the choice of slices.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { codePointsOf, parseFontsourceCss, parseUnicodeRange, slicesFor } from '../../src/report/fonts';
import { reportFonts } from '../../scripts/lib/reportFonts';

describe('unicode-range', () => {
  it('reads single points, ranges and wildcards (CSS Fonts 4 §4.5)', () => {
    expect(parseUnicodeRange('U+4e00-4e3f, U+4e45,u+4??')).toEqual([[0x4e00, 0x4e3f], [0x4e45, 0x4e45], [0x400, 0x4ff]]);
  });

  it('chooses the slices that hold a used character, and only those', () => {
    const slices = parseFontsourceCss(`/* a */@font-face { font-weight: 400; src: url(./files/a.woff2) format('woff2'); unicode-range: U+0-7f; }
/* b */@font-face { font-weight: 400; src: url(./files/b.woff2) format('woff2'); unicode-range: U+4e00-4eff,U+793e; }
/* c */@font-face { font-weight: 400; src: url(./files/c.woff2) format('woff2'); unicode-range: U+9000-90ff; }`);
    expect(slices.map((s) => s.file)).toEqual(['./files/a.woff2', './files/b.woff2', './files/c.woff2']);
    expect(slicesFor(slices, codePointsOf('社')).map((s) => s.file)).toEqual(['./files/b.woff2']);
    expect(slicesFor(slices, codePointsOf('A社')).map((s) => s.file)).toEqual(['./files/a.woff2', './files/b.woff2']);
    expect(slicesFor(slices, codePointsOf('é'))).toEqual([]);
  });
});

describe('the installed Noto Sans SC', () => {
  it('covers every character of the report strings, regular and bold, in a few slices', () => {
    const require = createRequire(import.meta.url);
    const zh = readFileSync(require.resolve('../../src/report/i18n/zh.json'), 'utf8');
    const en = readFileSync(require.resolve('../../src/report/i18n/en.json'), 'utf8');
    const cps = codePointsOf(zh + en + '0123456789 ≥≤·—…×÷²％');
    const fonts = reportFonts()(cps);
    for (const weight of [400, 700]) {
      const ranges = fonts.filter((f) => f.weight === weight).flatMap((f) => parseUnicodeRange(f.unicodeRange!));
      const missing = [...cps].filter((cp) => cp > 0x20 && !ranges.some(([lo, hi]) => cp >= lo && cp <= hi)).map((cp) => String.fromCodePoint(cp));
      expect(missing, `weight ${weight}`).toEqual([]);
    }
    // Far fewer than the ~100 slices of a weight.
    expect(fonts.length).toBeLessThan(120);
    expect(fonts.every((f) => f.woff2Base64.length > 100)).toBe(true);
  });
});
