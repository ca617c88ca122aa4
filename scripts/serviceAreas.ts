// `npm run service-areas -- --facilities <file> [--roads <file>] --distances 300,500,1000
//   [--mode network|euclidean] [--category <key>] [--<layer>-crs <crs>] [--out <file.geojson|file.fgb>]`
// Public interface: /work/shared/spec/service-areas-cli.md. Exit 0 on success, 2 on bad input
// (the message names the file, the feature and the field); nothing is written on error: every input
// is read and checked before the first feature. GeoJSON is streamed feature by feature (memory stays
// flat however many facilities × distances), atomically to --out; FlatGeobuf is written whole.
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import { FACILITY_CATEGORIES } from '../src/engine/types';
import { writeFlatGeobuf } from '../src/io/flatgeobuf';
import { buildRoadGraphFlat, graphStats, roadLinesCenter } from '../src/engine/network/graph';
import { facilityBands, ringsToMultiPolygon } from '../src/engine/network/facilityAreas';
import { geodesicCircle } from '../src/engine/network/geodesicCircle';
import { createLocalProjection } from '../src/engine/geo/localProjection';
import { DEFAULT_MAX_OFFSET_M } from '../src/engine/network/serviceArea';
import { DEFAULT_MAX_CONNECTOR_M } from '../src/engine/network/join';
import { distanceProblem } from '../src/engine/plausibility';
import { commandMain, createProgress, InputError, layerCentre, loadLayer, parseFlags, refuseOutputOverInput, type OutputData } from './lib/index';
import { memoInverse } from './lib/memoInverse';
import { loadRoadLines } from './lib/loadRoads';

export { InputError };

const USAGE = `usage: npm run service-areas -- --facilities <file> [--roads <file>] --distances 300,500,1000
       [--mode network|euclidean] [--category <key>] [--facilities-crs <crs>] [--roads-crs <crs>]
       [--max-offset <m>] [--max-connector <m>] [--out <file.geojson|file.fgb>]`;

interface Args {
  facilities: string;
  roads?: string;
  distances: number[];
  mode: 'network' | 'euclidean';
  category?: string;
  facilitiesCrs?: string;
  roadsCrs?: string;
  out?: string;
  maxOffset: number;
  maxConnector: number;
  /** Plausibility warnings for stderr. */
  warnings: string[];
}

/** Distances one command accepts: each is a band for every facility. */
export const MAX_DISTANCES = 20;
/** Bands (facilities × distances) one command computes: the work it accepts (the output is streamed,
 *  so memory stays flat, but the time grows with the bands). */
export const MAX_BANDS = 200_000;

export function parseArgs(argv: string[]): Args {
  const known = ['facilities', 'roads', 'distances', 'mode', 'category', 'facilities-crs', 'roads-crs', 'out', 'max-offset', 'max-connector'];
  const v = parseFlags(argv, known, USAGE);
  const facilities = v.get('facilities');
  if (!facilities) throw new InputError(`--facilities is required\n${USAGE}`);
  const dText = v.get('distances');
  if (!dText) throw new InputError(`--distances is required (e.g. 300,500,1000)\n${USAGE}`);
  const distances = dText.split(',').map((s) => s.trim());
  const nums = distances.map(Number);
  const bad = distances.find((s, i) => s === '' || !Number.isFinite(nums[i]) || nums[i] <= 0);
  if (bad !== undefined) throw new InputError(`--distances: "${bad}" is not a positive number of metres`);
  const unique = [...new Set(nums)];
  if (unique.length > MAX_DISTANCES) throw new InputError(`--distances: ${unique.length} distances; at most ${MAX_DISTANCES} (each one is a band per facility: run several commands for more)`);
  const warnings: string[] = [];
  for (const d of unique) {
    const p = distanceProblem(d);
    if (p?.severity === 'error') throw new InputError(`--distances: ${p.message}`);
    if (p) warnings.push(`warning: --distances: ${p.message}`);
  }
  const mode = v.get('mode') ?? 'network';
  if (mode !== 'network' && mode !== 'euclidean') throw new InputError(`--mode: "${mode}" must be network or euclidean`);
  const category = v.get('category');
  if (category !== undefined && !(FACILITY_CATEGORIES as readonly string[]).includes(category))
    throw new InputError(`--category: "${category}" is not a facility category (${FACILITY_CATEGORIES.join(', ')})`);
  const roads = v.get('roads');
  if (mode === 'network' && !roads) throw new InputError(`--roads is required in network mode (or use --mode euclidean)`);
  const positive = (k: string, def: number) => {
    const s = v.get(k);
    if (s === undefined) return def;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) throw new InputError(`--${k}: "${s}" is not a number of metres`);
    return n;
  };
  const out = v.get('out');
  if (out && !['.geojson', '.json', '.fgb'].includes(extname(out).toLowerCase())) throw new InputError(`--out: "${out}" must end in .geojson, .json or .fgb`);
  return {
    facilities,
    roads,
    distances: unique,
    warnings,
    mode,
    category,
    facilitiesCrs: v.get('facilities-crs'),
    roadsCrs: v.get('roads-crs'),
    out,
    maxOffset: positive('max-offset', DEFAULT_MAX_OFFSET_M),
    maxConnector: positive('max-connector', DEFAULT_MAX_CONNECTOR_M),
  };
}

