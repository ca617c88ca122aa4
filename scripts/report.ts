// `npm run report -- --communities <file> --facilities <file> [--green <file>] [--roads <file>] [--residential <file>]
//   [--preset <id>] [--mode euclidean|network] [--lang zh|en] [--title <text>]
//   [--pages failing|all|none] [--<layer>-crs <crs>] --out <report.pdf|report.html>`
// Public interface: /work/shared/spec/report-cli.md (docs/report-command.md). The audit's inputs and
// flags are the audit command's (scripts/lib/auditInput.ts). Exit 0 when the report was written,
// 2 for bad input (naming file, feature, field), 1 otherwise (e.g. no Chromium for a PDF).
// Nothing is written on error: the output goes to a temporary file renamed at the end.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Community, I18nText } from '../src/engine/types';
import type { LayerImport } from '../src/io/import/types';
import { renderReport, reportGaps, type ReportLayer, type ReportOptions, type ReportPages } from '../src/report/index';
import {
  AUDIT_INPUT_FLAGS, AUDIT_INPUT_FORMATS, AUDIT_INPUT_REPEATABLE, AUDIT_INPUT_USAGE,
  auditInputPaths, auditNotes, checkAuditFlags, commandMain, refuseOutputOverInput, InputError, loadAuditInput, SetupError, parseFlags, runAuditOf, type AuditRun,
} from './lib/index';
import { reportFonts } from './lib/reportFonts';
import { printPdf } from './lib/printPdf';

export const USAGE = `usage: npm run report -- --communities <file> --facilities <file> [--green <file>] [--roads <file>]
       [--residential <file>]
${AUDIT_INPUT_USAGE}
       [--lang zh|en] [--title <text>] [--pages failing|all|none] --out <report.pdf|report.html>
${AUDIT_INPUT_FORMATS}`;

const KNOWN = [...AUDIT_INPUT_FLAGS, 'out', 'lang', 'title', 'pages'];
const PAGES: ReportPages[] = ['failing', 'all', 'none'];

export interface ReportCommandResult {
  run: AuditRun;
  html: string;
  /** The PDF bytes (PDF output only). */
  pdf?: Uint8Array;
  out: string;
  notes: string[];
}

/** The demo district and other prepared data carry a meta.json beside their layers: { name: { zh, en } }. */
async function metaBeside(path: string): Promise<{ name?: string | I18nText; synthetic?: boolean } | null> {
  const meta = join(dirname(path), 'meta.json');
  if (!existsSync(meta)) return null;
  try {
    const m = JSON.parse(await readFile(meta, 'utf8')) as { name?: unknown; synthetic?: unknown };
    const name = typeof m.name === 'string' ? m.name
      : m.name && typeof m.name === 'object' && typeof (m.name as I18nText).zh === 'string' ? m.name as I18nText : undefined;
    return { name, synthetic: m.synthetic === true };
  } catch {
    return null;
  }
}

/** The place the data covers: the name in a meta.json beside the communities, else the one
 *  sub-district (街道) all communities share, else none (the title is then the report's name alone). */
export async function placeOf(communitiesPath: string, communities: Community[]): Promise<string | I18nText | undefined> {
  const meta = await metaBeside(communitiesPath);
  if (meta?.name) return meta.name;
  const streets = new Set(communities.map((c) => c.street?.trim()).filter(Boolean));
  return streets.size === 1 ? [...streets][0] : undefined;
}

async function attributionOf(run: AuditRun, communitiesPath: string, lang: 'zh' | 'en'): Promise<string[]> {
  const out: string[] = [];
  const meta = await metaBeside(communitiesPath);
  if (meta?.synthetic && meta.name) {
    const name = typeof meta.name === 'string' ? meta.name : meta.name[lang];
    out.push(lang === 'zh' ? `${name}：合成数据，非真实地点` : `${name}: made-up data, no real place`);
  }
  if (Object.values(run.layers).some((l) => l?.format === 'osm')) out.push(lang === 'zh' ? '© OpenStreetMap 贡献者（ODbL）' : '© OpenStreetMap contributors (ODbL)');
  for (const l of Object.values(run.layers)) if (l && l.format !== 'osm' && !meta?.synthetic) out.push(...l.files.map((f) => basename(f)));
  return [...new Set(out)];
}

function layersOf(layers: AuditRun['layers'], lang: 'zh' | 'en'): ReportLayer[] {
  return Object.values(layers).filter((l): l is LayerImport => !!l).map((l) => ({
    kind: l.kind, files: l.files, format: l.format, features: l.counts.valid, crs: l.crs.note[lang],
  }));
}

export async function runReportCommand(argv: string[], options: { date?: string } = {}): Promise<ReportCommandResult> {
  const args = parseFlags(argv, KNOWN, USAGE, AUDIT_INPUT_REPEATABLE);
  const out = args.get('out');
  if (!out) throw new InputError(`--out <report.pdf|report.html> is required\n${USAGE}`);
  const ext = extname(out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.html' && ext !== '.htm') throw new InputError(`--out: "${out}" must end in .pdf or .html`);
  const lang = args.get('lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new InputError(`--lang: "${lang}" must be zh or en`);
  const pages = (args.get('pages') ?? 'failing') as ReportPages;
  if (!PAGES.includes(pages)) throw new InputError(`--pages: "${pages}" must be failing, all or none`);
  const title = args.get('title');
  if (title !== undefined && !title.trim()) throw new InputError('--title: the title is empty');

  checkAuditFlags(args, USAGE);
  refuseOutputOverInput('--out', out, auditInputPaths(args));
  const run = await runAuditOf(await loadAuditInput(args, USAGE, undefined, { startThreads: true, residentialFlat: true }));
  const communitiesPath = args.get('communities')!;
  const reportOptions: ReportOptions = {
    lang, title, pages, date: options.date,
    place: await placeOf(communitiesPath, run.data.communities),
    attribution: await attributionOf(run, communitiesPath, lang),
    layers: layersOf(run.layers, lang),
    fonts: reportFonts(),
  };
  const gaps = reportGaps(run.ctx, run.result, pages);
  const html = renderReport({ result: run.result, dataset: run.data, preset: run.preset, gaps }, reportOptions);
  const notes = auditNotes(run);
  if (ext !== '.pdf') return { run, html, out, notes };
  let pdf: Uint8Array;
  try {
    pdf = await printPdf(html);
  } catch (e) {
    throw new SetupError(`${out}: printing the PDF failed: ${(e as Error).message}\n  (an HTML report needs no Chromium: --out report.html)`, { cause: e });
  }
  return { run, html, pdf, out, notes };
}

async function main(): Promise<void> {
  await commandMain(USAGE, 'docs/report-command.md', async (argv) => {
    const r = await runReportCommand(argv);
    return { out: r.out, output: r.pdf ?? r.html, notes: r.notes };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
