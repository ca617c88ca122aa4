// What the commands that audit a dataset (audit, report) share: the input flags of audit-cli.md
// (layers, CRS, field mapping, encodings, preset/config, mode), reading the layers, and running
// the audit. Each command adds its own output flags and output.
import { readFile } from 'node:fs/promises';
import type { AuditResult, Dataset, DistanceMode, RulePreset } from '../../src/engine/types';
import type { FieldMap, LayerImport, LayerKind } from '../../src/io/import/types';
import { auditResultOf, datasetCenter, datasetProjection, prepareAudit, runAudit, type AuditContext } from '../../src/engine/audit';
import type { RoadGraph, RoadLinesFlat } from '../../src/engine/network/graph';
import { attachResidentialFeatures } from '../../src/engine/residentialBasis';
import { DEFAULT_PRESET_ID, getPreset, listPresets, validatePreset } from '../../src/engine/presets';
import { auditContextOf } from './auditContext';
import { auditOnThreads, defaultThreads, readOnThread, startAuditThreads, stopAuditThreads, type AuditThread, type ResidentialOnThread } from './auditThreads';
import { formatProblem, InputError } from './inputError';
import { layerCentre, linesCentre, loadLayer, loadResidentialLayer } from './loadLayer';
import { loadRoadLines, ROADS_READER_ENV } from './loadRoads';
import { walkingGraph } from './walkingGraph';
import { createNetworkReachFromGraph } from '../../src/engine/network/networkReach';
import type { ParsedArgs } from './args';
import { createProgress, type Progress } from './progress';

export const LAYERS: LayerKind[] = ['communities', 'facilities', 'green', 'roads', 'residential'];

/** Flags read by loadAuditInput; a command adds its own. */
export const AUDIT_INPUT_FLAGS = [
  ...LAYERS, 'preset', 'config', 'mode', 'mapping', 'threads',
  ...LAYERS.map((l) => `${l}-crs`), ...LAYERS.map((l) => `${l}-field`), ...LAYERS.map((l) => `${l}-encoding`),
];
/** Flags that may be given more than once. */
export const AUDIT_INPUT_REPEATABLE = LAYERS.map((l) => `${l}-field`);

/** The usage lines of the shared input flags (after the command's own first line). */
export const AUDIT_INPUT_USAGE = `       [--preset <id>] [--config <rules.json>] [--mode euclidean|network] [--threads <n>]
       [--communities-crs <crs>] [--facilities-crs <crs>] [--green-crs <crs>] [--roads-crs <crs>] [--residential-crs <crs>]
       [--mapping <fields.json>] [--<layer>-field <canonical>=<source field>] [--<layer>-encoding <gb18030|utf-8>]`;
export const AUDIT_INPUT_FORMATS = `<file>: GeoJSON, FlatGeobuf, Shapefile (.shp + sidecars, or .zip), CSV/XLSX points, OSM (.osm, .osm.pbf)
<crs>: EPSG:nnnn (4326, 4490, 3857, 4491-4554 ...), GCJ02, BD09`;

export interface AuditInput {
  data: Dataset;
  preset: RulePreset;
  mode: DistanceMode;
  /** The layers as read; a residential layer read flat (data.residentialLayer) has no features
   *  here, nor has a road layer read as lines (roadLines). */
  layers: Partial<Record<LayerKind, LayerImport>>;
  /** The road layer as flat lines (LoadAuditInputOptions.roadsFlat), instead of data.roads: the
   *  walking graph is built from them (walkingGraph.ts) and sent as it is to audit threads. */
  roadLines?: RoadLinesFlat;
  /** --threads: how many threads audit the communities (undefined: auditThreads.defaultThreads). */
  threads?: number;
  /** Audit threads already started for this input (LoadAuditInputOptions.startThreads). */
  started?: AuditThread[];
  /** The residential layer (data.residentialLayer) being projected on the first started thread, which read it. */
  projecting?: ResidentialOnThread;
}

export interface RunAuditOptions {
  /** The output is the audit JSON: the audit threads also make their communities' texts in it. */
  communityTexts?: boolean;
}

export interface AuditRun extends AuditInput {
  /** With RunAuditOptions.communityTexts: the communities' texts in the audit JSON (UTF-8) that the
   *  audit threads made (index-aligned with result.communities; io/export auditJsonChunks). */
  communityTexts?: (Uint8Array | undefined)[];
  /** The prepared audit: what maps of gaps (uncoveredPart) are computed from. */
  ctx: AuditContext;
  result: AuditResult;
}