/** A prepared run: inputs read and checked (every input error is raised before any output), the
 *  features computed one facility at a time as they are taken, and the summary once they all are. */
export interface ServiceAreasRun {
  features: Iterable<Feature>;
  /** The notes for stderr; complete once `features` has been run through. */
  summary(): string;
  out?: string;
}

export async function prepareServiceAreas(argv: string[]): Promise<ServiceAreasRun> {
  const args = parseArgs(argv);
  refuseOutputOverInput('--out', args.out, { facilities: args.facilities, roads: args.roads });
  const facLayer = await loadLayer(args.facilities, 'facilities', { crs: args.facilitiesCrs });
  let facilities = facLayer.features;
  if (args.category) facilities = facilities.filter((f) => f.category === args.category);
  const bands = facilities.length * args.distances.length;
  if (bands > MAX_BANDS)
    throw new InputError(`${args.facilities}: ${facilities.length} facilities × ${args.distances.length} distances = ${bands} bands; at most ${MAX_BANDS} per run (pick a --category, fewer distances, or split the file)`);
  const ids = new Set<string>();
  for (const f of facilities) {
    if (ids.has(f.id)) throw new InputError(`${args.facilities}: feature ${f.id}: field id: duplicate id`);
    ids.add(f.id);
  }
  const progress = createProgress();
  const notes = (summary: string) => [...args.warnings, summary].join('\n');

  if (args.mode === 'euclidean') {
    function* circles(): Generator<Feature> {
      for (const [i, f] of facilities.entries()) {
        progress.report('service areas (facilities)', i + 1, facilities.length);
        for (const d of args.distances)
          yield { type: 'Feature', geometry: { type: 'Polygon', coordinates: [geodesicCircle(f.position, d, 128)] }, properties: { kind: 'area', facility: f.id, distance: d, mode: 'euclidean' } };
      }
    }
    return { features: circles(), summary: () => notes(`${facilities.length} facilities × ${args.distances.length} distances, straight-line (geodesic circles)`), out: args.out };
  }

  // Read flat (no array per vertex) when the file allows, else as every layer is read.
  const { lines: roads } = await loadRoadLines(args.roads!, { crs: args.roadsCrs, hint: layerCentre(facLayer) });
  if (!roads.length) throw new InputError(`${args.roads}: no road lines found`);
  // Local projection centred on the middle of the road layer's extent.
  const projection = createLocalProjection(roadLinesCenter(roads));
  const graph = buildRoadGraphFlat(roads, projection);
  const stats = graphStats(graph);
  let off = 0;
  // Back to lon/lat through a table of the facility's points already mapped (its bands share most vertices).
  const back = memoInverse(projection);
  const lonLat = { forward: projection.forward, inverse: back.inverse };
  function* networkBands(): Generator<Feature> {
    for (const [i, f] of facilities.entries()) {
      progress.report('service areas (facilities)', i + 1, facilities.length);
      const res = facilityBands(graph, { id: f.id, xy: projection.forward(f.position) }, args.distances, { maxOffset_m: args.maxOffset, maxConnector_m: args.maxConnector });
      if (!res.join) off++;
      back.clear();
      for (const b of res.bands) {
        const lines = b.network.lines.map((l) => l.map((p) => back.inverse(p)));
        const common = { facility: f.id, distance: b.distance };
        yield {
          type: 'Feature',
          geometry: lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines },
          properties: { kind: 'network', ...common, length_m: Math.round(b.network.length_m * 100) / 100, connector_m: res.join ? Math.round(res.join.connector * 100) / 100 : null, offNetwork: !res.join },
        };
        const mp = ringsToMultiPolygon(b.area, lonLat);
        yield {
          type: 'Feature',
          geometry: mp.length === 1 ? { type: 'Polygon', coordinates: mp[0] } : { type: 'MultiPolygon', coordinates: mp },
          properties: { kind: 'area', ...common, maxOffset_m: args.maxOffset },
        };
      }
    }
  }
  const summary = () => notes(
    `${facilities.length} facilities × ${args.distances.length} distances on ${stats.edges} edges ` +
    `(${(stats.totalLength_m / 1000).toFixed(1)} km, ${stats.components} components, largest ${(stats.largestComponentShare * 100).toFixed(1)}%); ` +
    `${off} facilities off network (> ${args.maxConnector} m from any road)`);
  return { features: networkBands(), summary, out: args.out };
}

