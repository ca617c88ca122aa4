// `npm run audit -- --communities <file> --facilities <file> [--green <file>] [--roads <file>] [--residential <file>]
//   [--preset <id>] [--config <rules.json>] [--mode euclidean|network] [--<layer>-crs <crs>]
//   [--out <file.json|file.csv|file.xlsx|file.geojson|file.fgb>]`
// Public interface: /work/shared/spec/audit-cli.md (docs/audit-command.md). Exit 0 when the audit
// ran, 2 for bad input (message names file, feature, field), 1 for an internal failure.
// Nothing is written on error: the output goes to a temporary file renamed at the end.
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditResult } from '../src/engine/types';
import type { LayerImport, LayerKind } from '../src/io/import/types';
import { auditJsonChunks, auditToCsv, auditToFlatGeobuf, auditToGeoJSON, auditToXlsx, jsonChunks, joinChunks } from '../src/io/export/index';
import {
  AUDIT_INPUT_FLAGS, AUDIT_INPUT_FORMATS, AUDIT_INPUT_REPEATABLE, AUDIT_INPUT_USAGE,
  auditInputPaths, auditNotes, checkAuditFlags, commandMain, refuseOutputOverInput, InputError, loadAuditInput, parseFlags, runAuditOf,
  type OutputData,
} from './lib/index';

const OUT_EXT = ['.json', '.csv', '.xlsx', '.geojson', '.fgb'];

export const USAGE = `usage: npm run audit -- --communities <file> --facilities <file> [--green <file>] [--roads <file>]
       [--residential <file>]
${AUDIT_INPUT_USAGE}
       [--out <file.json|file.csv|file.xlsx|file.geojson|file.fgb>] [--csv-headers en|zh]
${AUDIT_INPUT_FORMATS}`;

const KNOWN = [...AUDIT_INPUT_FLAGS, 'out', 'csv-headers'];

export interface AuditCommandResult {
  result: AuditResult;
  /** What goes to the output: file contents, or stdout when no --out (text, bytes, or with
   *  `streamed` the JSON and GeoJSON texts as chunks in order). */
  output: OutputData;
  out?: string;
  layers: Partial<Record<LayerKind, LayerImport>>;
  /** Warnings for stderr. */
  notes: string[];
}

export interface AuditCommandOptions {
  /** JSON and GeoJSON outputs as chunks of text (written one after another), never one string. */
  streamed?: boolean;
}

export async function runAuditCommand(argv: string[], options: AuditCommandOptions = {}): Promise<AuditCommandResult> {
  const args = parseFlags(argv, KNOWN, USAGE, AUDIT_INPUT_REPEATABLE);
  const out = args.get('out');
  if (out && !OUT_EXT.includes(extname(out).toLowerCase())) throw new InputError(`--out: "${out}" must end in ${OUT_EXT.join(', ')}`);
  const csvHeaders = args.get('csv-headers') ?? 'en';
  if (csvHeaders !== 'en' && csvHeaders !== 'zh') throw new InputError(`--csv-headers: "${csvHeaders}" must be en or zh`);
  checkAuditFlags(args, USAGE);
  refuseOutputOverInput('--out', out, auditInputPaths(args));
  const ext = out ? extname(out).toLowerCase() : '.json';
  const run = await runAuditOf(await loadAuditInput(args, USAGE, undefined, { startThreads: true, residentialFlat: true, roadsFlat: true }), undefined, { communityTexts: ext === '.json' });
  const { result, data, layers, preset } = run;
  const text = (chunks: () => Iterable<string | Uint8Array>) => (options.streamed ? chunks() : joinChunks(chunks()));
  const output =
    ext === '.csv' ? auditToCsv(result, { chineseHeaders: csvHeaders === 'zh' })
      : ext === '.xlsx' ? auditToXlsx(result, { chineseHeaders: csvHeaders === 'zh', preset, inputs: layers })
        : ext === '.geojson' ? text(() => geoJsonChunks(auditToGeoJSON(result, data.communities) as unknown as Record<string, unknown>))
          : ext === '.fgb' ? auditToFlatGeobuf(result, data.communities)
            : text(() => auditJsonChunks(result, layers, run.communityTexts));
  return { result, output, out, layers, notes: auditNotes(run) };
}

/** The audit's GeoJSON: compact, a newline after it, the features a batch at a time. */
function* geoJsonChunks(fc: Record<string, unknown>): Generator<string | Uint8Array> {
  yield* jsonChunks(fc, { split: ['features'] });
  yield '\n';
}

async function main(): Promise<void> {
  await commandMain(USAGE, 'docs/audit-command.md', (argv) => runAuditCommand(argv, { streamed: true }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
