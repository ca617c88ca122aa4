// `npm run audit -- --communities <file> --facilities <file> [--green <file>] [--roads <file>]
//   [--preset <id>] [--config <rules.json>] [--mode euclidean|network] [--<layer>-crs <crs>]
//   [--out <file.json|file.csv|file.geojson|file.fgb>]`
// Public interface: /work/shared/spec/audit-cli.md (docs/audit-command.md). Exit 0 when the audit
// ran, 2 for bad input (message names file, feature, field), 1 for an internal failure.
// Nothing is written on error: the output goes to a temporary file renamed at the end.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditResult, Dataset, RulePreset } from '../src/engine/types';
import type { FieldMap, LayerImport, LayerKind } from '../src/io/import/types';
import { auditDataset, datasetProjection } from '../src/engine/audit';
import { DEFAULT_PRESET_ID, getPreset, listPresets, validatePreset } from '../src/engine/presets';
import { createNetworkReach } from '../src/engine/network/networkReach';
import { auditToCsv, auditToFlatGeobuf, auditToGeoJSON, auditToJson } from '../src/io/export/index';
import { exitOnError, formatProblem, InputError, layerCentre, loadLayer, parseFlags, writeAtomic } from './lib/index';

const LAYERS: LayerKind[] = ['communities', 'facilities', 'green', 'roads'];
const OUT_EXT = ['.json', '.csv', '.geojson', '.fgb'];

export const USAGE = `usage: npm run audit -- --communities <file> --facilities <file> [--green <file>] [--roads <file>]
       [--preset <id>] [--config <rules.json>] [--mode euclidean|network]
       [--communities-crs <crs>] [--facilities-crs <crs>] [--green-crs <crs>] [--roads-crs <crs>]
       [--out <file.json|file.csv|file.geojson|file.fgb>]
       [--mapping <fields.json>] [--<layer>-field <canonical>=<source field>] [--<layer>-encoding <gb18030|utf-8>]
       [--csv-headers en|zh]
<file>: GeoJSON, FlatGeobuf, Shapefile (.shp + sidecars, or .zip), CSV/XLSX points, OSM (.osm, .osm.pbf)
<crs>: EPSG:nnnn (4326, 4490, 3857, 4491-4554 ...), GCJ02, BD09`;

const KNOWN = [
  ...LAYERS, 'preset', 'config', 'mode', 'out', 'mapping', 'csv-headers',
  ...LAYERS.map((l) => `${l}-crs`), ...LAYERS.map((l) => `${l}-field`), ...LAYERS.map((l) => `${l}-encoding`),
];