/** The whole collection in memory (for tests and callers that want it); the command streams instead. */
export async function runServiceAreas(argv: string[]): Promise<{ collection: FeatureCollection; summary: string; out?: string }> {
  const run = await prepareServiceAreas(argv);
  const features = [...run.features];
  return { collection: { type: 'FeatureCollection', features }, summary: run.summary(), out: run.out };
}

/** Text gathered before a chunk is handed to the writer: one write per about this many characters
 *  instead of one per feature (2,000 facilities on a street grid write 12,000 small features). */
const CHUNK_CHARS = 1 << 20;
/** A feature text at least this long goes to the writer on its own, as it is: joined into a chunk it
 *  would be copied once more, and kept waiting for the chunk it would be copied by the garbage
 *  collector (a lattice band's text is 100–500 kB). */
const OWN_CHUNK_CHARS = 1 << 16;

/** A FeatureCollection as JSON text in chunks of about CHUNK_CHARS (or one long feature), whole
 *  features each: the same text as JSON.stringify of the whole collection, without ever holding it.
 *  `counted` is called per feature. */
export function* featureCollectionChunks(features: Iterable<Feature>, counted: () => void = () => undefined): Generator<string> {
  let pending: string[] = ['{"type":"FeatureCollection","features":['];
  let size = 0;
  let first = true;
  for (const f of features) {
    const text = JSON.stringify(f);
    if (!first) pending.push(',');
    first = false;
    counted();
    if (text.length >= OWN_CHUNK_CHARS) {
      yield pending.join('');
      yield text;
      pending = [];
      size = 0;
      continue;
    }
    pending.push(text);
    size += text.length;
    if (size >= CHUNK_CHARS) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  pending.push(']}');
  yield pending.join('');
}

async function main(): Promise<void> {
  await commandMain(USAGE, 'docs/network-areas.md', async (argv) => {
    const run = await prepareServiceAreas(argv);
    const notes: string[] = [];
    let count = 0;
    let output: OutputData;
    if (run.out && extname(run.out).toLowerCase() === '.fgb') {
      // FlatGeobuf's writer takes the whole collection (its header counts the features): not streamed.
      const features = [...run.features];
      count = features.length;
      output = writeFlatGeobuf({ type: 'FeatureCollection', features });
      notes.push(run.summary(), `${count} features`);
    } else {
      // GeoJSON, streamed feature by feature to the file or stdout; the summary once all are written.
      const out = run.out;
      output = (function* () {
        yield* featureCollectionChunks(run.features, () => count++);
        if (!out) yield '\n';
        notes.push(run.summary(), `${count} features`);
      })();
    }
    return { out: run.out, output, notes };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
