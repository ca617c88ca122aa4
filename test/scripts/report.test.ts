// The report command end to end (report-cli.md): the demo district's PDF printed by Chromium,
// rendered by pdftoppm and read back by pdftotext (poppler-utils) against the audit command's JSON;
// names from the data literal in the PDF, CSV and XLSX; exit codes and nothing written on error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { runAuditCommand } from '../../scripts/audit';
import { runReportCommand } from '../../scripts/report';
import { chromiumAvailable } from '../../scripts/lib/chromium';
import { InputError } from '../../scripts/lib/index';
import { writeDemo, DEMO_FILES } from '../../scripts/generateDemo';
import { readBackXlsx, sheetRecords } from '../io/export/readBackXlsx';

const ROOT = join(__dirname, '..', '..');
const FX = join(ROOT, 'test', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'report-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const poppler = ['pdftoppm', 'pdftotext', 'pdffonts', 'pdfinfo'].every((t) => spawnSync(t, ['-v']).error === undefined);
const canPrint = chromiumAvailable() && poppler;
if (!chromiumAvailable()) console.warn('[report tests] PDF checks skipped: Chromium is absent (/usr/bin/chromium; .ci/run installs it)');
else if (!poppler) console.warn('[report tests] PDF checks skipped: poppler-utils (pdftoppm, pdftotext) are absent (.ci/run installs them)');

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const squash = (s: string) => s.replace(/\s+/g, '');

function spawnReport(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/report.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BASE = join(FX, 'io', 'base');
const MARKUP = ['--communities', join(FX, 'report', 'community-named-markup-formula.geojson'), '--facilities', join(BASE, 'facilities.geojson'), '--green', join(BASE, 'green.geojson')];
const EVIL = '<b>=1+1</b>';

// pdftoppm renders every page of the demo's report: more than the default 30 s on a loaded machine.
describe.skipIf(!canPrint)('report command: the demo district as PDF', { timeout: 180_000 }, () => {
  let demo = join(ROOT, 'data', 'demo');
  let json: { summary: { communities: number; failing: number; households: number }; communities: { name: string; status: string }[] };
  let pdf: string;
  let pages: number;

  beforeAll(async () => {
    if (!DEMO_FILES.every((f) => existsSync(join(demo, f)))) {
      demo = join(tmp, 'demo');
      await writeDemo({ seed: 2026, out: demo, ifMissing: false }, () => undefined);
    }
    const layers = ['--communities', join(demo, 'communities.fgb'), '--facilities', join(demo, 'facilities.fgb'), '--green', join(demo, 'green.fgb')];
    json = JSON.parse((await runAuditCommand(layers)).output as string);
    pdf = join(tmp, 'demo.pdf');
    const r = await runReportCommand([...layers, '--out', pdf]);
    writeFileSync(pdf, r.pdf!);
    pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1]);
  }, 300_000);

  it('renders every page with pdftoppm, with ink on it', () => {
    run('pdftoppm', ['-r', '12', '-gray', pdf, join(tmp, 'page')]);
    const images = readdirSync(tmp).filter((f) => /^page-\d+\.pgm$/.test(f)).sort();
    expect(images.length).toBe(pages);
    expect(pages).toBeGreaterThan(json.summary.failing); // a page per failing community, and more
    for (const f of [images[0], images[4], images[images.length - 1]]) {
      // Binary PGM: header "P5\n<w> <h>\n255\n", then one byte per pixel; count the dark ones.
      const bytes = readFileSync(join(tmp, f));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
      const pixels = bytes.subarray(header[0].length);
      expect(pixels.length).toBe(Number(header[1]) * Number(header[2]));
      expect(pixels.filter((v) => v < 128).length, f).toBeGreaterThan(20);
    }
  });

  it('pdftotext extracts the Chinese text: the audit\'s counts and every failing community\'s name', () => {
    const text = squash(run('pdftotext', ['-enc', 'UTF-8', pdf, '-']));
    const s = json.summary;
    const n = (v: number) => v.toLocaleString('en-US');
    // (Checked with includes: a failing toContain would print the whole report.)
    for (const phrase of [
      `${n(s.communities)} 个社区，共 ${n(s.households)} 户`,
      `${n(s.failing)} 个社区未达标，${n(s.communities - s.failing)} 个社区全部达标`,
      `${n(s.communities)} 个社区中有 ${n(s.failing)} 个`,
    ]) expect(text.includes(squash(phrase)), phrase).toBe(true);
    const failing = json.communities.filter((c) => c.status === 'fail').map((c) => c.name);
    expect(failing.length).toBe(s.failing);
    for (const name of failing) expect(text.includes(squash(name)), name).toBe(true);
  });

  it('embeds its fonts: every font in the PDF is an embedded subset of the report font (no system fallback)', () => {
    const rows = run('pdffonts', [pdf]).split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row, row).toMatch(/NotoSansSC/);
      expect(row.trim().split(/\s+/).slice(-5, -2), row).toEqual(['yes', 'yes', 'yes']); // emb sub uni
    }
  });
});