export interface AuditCommandResult {
  result: AuditResult;
  /** What goes to the output: file contents, or stdout when no --out. */
  output: Uint8Array | string;
  out?: string;
  layers: Partial<Record<LayerKind, LayerImport>>;
  /** Warnings for stderr. */
  notes: string[];
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: ${what} file not readable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${path}: ${what} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

async function choosePreset(presetId: string | undefined, config: string | undefined): Promise<RulePreset> {
  if (config) {
    if (presetId) throw new InputError('give either --preset or --config, not both');
    const v = validatePreset(await readJson(config, 'rules'));
    if ('errors' in v) throw new InputError(`${config}: invalid rule preset:\n  ${v.errors.join('\n  ')}`);
    return v.preset;
  }
  const id = presetId ?? DEFAULT_PRESET_ID;
  const p = getPreset(id);
  if (!p) throw new InputError(`--preset: unknown preset "${id}" (built-in: ${listPresets().map((x) => x.id).join(', ')})`);
  return p;
}

async function fieldMaps(args: ReturnType<typeof parseFlags>): Promise<Partial<Record<LayerKind, FieldMap>>> {
  const maps: Partial<Record<LayerKind, FieldMap>> = {};
  const mappingPath = args.get('mapping');
  if (mappingPath) {
    const m = await readJson(mappingPath, 'field mapping');
    if (!m || typeof m !== 'object' || Array.isArray(m)) throw new InputError(`${mappingPath}: field mapping must be an object { "communities": { "households": "<source field>" }, ... }`);
    for (const [layer, map] of Object.entries(m as Record<string, unknown>)) {
      if (!LAYERS.includes(layer as LayerKind)) throw new InputError(`${mappingPath}: field mapping: unknown layer "${layer}" (${LAYERS.join(', ')})`);
      if (!map || typeof map !== 'object' || Object.values(map).some((v) => typeof v !== 'string'))
        throw new InputError(`${mappingPath}: field mapping: "${layer}" must map canonical field names to source field names (strings)`);
      maps[layer as LayerKind] = { ...(map as FieldMap) };
    }
  }
  for (const l of LAYERS)
    for (const pair of args.all(`${l}-field`)) {
      const m = /^([^=]+)=(.+)$/.exec(pair);
      if (!m) throw new InputError(`--${l}-field: "${pair}" must be <canonical>=<source field>, e.g. households=户数`);
      maps[l] = { ...(maps[l] ?? {}), [m[1].trim()]: m[2].trim() };
    }
  return maps;
}

export async function runAuditCommand(argv: string[]): Promise<AuditCommandResult> {
  const repeat = LAYERS.map((l) => `${l}-field`);
  const args = parseFlags(argv, KNOWN, USAGE, repeat);
  if (!args.get('communities')) throw new InputError(`--communities is required\n${USAGE}`);
  if (!args.get('facilities')) throw new InputError(`--facilities is required\n${USAGE}`);
  const mode = args.get('mode') ?? 'euclidean';
  if (mode !== 'euclidean' && mode !== 'network') throw new InputError(`--mode: "${mode}" must be euclidean or network`);
  if (mode === 'network' && !args.get('roads')) throw new InputError('--mode network needs --roads <file> (a road layer: GeoJSON/FlatGeobuf/Shapefile lines or OSM)');
  const out = args.get('out');
  if (out && !OUT_EXT.includes(extname(out).toLowerCase())) throw new InputError(`--out: "${out}" must end in ${OUT_EXT.join(', ')}`);
  const csvHeaders = args.get('csv-headers') ?? 'en';
  if (csvHeaders !== 'en' && csvHeaders !== 'zh') throw new InputError(`--csv-headers: "${csvHeaders}" must be en or zh`);
  const preset = await choosePreset(args.get('preset'), args.get('config'));
  const maps = await fieldMaps(args);

  const layers: Partial<Record<LayerKind, LayerImport>> = {};
  let hint: { lon: number; lat: number } | undefined;
  for (const kind of LAYERS) {
    const path = args.get(kind);
    if (!path) continue;
    const layer = await loadLayer(path, kind, { crs: args.get(`${kind}-crs`), encoding: args.get(`${kind}-encoding`), fieldMap: maps[kind], hint });
    layers[kind] = layer;
    hint ??= layerCentre(layer);
  }
  const data: Dataset = {
    communities: layers.communities!.features as Dataset['communities'],
    facilities: layers.facilities!.features as Dataset['facilities'],
    green: (layers.green?.features ?? []) as Dataset['green'],
    ...(layers.roads ? { roads: layers.roads.features as NonNullable<Dataset['roads']> } : {}),
  };
  let reach;
  // One projection for the network graph and the audit, so network metres are the audit's metres.
  const projection = datasetProjection(data);
  if (mode === 'network') {
    if (!data.roads?.length) throw new InputError(`${args.get('roads')}: no road lines found for network mode`);
    reach = createNetworkReach(data.roads, projection);
  }
  const result = auditDataset(data, preset, { mode, reach, projection });
  const ext = out ? extname(out).toLowerCase() : '.json';
  const output =
    ext === '.csv' ? auditToCsv(result, { chineseHeaders: csvHeaders === 'zh' })
      : ext === '.geojson' ? `${JSON.stringify(auditToGeoJSON(result, data.communities))}\n`
        : ext === '.fgb' ? auditToFlatGeobuf(result, data.communities)
          : auditToJson(result, layers);
  const notes: string[] = [];
  for (const l of Object.values(layers)) {
    notes.push(`${l.files[0]}: ${l.counts.valid} ${l.kind} (${l.format}); ${l.crs.note.en}${l.encoding && l.encoding.from !== 'utf-8' ? `; text ${l.encoding.encoding} (${l.encoding.from}, confidence ${l.encoding.confidence})` : ''}`);
    for (const p of l.problems.filter((x) => x.severity === 'warning').slice(0, 10)) notes.push(`warning: ${formatProblem(p)}`);
    for (const n of l.notes) notes.push(n);
  }
  for (const w of result.warnings.slice(0, 20)) notes.push(`warning: ${w.layer}: feature ${w.feature}${w.field ? `: field ${w.field}` : ''}: ${w.message}`);
  if (result.warnings.length > 20) notes.push(`… ${result.warnings.length - 20} more data warnings (see the JSON output)`);
  notes.push(`${result.summary.communities} communities audited (${mode}, preset ${result.preset}): ${result.summary.failing} failing`);
  return { result, output, out, layers, notes };
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(`${USAGE}\n(see docs/audit-command.md)\n`);
    return;
  }
  try {
    const r = await runAuditCommand(process.argv.slice(2));
    if (r.out) {
      try {
        await writeAtomic(r.out, r.output);
      } catch (e) {
        throw new InputError(`${r.out}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
      }
      r.notes.push(`wrote ${r.out}`);
    } else process.stdout.write(r.output);
    process.stderr.write(`${r.notes.join('\n')}\n`);
    process.exitCode = 0;
  } catch (e) {
    exitOnError(e);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
