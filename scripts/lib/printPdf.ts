// HTML → PDF with headless Chromium: the page is loaded from a temporary file with every request
// other than file: and data: refused (the report is self-contained and must print offline), fonts
// are awaited, then printed with the document's own @page size and margins.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium';

export async function printPdf(html: string, timeout_ms = 300_000): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'lifecircle-report-'));
  const browser = await launchChromium();
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    const page = await browser.newPage();
    await page.route((url) => url.protocol !== 'file:' && url.protocol !== 'data:', (route) => route.abort());
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: timeout_ms });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // outline: PDF bookmarks from the headings; tagged: a structured (accessible) PDF.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
