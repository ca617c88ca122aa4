// Fonts embedded in the report, so that it prints the same on any machine and a PDF printed from
// it carries the glyphs (and their Unicode mapping: pdftotext extracts the Chinese). The font is
// Noto Sans SC (SIL Open Font License 1.1) as packaged by @fontsource: about a hundred WOFF2 slices
// per weight, each with its CSS unicode-range. Only the slices holding characters that the report
// uses are embedded (a slice-level subset: typically a few hundred kB instead of 3.7 MB a weight).
// This module is pure; the host reads the slice files (scripts/lib/reportFonts.ts).

/** The family name the report's CSS asks for: its own name, so an installed font never stands in. */
export const REPORT_FONT_FAMILY = 'LifeCircle Noto Sans SC';

export interface EmbeddedFont {
  weight: number;
  /** CSS unicode-range of the slice, e.g. "U+4e00-4e3f,U+4e45". */
  unicodeRange?: string;
  /** WOFF2 bytes, base64. */
  woff2Base64: string;
}

export interface FontSlice {
  weight: number;
  unicodeRange: string;
  ranges: [number, number][];
  /** File name of the slice (as in the package's CSS, e.g. "./files/noto-sans-sc-4-400-normal.woff2"). */
  file: string;
}

/** "U+1f1e9-1f1f5,U+1f21a,U+4??" → inclusive code point ranges. */
export function parseUnicodeRange(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (const raw of s.split(',')) {
    const t = raw.trim().replace(/^U\+/i, '');
    if (!t) continue;
    if (t.includes('?')) out.push([parseInt(t.replace(/\?/g, '0'), 16), parseInt(t.replace(/\?/g, 'f'), 16)]);
    else {
      const [a, b] = t.split('-');
      const lo = parseInt(a, 16);
      out.push([lo, b === undefined ? lo : parseInt(b, 16)]);
    }
  }
  return out.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
}

/** The @font-face rules of a fontsource CSS file (normal style, WOFF2 source). */
export function parseFontsourceCss(css: string): FontSlice[] {
  const out: FontSlice[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const weight = Number(/font-weight:\s*(\d+)/.exec(block)?.[1]);
    const file = /url\(([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !Number.isFinite(weight) || /font-style:\s*italic/.test(block)) continue;
    out.push({ weight, file, unicodeRange: range?.trim() ?? 'U+0-10ffff', ranges: parseUnicodeRange(range ?? 'U+0-10ffff') });
  }
  return out;
}

/** Code points of a text (each counted once). */
export function codePointsOf(text: string): Set<number> {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0)!);
  return set;
}

/** The slices that hold at least one of the code points. */
export function slicesFor(slices: readonly FontSlice[], codePoints: ReadonlySet<number>): FontSlice[] {
  const cps = [...codePoints].sort((a, b) => a - b);
  return slices.filter((s) => s.ranges.some(([lo, hi]) => {
    // First code point ≥ lo (binary search), then is it ≤ hi?
    let a = 0, b = cps.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (cps[m] < lo) a = m + 1;
      else b = m;
    }
    return a < cps.length && cps[a] <= hi;
  }));
}

/** @font-face rules embedding the fonts as data: URLs. */
export function fontFaceCss(fonts: readonly EmbeddedFont[]): string {
  return fonts
    .map((f) => `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${f.weight};font-display:block;` +
      `src:url(data:font/woff2;base64,${f.woff2Base64}) format('woff2');${f.unicodeRange ? `unicode-range:${f.unicodeRange};` : ''}}`)
    .join('\n');
}
