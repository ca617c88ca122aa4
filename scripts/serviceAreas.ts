// `npm run service-areas -- --facilities <file> [--roads <file>] --distances 300,500,1000
//   [--mode network|euclidean] [--category <key>] [--<layer>-crs <crs>] [--out <file.geojson|file.fgb>]`
// Public interface: /work/shared/spec/service-areas-cli.md. Exit 0 on success, 2 on bad input
// (the message names the file, the feature and the field); nothing is written on error.
import { readFile, writeFile } from 'node:fs/promises';
import { extname, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import proj4 from 'proj4';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Position, RoadLine } from '../src/engine/types';
import { FACILITY_CATEGORIES } from '../src/engine/types';
import { facilitiesFromGeoJSON, roadsFromGeoJSON } from '../src/io/canonical';
import { readFlatGeobuf, writeFlatGeobuf } from '../src/io/flatgeobuf';
import { readOsm } from '../src/io/osm/index';
import { buildRoadGraph, graphStats } from '../src/engine/network/graph';
import { facilityBands, ringsToMultiPolygon } from '../src/engine/network/facilityAreas';
import { geodesicCircle } from '../src/engine/network/geodesicCircle';
import { createLocalTmerc } from '../src/engine/network/localTmerc';
import { DEFAULT_MAX_OFFSET_M } from '../src/engine/network/serviceArea';
import { DEFAULT_MAX_CONNECTOR_M } from '../src/engine/network/join';

/** Bad input: exit status 2. */
export class InputError extends Error {}

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
}

export function parseArgs(argv: string[]): Args {
  const v = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new InputError(`unexpected argument "${a}"\n${USAGE}`);
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const val = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (val === undefined) throw new InputError(`--${key} needs a value\n${USAGE}`);
    const known = ['facilities', 'roads', 'distances', 'mode', 'category', 'facilities-crs', 'roads-crs', 'out', 'max-offset', 'max-connector'];
    if (!known.includes(key)) throw new InputError(`unknown option --${key}\n${USAGE}`);
    v.set(key, val);
  }
  const facilities = v.get('facilities');
  if (!facilities) throw new InputError(`--facilities is required\n${USAGE}`);
  const dText = v.get('distances');
  if (!dText) throw new InputError(`--distances is required (e.g. 300,500,1000)\n${USAGE}`);
  const distances = dText.split(',').map((s) => s.trim());
  const nums = distances.map(Number);
  const bad = distances.find((s, i) => s === '' || !Number.isFinite(nums[i]) || nums[i] <= 0);
  if (bad !== undefined) throw new InputError(`--distances: "${bad}" is not a positive number of metres`);
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
    distances: [...new Set(nums)],
    mode,
    category,
    facilitiesCrs: v.get('facilities-crs'),
    roadsCrs: v.get('roads-crs'),
    out,
    maxOffset: positive('max-offset', DEFAULT_MAX_OFFSET_M),
    maxConnector: positive('max-connector', DEFAULT_MAX_CONNECTOR_M),
  };
}

/** proj4 definition of a CRS name given on the command line (STANDARDS.md §4), or a datum shift. */
function crsConverter(crs: string, file: string): (p: Position) => Position {
  const c = crs.trim().toUpperCase();
  if (c === 'GCJ02' || c === 'GCJ-02') return (p) => gcoord.transform(p as [number, number], gcoord.GCJ02, gcoord.WGS84) as Position;
  if (c === 'BD09' || c === 'BD-09') return (p) => gcoord.transform(p as [number, number], gcoord.BD09, gcoord.WGS84) as Position;
  const m = /^EPSG:(\d+)$/.exec(c);
  if (!m) throw new InputError(`${file}: CRS "${crs}" is not understood (use EPSG:nnnn, GCJ02 or BD09)`);
  const code = Number(m[1]);
  if (code === 4326 || code === 4490) return (p) => p;
  let def: string | undefined;
  if (code === 3857) def = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  // CGCS2000 Gauss-Krüger: 3-degree with zone prefix 4513–4533 (zones 25–45), without 4534–4554
  // (CM 75°–135°E); 6-degree with prefix 4491–4501 (zones 13–23), without 4502–4512.
  const gk = (cm: number, x0: number) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  if (code >= 4513 && code <= 4533) def = gk((code - 4513 + 25) * 3, (code - 4513 + 25) * 1e6 + 500000);
  else if (code >= 4534 && code <= 4554) def = gk(75 + (code - 4534) * 3, 500000);
  else if (code >= 4491 && code <= 4501) def = gk((code - 4491 + 13) * 6 - 3, (code - 4491 + 13) * 1e6 + 500000);
  else if (code >= 4502 && code <= 4512) def = gk(75 + (code - 4502) * 6, 500000);
  if (!def) throw new InputError(`${file}: CRS EPSG:${code} is not supported by this command`);
  const conv = proj4(def, 'EPSG:4326');
  return (p) => conv.forward([p[0], p[1]]) as Position;
}