describe('report command: a name with markup and a formula stays text', () => {
  it.skipIf(!canPrint)('in the PDF (literal in pdftotext; escaped in the HTML it prints)', async () => {
    const r = await runReportCommand([...MARKUP, '--out', join(tmp, 'markup.pdf'), '--pages', 'all']);
    expect(r.html).not.toContain(EVIL);
    expect(r.html).toContain('&lt;b&gt;=1+1&lt;/b&gt;');
    writeFileSync(join(tmp, 'markup.pdf'), r.pdf!);
    const text = run('pdftotext', ['-enc', 'UTF-8', join(tmp, 'markup.pdf'), '-']);
    // In the gap list, on its own page and in the map key: never bold, never "2".
    expect(text.split(EVIL).length - 1).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('in the CSV: the cell is the literal text and does not start a formula', async () => {
    const { output } = await runAuditCommand([...MARKUP, '--out', join(tmp, 'markup.csv')]);
    const rows = Papa.parse<Record<string, string>>((output as string).replace(/^\uFEFF/, ''), { header: true }).data;
    const row = rows.find((x) => x.id === 'C002')!;
    expect(row.name).toBe(EVIL);
    expect(row.name).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('in the XLSX: a shared-string cell, no formula anywhere', async () => {
    const { output } = await runAuditCommand([...MARKUP, '--out', join(tmp, 'markup.xlsx')]);
    const sheets = readBackXlsx(output as Uint8Array);
    for (const s of sheets) expect(s.xml).not.toMatch(/<f[ >]/);
    const row = sheetRecords(sheets[0]).find((x) => x.id?.value === 'C002')!;
    expect(row.name).toMatchObject({ type: 's', value: EVIL });
    const failure = sheetRecords(sheets[1]).find((x) => x.communityId?.value === 'C002')!;
    expect(failure.communityName).toMatchObject({ type: 's', value: EVIL });
  });
});

describe('report command: process', () => {
  it('HTML: exit 0, a standalone document with its fonts', () => {
    const out = join(tmp, 'base.html');
    const r = spawnReport(['--communities', join(BASE, 'communities.geojson'), '--facilities', join(BASE, 'facilities.geojson'), '--lang', 'en', '--pages', 'none', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('@font-face');
    expect(html).not.toMatch(/(src|href)="https?:/); // nothing to fetch
  }, 240_000);

  it('exit 2 and nothing written on bad input, naming file, feature and field', () => {
    const out = join(tmp, 'never.pdf');
    const r = spawnReport(['--communities', join(FX, 'io', 'malformed', 'non-numeric-households.geojson'), '--facilities', join(BASE, 'facilities.geojson'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/non-numeric-households\.geojson: feature 1 \(id C002\): field households/);
    expect(existsSync(out)).toBe(false);
  }, 240_000);

  it('bad report flags are bad input, caught before any file is read', async () => {
    for (const [flags, message] of [
      [['--pages', 'some'], /--pages: "some" must be failing, all or none/],
      [['--lang', 'fr'], /--lang: "fr" must be zh or en/],
      [['--title', ' '], /--title: the title is empty/],
    ] as const) {
      const err = await runReportCommand(['--communities', join(tmp, 'none.geojson'), '--facilities', join(tmp, 'none.geojson'), ...flags, '--out', join(tmp, 'x.pdf')]).catch((e) => e);
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toMatch(message);
    }
    const out = await runReportCommand([...MARKUP, '--out', join(tmp, 'x.docx')]).catch((e) => e);
    expect(out.message).toMatch(/--out: ".*x\.docx" must end in \.pdf or \.html/);
  });

  it('without Chromium a PDF fails with exit 1 and a clear message, and writes nothing', () => {
    const out = join(tmp, 'no-chromium.pdf');
    const r = spawnReport([...MARKUP, '--out', out], { CHROMIUM_PATH: join(tmp, 'no', 'chromium') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Chromium not found at .*no\/chromium.*--out report\.html/s);
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  }, 240_000);
});
