// `npm run suggest -- --communities <file> --facilities <file> [--green <file>] [--roads <file>]
//   --category <key> (--tier 5|10|15 | --distance <m>) --count <K> [--candidates <points file> | --grid <m>]
//   [--exact] [--mode euclidean|network] [--preset <id>] [--<layer>-crs <crs>] [--out <file.json|file.geojson|file.csv>]`
// Public interface: /work/shared/spec/suggest-cli.md (docs/suggest-command.md). Exit 0 when the
// proposals were computed, 2 for bad input (message names file, feature, field), 1 for an
// internal failure. Nothing is written on error: the output goes to a temporary file renamed at the end.
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { datasetProjection, prepareAudit, type AuditContext } from '../src/engine/audit';
import { createNetworkReach } from '../src/engine/network/networkReach';
import type { FacilityCategory } from '../src/engine/types';
import { categoryOf } from '../src/io/fields/categoryValues';
import { readPointLayer } from '../src/io/import/readPoints';
import {
  DEFAULT_GRID_M, gridCandidates, pointCandidates, suggestSites, suggestToCsv, suggestToGeoJSON, suggestToJson,
  type Candidate, type ResidentialPolygon, type SuggestResult, type SuggestRunInfo,
} from '../src/planning/suggest/index';
import {
  AUDIT_INPUT_FLAGS, AUDIT_INPUT_FORMATS, AUDIT_INPUT_REPEATABLE, AUDIT_INPUT_USAGE,
  auditInputPaths, checkAuditFlags, commandMain, formatProblem, InputError, layerCentre, loadAuditInput, parseFlags, readInputFiles,
  refuseOutputOverInput, throwOnErrors,
} from './lib/index';
import { distanceProblem } from '../src/engine/plausibility';

const OUT_EXT = ['.json', '.geojson', '.csv'];
const BOOLEAN_FLAGS = ['exact'];
/** The residential layer comes with the coverage-basis work; until the shared input reads it, the flag is refused. */
const RESIDENTIAL_READ = AUDIT_INPUT_FLAGS.includes('residential');

export const USAGE = `usage: npm run suggest -- --communities <file> --facilities <file> [--green <file>] [--roads <file>]
       --category <key> (--tier 5|10|15 | --distance <m>) --count <K>
       [--candidates <points file> [--candidates-crs <crs>] | --grid <m>] [--exact]
${AUDIT_INPUT_USAGE}
       [--out <file.json|file.geojson|file.csv>]
${AUDIT_INPUT_FORMATS}`;

const KNOWN = [...new Set([...AUDIT_INPUT_FLAGS, 'residential', 'category', 'tier', 'distance', 'count', 'candidates', 'candidates-crs', 'grid', 'out', 'max-nodes'])];

export interface SuggestCommandResult {
  result: SuggestResult;
  output: string;
  out?: string;
  notes: string[];
}

function positive(flag: string, v: string, integer = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new InputError(`--${flag}: "${v}" must be a positive ${integer ? 'whole number' : 'number'}`);
  return n;
}