function mapCoords(g: Geometry | null, f: (p: Position) => Position): Geometry | null {
  if (!g) return g;
  const walk = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? f(c as Position) : (c as unknown[]).map(walk));
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => mapCoords(x, f)!) };
  return { ...g, coordinates: walk(g.coordinates) } as Geometry;
}

async function readCollection(file: string, crs: string | undefined): Promise<{ fc?: FeatureCollection; osm?: Awaited<ReturnType<typeof readOsm>> }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as Error).message})`);
  }
  const ext = extname(file).toLowerCase();
  const name = basename(file).toLowerCase();
  if (name.endsWith('.osm') || name.endsWith('.osm.pbf') || ext === '.pbf') {
    try {
      return { osm: await readOsm(bytes, basename(file)) };
    } catch (e) {
      throw new InputError(`${file}: ${(e as Error).message}`);
    }
  }
  let fc: FeatureCollection;
  let fileCrs: string | undefined;
  if (ext === '.geojson' || ext === '.json') {
    try {
      fc = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
    } catch (e) {
      throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError(`${file}: not a GeoJSON FeatureCollection`);
  } else if (ext === '.fgb') {
    try {
      const r = await readFlatGeobuf(bytes);
      fc = r.collection;
      if (r.epsg) fileCrs = `EPSG:${r.epsg}`;
    } catch (e) {
      throw new InputError(`${file}: not a readable FlatGeobuf file (${(e as Error).message})`);
    }
  } else throw new InputError(`${file}: unsupported format "${ext}" (use GeoJSON, FlatGeobuf or OSM)`);
  const use = crs ?? fileCrs;
  if (use) {
    const conv = crsConverter(use, file);
    fc = { ...fc, features: fc.features.map((f) => ({ ...f, geometry: mapCoords(f.geometry, conv) as Geometry })) };
  }
  return { fc };
}

function checkLonLat(file: string, feature: string, p: Position, field = 'geometry'): void {
  if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new InputError(`${file}: feature ${feature}: field ${field}: coordinates are not numbers`);
  if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)
    throw new InputError(`${file}: feature ${feature}: field ${field}: (${p[0]}, ${p[1]}) is not longitude/latitude; name the CRS with --<layer>-crs (e.g. EPSG:4547)`);
}

export async function runServiceAreas(argv: string[]): Promise<{ collection: FeatureCollection; summary: string; out?: string }> {
  const args = parseArgs(argv);
  const facIn = await readCollection(args.facilities, args.facilitiesCrs);
  let facilities = facIn.osm ? facIn.osm.facilities : facilitiesFromGeoJSON(facIn.fc!);
  if (facIn.fc) {
    facIn.fc.features.forEach((f: Feature, i) => {
      const id = f.properties?.id ?? i;
      if (!f.geometry || f.geometry.type !== 'Point') throw new InputError(`${args.facilities}: feature ${id} (index ${i}): field geometry: must be a Point, got ${f.geometry ? f.geometry.type : 'null'}`);
    });
  }
  facilities.forEach((f, i) => checkLonLat(args.facilities, `${f.id} (index ${i})`, f.position));
  if (args.category) facilities = facilities.filter((f) => f.category === args.category);
  const ids = new Set<string>();
  for (const f of facilities) {
    if (ids.has(f.id)) throw new InputError(`${args.facilities}: feature ${f.id}: field id: duplicate id`);
    ids.add(f.id);
  }

  const features: Feature[] = [];
  let summary: string;
  if (args.mode === 'euclidean') {
    for (const f of facilities)
      for (const d of args.distances)
        features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [geodesicCircle(f.position, d, 128)] }, properties: { kind: 'area', facility: f.id, distance: d, mode: 'euclidean' } });
    summary = `${facilities.length} facilities × ${args.distances.length} distances, straight-line (geodesic circles)`;
  } else {
    const roadIn = await readCollection(args.roads!, args.roadsCrs);
    let roads: RoadLine[];
    if (roadIn.osm) roads = roadIn.osm.roads;
    else {
      roadIn.fc!.features.forEach((f, i) => {
        const id = f.properties?.id ?? i;
        if (!f.geometry || (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString'))
          throw new InputError(`${args.roads}: feature ${id} (index ${i}): field geometry: must be a LineString or MultiLineString, got ${f.geometry ? f.geometry.type : 'null'}`);
      });
      roads = roadsFromGeoJSON(roadIn.fc!);
    }
    roads.forEach((r, i) => r.coordinates.forEach((p) => checkLonLat(args.roads!, `${r.id} (index ${i})`, p)));
    if (!roads.length) throw new InputError(`${args.roads}: no road lines found`);
    // Local projection centred on the middle of the road layer's extent.
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const r of roads) for (const [x, y] of r.coordinates) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    const projection = createLocalTmerc((x0 + x1) / 2, (y0 + y1) / 2);
    const graph = buildRoadGraph(roads, projection);
    const stats = graphStats(graph);
    let off = 0;
    for (const f of facilities) {
      const res = facilityBands(graph, { id: f.id, xy: projection.forward(f.position) }, args.distances, { maxOffset_m: args.maxOffset, maxConnector_m: args.maxConnector });
      if (!res.join) off++;
      for (const b of res.bands) {
        const lines = b.network.lines.map((l) => l.map((p) => projection.inverse(p)));
        const common = { facility: f.id, distance: b.distance };
        features.push({
          type: 'Feature',
          geometry: lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines },
          properties: { kind: 'network', ...common, length_m: Math.round(b.network.length_m * 100) / 100, connector_m: res.join ? Math.round(res.join.connector * 100) / 100 : null, offNetwork: !res.join },
        });
        const mp = ringsToMultiPolygon(b.area, projection);
        features.push({
          type: 'Feature',
          geometry: mp.length === 1 ? { type: 'Polygon', coordinates: mp[0] } : { type: 'MultiPolygon', coordinates: mp },
          properties: { kind: 'area', ...common, maxOffset_m: args.maxOffset },
        });
      }
    }
    summary =
      `${facilities.length} facilities × ${args.distances.length} distances on ${stats.edges} edges ` +
      `(${(stats.totalLength_m / 1000).toFixed(1)} km, ${stats.components} components, largest ${(stats.largestComponentShare * 100).toFixed(1)}%); ` +
      `${off} facilities off network (> ${args.maxConnector} m from any road)`;
  }
  return { collection: { type: 'FeatureCollection', features }, summary, out: args.out };
}

async function main(): Promise<void> {
  try {
    const { collection, summary, out } = await runServiceAreas(process.argv.slice(2));
    if (out) {
      const bytes = extname(out).toLowerCase() === '.fgb' ? writeFlatGeobuf(collection) : new TextEncoder().encode(JSON.stringify(collection));
      await writeFile(out, bytes);
      process.stderr.write(`${summary}\nwrote ${collection.features.length} features to ${out}\n`);
    } else {
      process.stdout.write(JSON.stringify(collection) + '\n');
      process.stderr.write(`${summary}\n`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