export async function readJson(path: string, what: string): Promise<unknown> {
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

async function fieldMaps(args: ParsedArgs): Promise<Partial<Record<LayerKind, FieldMap>>> {
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

/** Checks the flags that need no file (call before reading anything, so usage errors come first). */
export function checkAuditFlags(args: ParsedArgs, usage: string): DistanceMode {
  if (!args.get('communities')) throw new InputError(`--communities is required\n${usage}`);
  if (!args.get('facilities')) throw new InputError(`--facilities is required\n${usage}`);
  const mode = args.get('mode') ?? 'euclidean';
  if (mode !== 'euclidean' && mode !== 'network') throw new InputError(`--mode: "${mode}" must be euclidean or network`);
  if (mode === 'network' && !args.get('roads')) throw new InputError('--mode network needs --roads <file> (a road layer: GeoJSON/FlatGeobuf/Shapefile lines or OSM)');
  return mode;
}

/** The files the input flags name (layers, rules, field mapping): what an output must never be. */
export function auditInputPaths(args: ParsedArgs): Record<string, string | undefined> {
  const paths: Record<string, string | undefined> = {};
  for (const k of [...LAYERS, 'config', 'mapping']) paths[k] = args.get(k);
  return paths;
}

export interface LoadAuditInputOptions {
  /** The caller runs the audit (runAuditOf): start its threads as soon as the communities are
   *  read, so that they load their code while the other layers are read and prepared. */
  startThreads?: boolean;
  /** The caller only audits the data: the residential layer may be read flat into
   *  data.residentialLayer (loadResidentialLayer) instead of data.residential. */
  residentialFlat?: boolean;
  /** The caller only audits the data: the road layer may be read as flat lines into
   *  AuditInput.roadLines (loadRoads.ts loadRoadLines, as service-areas reads it) instead of
   *  data.roads; with LIFECIRCLE_ROADS_READER=general it is read as features into data.roads. */
  roadsFlat?: boolean;
}

/** Reads the preset and every layer named by the flags; InputError (exit 2) on bad input. */
export async function loadAuditInput(args: ParsedArgs, usage: string, progress: Progress = createProgress(), options: LoadAuditInputOptions = {}): Promise<AuditInput> {
  const mode = checkAuditFlags(args, usage);
  const threads = threadsFlag(args.get('threads'));
  const preset = await choosePreset(args.get('preset'), args.get('config'));
  const maps = await fieldMaps(args);
  const layers: Partial<Record<LayerKind, LayerImport>> = {};
  let hint: { lon: number; lat: number } | undefined;
  let started: AuditThread[] = [];
  let residentialLayer: Dataset['residentialLayer'];
  let onThread: ResidentialOnThread | undefined;
  let roadLines: RoadLinesFlat | undefined;
  const roadsFlat = options.roadsFlat === true && process.env[ROADS_READER_ENV] !== 'general';
  try {
    for (const kind of LAYERS) {
      const path = args.get(kind);
      if (!path) continue;
      const read = {
        crs: args.get(`${kind}-crs`), encoding: args.get(`${kind}-encoding`), fieldMap: maps[kind], hint,
        onProgress: (done: number, total: number) => progress.report(`reading ${path}`, done, total),
      };
      let layer: LayerImport;
      if (kind === 'residential' && onThread) {
        // Read by the first audit thread since the communities were read; its error comes here, in
        // the order of the layers. A file the flat reader declined is read here as loadLayer reads it.
        progress.report(`reading ${path} on an audit thread`, 0, 1);
        const r = await onThread.read;
        if (r) ({ layer, flat: residentialLayer } = r);
        else {
          onThread = undefined;
          layer = await loadLayer(path, kind, read);
        }
        progress.report(`reading ${path} on an audit thread`, 1, 1);
      } else if (kind === 'residential' && options.residentialFlat) ({ layer, flat: residentialLayer } = await loadResidentialLayer(path, read));
      else if (kind === 'roads' && roadsFlat) {
        const r = await loadRoadLines(path, read);
        roadLines = r.lines;
        // A file the flat reader declined was read as features: the lines are all that is kept.
        layer = r.layer.features.length ? { ...r.layer, features: [] } : r.layer;
      } else layer = await loadLayer(path, kind, read);
      layers[kind] = layer;
      hint ??= kind === 'roads' && roadLines ? linesCentre(roadLines) : layerCentre(layer);
      if (kind === 'communities' && options.startThreads) {
        started = startAuditThreads((threads ?? defaultThreads(layer.features.length)) - 1);
        // A residential layer to read flat is read and projected by the first other thread while
        // this one reads the other layers and prepares them (the hint is the communities' centre,
        // as for a read here, so none when they have no coordinates; the projection's centre
        // depends on the communities alone).
        const residential = args.get('residential');
        if (residential && options.residentialFlat && started.length && hint) {
          const center = datasetCenter({ communities: layer.features as Dataset['communities'], facilities: [] });
          onThread = readOnThread(started[0], residential, { crs: args.get('residential-crs'), encoding: args.get('residential-encoding'), fieldMap: maps.residential, hint }, center);
        }
      }
    }
    if (mode === 'network' && !(roadLines ? roadLines.length : layers.roads?.features.length)) throw new InputError(`${args.get('roads')}: no road lines found for network mode`);
  } catch (e) {
    stopAuditThreads(started);
    throw e;
  }
  const data: Dataset = {
    communities: layers.communities!.features as Dataset['communities'],
    facilities: layers.facilities!.features as Dataset['facilities'],
    green: (layers.green?.features ?? []) as Dataset['green'],
    ...(layers.roads && !roadLines ? { roads: layers.roads.features as NonNullable<Dataset['roads']> } : {}),
    ...(residentialLayer ? { residentialLayer } : layers.residential ? { residential: layers.residential.features as NonNullable<Dataset['residential']> } : {}),
  };
  return { data, preset, mode, layers, threads, ...(roadLines ? { roadLines } : {}), ...(started.length ? { started } : {}), ...(onThread ? { projecting: onThread } : {}) };
}

function threadsFlag(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InputError(`--threads: "${v}" must be a whole number from 1 to 256`);
  return n;
}

/**
 * Prepares and runs the audit, on `input.threads` threads (default: the machine's cores for
 * city-sized inputs, auditThreads.ts); the result is the same for any number of threads.
 */
export async function runAuditOf(input: AuditInput, progress: Progress = createProgress(), options: RunAuditOptions = {}): Promise<AuditRun> {
  const { started = [], projecting, ...rest } = input;
  const threads = input.threads ?? defaultThreads(input.data.communities.length);
  const projection = datasetProjection(input.data);
  // On threads each thread prepares the residential bases of its own communities (auditThreads.ts),
  // and a layer read flat was read and is projected on the first of them (loadAuditInput) while
  // this thread prepares the rest.
  const projected = threads > 1 && started.length ? projecting?.projected : undefined;
  let ctx: AuditContext;
  let roadGraph: RoadGraph | undefined;
  try {
    if (projecting && (projecting.center[0] !== projection.center[0] || projecting.center[1] !== projection.center[1])) throw new Error('the residential layer was projected about another centre than the audit\'s');
    const prepare = { deferBases: threads > 1, projectResidential: !projected, projection };
    roadGraph = input.mode === 'network' && input.roadLines ? walkingGraph(input.roadLines, projection) : undefined;
    ctx = roadGraph
      ? prepareAudit(input.data, input.preset, { mode: input.mode, reach: createNetworkReachFromGraph(roadGraph), ...prepare })
      : auditContextOf(input.data, input.preset, input.mode, prepare);
    if (projected) {
      const { features, warnings } = await projected;
      attachResidentialFeatures(ctx, features, warnings);
    }
  } catch (e) {
    stopAuditThreads(started);
    throw e;
  }
  let result: AuditResult;
  let communityTexts: AuditRun['communityTexts'];
  if (threads > 1) {
    const threaded = await auditOnThreads(ctx, threads, started, { texts: options.communityTexts, roadGraph });
    result = auditResultOf(ctx, threaded.results);
    communityTexts = threaded.texts;
  } else {
    stopAuditThreads(started);
    result = runAudit(ctx, { onProgress: (done, total) => progress.report('auditing communities', done, total) });
  }
  return { ...rest, ctx, result, ...(communityTexts ? { communityTexts } : {}) };
}

/** What a command tells on stderr about its inputs and the audit: layers read, warnings, counts. */
export function auditNotes(run: AuditRun): string[] {
  const { layers, result, mode } = run;
  const notes: string[] = [];
  for (const l of Object.values(layers)) {
    notes.push(`${l.files[0]}: ${l.counts.valid} ${l.kind} (${l.format}); ${l.crs.note.en}${l.encoding && l.encoding.from !== 'utf-8' ? `; text ${l.encoding.encoding} (${l.encoding.from}, confidence ${l.encoding.confidence})` : ''}`);
    for (const p of l.problems.filter((x) => x.severity === 'warning').slice(0, 10)) notes.push(`warning: ${formatProblem(p)}`);
    for (const n of l.notes) notes.push(n);
  }
  const line = (w: AuditResult['warnings'][number]) => `warning: ${w.layer}: feature ${w.feature}${w.field ? `: field ${w.field}` : ''}: ${w.message}`;
  // Walking mode: communities no road reaches come first and all of them (a road layer from
  // another place must not pass as an audit where everything fails).
  const offNetwork = result.warnings.filter((w) => w.code === 'community_off_network');
  if (offNetwork.length > 0) {
    notes.push(`warning: ${run.layers.roads?.files[0] ?? 'roads'}: ${offNetwork.length} of ${result.summary.communities} communities have no walkable road within the connector distance; walking figures there are not meaningful (does the road layer cover the communities?)`);
    for (const w of offNetwork) notes.push(line(w));
  }
  const others = result.warnings.filter((w) => w.code !== 'community_off_network');
  for (const w of others.slice(0, 20)) notes.push(line(w));
  if (others.length > 20) notes.push(`… ${others.length - 20} more data warnings (see the JSON output)`);
  notes.push(`${result.summary.communities} communities audited (${mode}, preset ${result.preset}): ${result.summary.failing} failing`);
  return notes;
}