export async function runSuggestCommand(argv: string[], options: { onProgress?: (phase: string, done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<SuggestCommandResult> {
  const flags = new Set<string>();
  const rest = argv.filter((a) => {
    const name = a.startsWith('--') ? a.slice(2) : '';
    if (BOOLEAN_FLAGS.includes(name)) { flags.add(name); return false; }
    return true;
  });
  const args = parseFlags(rest, KNOWN, USAGE, AUDIT_INPUT_REPEATABLE);
  // Flags that need no file first, so usage errors come before any reading.
  const out = args.get('out');
  if (out && !OUT_EXT.includes(extname(out).toLowerCase())) throw new InputError(`--out: "${out}" must end in ${OUT_EXT.join(', ')}`);
  if (args.has('residential') && !RESIDENTIAL_READ) throw new InputError('--residential: this build does not read a residential layer yet; proposals use the community-area basis');
  const catArg = args.get('category');
  if (!catArg) throw new InputError(`--category is required\n${USAGE}`);
  const category: FacilityCategory | undefined = categoryOf(catArg);
  if (!category) throw new InputError(`--category: "${catArg}" is not a facility category (see STANDARDS.md: kindergarten, elderly_care, … or 幼儿园, 养老服务站, …)`);
  const tier = args.get('tier'), distArg = args.get('distance');
  if ((tier === undefined) === (distArg === undefined)) throw new InputError('give either --tier <minutes> or --distance <m> (one of them)');
  const distance = distArg !== undefined ? positive('distance', distArg) : undefined;
  const distWarning = distance !== undefined ? distanceProblem(distance) : undefined;
  if (distWarning?.severity === 'error') throw new InputError(`--distance: ${distWarning.message}`);
  const countArg = args.get('count');
  if (!countArg) throw new InputError(`--count is required\n${USAGE}`);
  const count = positive('count', countArg, true);
  if (args.has('candidates') && args.has('grid')) throw new InputError('give either --candidates <points file> or --grid <m>, not both');
  if (args.has('candidates-crs') && !args.has('candidates')) throw new InputError('--candidates-crs needs --candidates <points file>');
  const grid = args.has('grid') ? positive('grid', args.get('grid')!) : DEFAULT_GRID_M;
  const maxNodes = args.has('max-nodes') ? positive('max-nodes', args.get('max-nodes')!, true) : undefined;

  checkAuditFlags(args, USAGE);
  refuseOutputOverInput('--out', out, { ...auditInputPaths(args), candidates: args.get('candidates') });
  const input = await loadAuditInput(args, USAGE);
  const { data, preset, mode, layers } = input;
  if (tier !== undefined && !preset.tiers[tier]) throw new InputError(`--tier: preset ${preset.id} has no tier "${tier}" (tiers: ${Object.keys(preset.tiers).join(', ')})`);
  const projection = datasetProjection(data);
  const reach = mode === 'network' ? createNetworkReach(data.roads ?? [], projection) : undefined;
  const ctx: AuditContext = prepareAudit(data, preset, { mode, reach, projection });
  const d = distance ?? ctx.tierDistances[tier!];

  let candidates: Candidate[];
  let info: SuggestRunInfo['candidates'];
  const candPath = args.get('candidates');
  if (candPath) {
    const layer = await readPointLayer(await readInputFiles(candPath), { crs: args.get('candidates-crs'), hint: layers.communities ? layerCentre(layers.communities) : undefined });
    const sugg = layer.crs?.suggestions?.[0];
    if (sugg) for (const p of layer.problems) if (p.severity === 'error' && p.feature === undefined && /coordinates/.test(p.message)) p.message += `\n  → try --candidates-crs ${sugg.crs}`;
    throwOnErrors(layer.problems);
    if (!layer.points.length) throw new InputError(`${candPath}: no candidate points in the file`);
    candidates = pointCandidates(ctx, layer.points);
    info = { source: 'file', count: candidates.length, file: candPath };
  } else {
    candidates = gridCandidates(ctx, grid);
    if (!candidates.length) throw new InputError(`--grid ${grid}: no grid point falls inside a community (the communities are smaller than the grid)`);
    info = { source: 'grid', count: candidates.length, grid_m: grid };
  }

  // The residential layer, when the shared input reads one, is the demand's basis as it is the audit's.
  const residential = (data as { residential?: ResidentialPolygon[] }).residential;
  const result = suggestSites(ctx, { category, distance_m: d, count, candidates, exact: flags.has('exact'), maxNodes, residential, onProgress: options.onProgress, signal: options.signal });
  const ext = out ? extname(out).toLowerCase() : '.json';
  const output = ext === '.csv' ? suggestToCsv(result)
    : ext === '.geojson' ? `${JSON.stringify(suggestToGeoJSON(result))}\n`
      : `${JSON.stringify(suggestToJson(result, { preset: preset.id, tier: tier ?? null, candidates: info }), null, 2)}\n`;

  const notes: string[] = [];
  if (distWarning) notes.push(`warning: --distance: ${distWarning.message}`);
  for (const l of Object.values(layers)) notes.push(`${l.files[0]}: ${l.counts.valid} ${l.kind} (${l.format}); ${l.crs.note.en}`);
  for (const p of Object.values(layers).flatMap((l) => l.problems.filter((x) => x.severity === 'warning')).slice(0, 10)) notes.push(`warning: ${formatProblem(p)}`);
  notes.push(`${info.count} candidate sites (${info.source === 'grid' ? `${grid} m grid` : candPath}); ${category} within ${Math.round(d * 100) / 100} m (${mode})`);
  if (result.sites.length < count) notes.push(`only ${result.sites.length} of ${count} sites: no other candidate reaches a household not already within reach`);
  notes.push(`households within: ${result.before.householdsWithin.toFixed(1)} → ${result.after.householdsWithin.toFixed(1)} of ${result.households}; communities below the threshold ${result.threshold}: ${result.before.communitiesBelowThreshold} → ${result.after.communitiesBelowThreshold}`);
  if (result.exact) notes.push(`exact: ${result.exact.proven ? 'optimum proven' : `not proven within the node limit (bound ${result.exact.model.upperBound.toFixed(1)} sampled households)`}; greedy ${result.exact.gapPercent.toFixed(2)} % below it`);
  return { result, output, out, notes };
}

async function main(): Promise<void> {
  await commandMain(USAGE, 'docs/suggest-command.md', (argv) => runSuggestCommand(argv));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
