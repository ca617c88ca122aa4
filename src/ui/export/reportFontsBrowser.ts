// The report's embedded font in the browser: the same Noto Sans SC slices the command line embeds
// (scripts/lib/reportFonts.ts), bundled by Vite as assets (so the preview and its PDF work with no
// network) and fetched only for the characters the report uses. Presentation mode uses the same
// bundled font through @font-face rules, so a projector laptop without Chinese fonts shows the text.
import { parseFontsourceCss, REPORT_FONT_FAMILY, slicesFor, type EmbeddedFont, type FontSlice } from '../../report/fonts';
import css400 from '@fontsource/noto-sans-sc/400.css?raw';
import css700 from '@fontsource/noto-sans-sc/700.css?raw';

const urls = import.meta.glob('/node_modules/@fontsource/noto-sans-sc/files/*-{400,700}-normal.woff2', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

const SLICES: FontSlice[] = [...parseFontsourceCss(css400), ...parseFontsourceCss(css700)];

function urlOf(slice: FontSlice): string | undefined {
  const file = slice.file.replace(/^\.\//, '');
  return urls[`/node_modules/@fontsource/noto-sans-sc/${file}`];
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const cache = new Map<string, Promise<string>>();

async function fetchBase64(url: string): Promise<string> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return base64(new Uint8Array(await r.arrayBuffer()));
    });
    cache.set(url, p);
  }
  return p;
}

/** The slices holding the given code points, fetched and ready to embed (slices without an asset are skipped). */
export async function browserReportFonts(codePoints: ReadonlySet<number>): Promise<EmbeddedFont[]> {
  const chosen = slicesFor(SLICES, codePoints).filter((s) => urlOf(s));
  return Promise.all(chosen.map(async (s) => ({ weight: s.weight, unicodeRange: s.unicodeRange, woff2Base64: await fetchBase64(urlOf(s)!) })));
}

/** Installs @font-face rules for the bundled slices under the report's family name (once); the
 *  browser then loads only the slices a page's text needs. */
export function installBundledFont(): void {
  if (typeof document === 'undefined' || document.getElementById('lifecircle-bundled-font')) return;
  const rules = SLICES.filter((s) => urlOf(s)).map((s) =>
    `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${s.weight};font-display:swap;src:url(${urlOf(s)}) format('woff2');unicode-range:${s.unicodeRange};}`);
  const style = document.createElement('style');
  style.id = 'lifecircle-bundled-font';
  style.textContent = rules.join('\n');
  document.head.appendChild(style);
}
