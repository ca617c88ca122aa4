// Walking-network reach for the audit: a ReachProvider (reach/reachProvider.ts) whose "within d"
// is walking distance along the road layer (audit-cli.md, `--mode network`), with the area
// definition of serviceArea.ts. Distances from a source set are computed once (multi-source
// Dijkstra) and cached; per community only the edges near it are turned into area and clipped.
import Flatbush from 'flatbush';
import type { BBox, MetricRings, PreparedCommunity, ReachProvider, ReachSource, XY } from '../reach/reachProvider';
import type { DataWarning, RoadLine } from '../types';
import { buildRoadGraph, graphStats, type GraphStats, type MetricProjection, type RoadGraph } from './graph';
import { networkDistances, type NetworkDistances, type Origins } from './distances';
import { certifyRect } from './certify';
import { joinPoint, DEFAULT_MAX_CONNECTOR_M, type NetworkJoin } from './join';
import { polygonSeeds, pointOrigins, withinPolygon } from './origins';
import { DEFAULT_MAX_OFFSET_M, serviceAreaPaths, type AreaOptions, type LinearPiece } from './serviceArea';
import { fromPaths, intersectPaths, offsetPaths, ringsArea, toPaths, type IntPaths } from './clip';
import { reachedAreaOf } from './reachedArea';
import { networkCoverageWarnings } from './networkCoverage';

export interface NetworkReachOptions extends AreaOptions {
  /** Longest straight connector from a facility to the network (metres). Default 300. */
  maxConnector_m?: number;
  /** A polygon source starts the network at nodes within this distance of it (metres). Default 50. */
  polygonConnector_m?: number;
  /** Vertex snapping grid (metres). Default 0.01. */
  snap_m?: number;
  /** How many per-source-set distance fields to keep. Default 256. */
  cacheSize?: number;
  /** Tile side for reachedArea (share-only) in metres. Default: tile_m, else M. */
  shareTile_m?: number;
}

export interface NetworkReach extends ReachProvider {
  readonly mode: 'network';
  readonly graph: RoadGraph;
  readonly graphStats: GraphStats;
  /**
   * Optional speed-up: announce a whole source set (e.g. every kindergarten) and a distance
   * before asking community by community with prefiltered subsets. One Dijkstra then serves
   * every community whose prefiltered subset it covers exactly; results are the same as without.
   */
  prepareSources(sources: ReachSource[], distance: number): void;
  /**
   * Area (m²) of reachedPart(community, sources, distance) without building its rings (the
   * audit's share; reachedArea.ts). Same value up to centimetre rounding.
   */
  reachedArea(community: PreparedCommunity, sources: ReachSource[], distance: number): number;
  /** Ids of point sources seen so far that lie beyond maxConnector of every edge. */
  offNetwork(): string[];
  /** How many Dijkstra runs were made (for benchmarks and tests). */
  readonly runs: number;
  /** Longest straight connector to the network (metres) this reach uses. */
  readonly maxConnector_m: number;
  coverageWarnings(communities: PreparedCommunity[], points: { id: string; xy: XY }[]): DataWarning[];
}

interface Field {
  ids: Set<string>;
  /** The largest distance this field answers for (its Dijkstra's bound). */
  distance: number;
  /** The sources' keys sorted and joined, without the distance. */
  setKey: string;
  /** The Dijkstra's origins, and its result once computed (ndOf). */
  origins: Origins;
  nd: NetworkDistances | null;
  pieces: LinearPiece[];
  pieceIndex: Flatbush | null;
  polygons: Extract<ReachSource, { kind: 'polygon' }>[];
  /** Point positions and polygon bboxes of the set, for the "covers exactly" test. */
  sources: ReachSource[];
  /** Each source's id and position (sourceKey: a moved facility is another source), and an index of their boxes (item i = sources[i]). */
  keys: string[];
  sourceIndex: Flatbush;
}

// A source is its id and where it is: a moved facility keeps its id but must not reuse the old
// position's distances (polygon sources are keyed by id and bbox).
// The audit passes the same point-source objects community after community, and polygon sources
// made afresh around the same ring arrays: each key is kept with the position it was made from
// (a moved facility or a reshaped polygon gets a new key).
const pointKeys = new WeakMap<ReachSource, { id: string; x: number; y: number; key: string }>();
const polygonKeys = new WeakMap<MetricRings, { id: string; bbox: BBox; key: string }>();
function sourceKey(s: ReachSource): string {
  if (s.kind === 'polygon') {
    const b = s.bbox;
    const k = polygonKeys.get(s.rings);
    if (k && k.id === s.id && k.bbox[0] === b[0] && k.bbox[1] === b[1] && k.bbox[2] === b[2] && k.bbox[3] === b[3]) return k.key;
    const key = `g:${s.id}@${b.join(',')}`;
    polygonKeys.set(s.rings, { id: s.id, bbox: [b[0], b[1], b[2], b[3]], key });
    return key;
  }
  const x = s.xy[0], y = s.xy[1];
  const k = pointKeys.get(s);
  if (k && k.x === x && k.y === y && k.id === s.id) return k.key;
  const key = `p:${s.id}@${x},${y}`;
  pointKeys.set(s, { id: s.id, x, y, key });
  return key;
}
const setKeyOf = (keys: string[]) => [...keys].sort().join('\u0000');

const sourceBox = (s: ReachSource): BBox => (s.kind === 'point' ? [s.xy[0], s.xy[1], s.xy[0], s.xy[1]] : s.bbox);

/** Straight distance from source s to box b (0 when they meet). */
function sourceGap(s: ReachSource, b: BBox): number {
  if (s.kind === 'polygon') return bboxGap(s.bbox, b);
  const x = s.xy[0], y = s.xy[1];
  return Math.hypot(Math.max(0, b[0] - x, x - b[2]), Math.max(0, b[1] - y, y - b[3]));
}

function bboxGap(a: BBox, b: BBox): number {
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]);
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]);
  return Math.hypot(dx, dy);
}

export function createNetworkReach(roads: RoadLine[], projection: MetricProjection, options: NetworkReachOptions = {}): NetworkReach {
  return createNetworkReachFromGraph(buildRoadGraph(roads, projection, { snap_m: options.snap_m }), options);
}

export function createNetworkReachFromGraph(graph: RoadGraph, options: NetworkReachOptions = {}): NetworkReach {
  const M = options.maxOffset_m ?? DEFAULT_MAX_OFFSET_M;
  const maxConnector = options.maxConnector_m ?? DEFAULT_MAX_CONNECTOR_M;
  const polygonConnector = options.polygonConnector_m ?? 50;
  const cacheSize = options.cacheSize ?? 256;
  const stats = graphStats(graph);
  const joins = new Map<string, NetworkJoin | null>();
  const cache = new Map<string, Field>();
  const prepared: Field[] = [];
  // Keyed by the target's rings, not its index: a community may be asked about in several pieces.
  const communityPaths = new WeakMap<MetricRings, IntPaths>();
  const polygonOffsets = new Map<string, IntPaths>();
  const shareOptions: AreaOptions = { ...options, tile_m: options.shareTile_m ?? options.tile_m };
  let runs = 0;

  const joinOf = (id: string, xy: [number, number]) => {
    const k = `${id}@${xy[0]},${xy[1]}`;
    if (!joins.has(k)) joins.set(k, joinPoint(graph, xy, maxConnector));
    return joins.get(k)!;
  };

  const buildField = (sources: ReachSource[], distance: number): Field => {
    const points = sources.filter((s): s is Extract<ReachSource, { kind: 'point' }> => s.kind === 'point');
    const polygons = sources.filter((s): s is Extract<ReachSource, { kind: 'polygon' }> => s.kind === 'polygon');
    const { origins, pieces } = pointOrigins(points.map((p) => ({ id: p.id, xy: p.xy, join: joinOf(p.id, p.xy) })));
    const all: Origins = { nodes: [...origins.nodes], edges: origins.edges };
    for (const p of polygons) all.nodes.push(...polygonSeeds(graph, p.rings, p.bbox, polygonConnector, maxConnector));

    let pieceIndex: Flatbush | null = null;
    if (pieces.length) {
      pieceIndex = new Flatbush(pieces.length);
      for (const q of pieces) pieceIndex.add(Math.min(q.x0, q.x1), Math.min(q.y0, q.y1), Math.max(q.x0, q.x1), Math.max(q.y0, q.y1));
      pieceIndex.finish();
    }
    const keys = sources.map(sourceKey);
    const sourceIndex = new Flatbush(Math.max(1, sources.length));
    for (const s of sources) {
      const b = sourceBox(s);
      sourceIndex.add(b[0], b[1], b[2], b[3]);
    }
    if (!sources.length) sourceIndex.add(Infinity, Infinity, Infinity, Infinity);
    sourceIndex.finish();
    return { ids: new Set(keys), distance, setKey: setKeyOf(keys), origins: all, nd: null, pieces, pieceIndex, polygons, sources, keys, sourceIndex };
  };

  /** The field's distances: one multi-source Dijkstra to its largest distance, run on first use. */
  const ndOf = (f: Field): NetworkDistances => {
    if (!f.nd) {
      runs++;
      f.nd = networkDistances(graph, f.origins, f.distance);
    }
    return f.nd;
  };

  // A field computed to a larger distance answers for smaller ones: its distances are exact up to
  // its bound, and its source pieces do not depend on the distance.
  const covers = (f: Field, wanted: Set<string>, distance: number, bbox: BBox): boolean => {
    if (f.distance < distance) return false;
    for (const k of wanted) if (!f.ids.has(k)) return false;
    // Every other source of the set must be too far to matter (straight line > distance): only
    // those whose box meets the community box grown by the distance can be that close.
    for (const i of f.sourceIndex.search(bbox[0] - distance, bbox[1] - distance, bbox[2] + distance, bbox[3] + distance)) {
      if (wanted.has(f.keys[i])) continue;
      if (sourceGap(f.sources[i], bbox) <= distance) return false;
    }
    return true;
  };

  // The last answer, for the same source array asked again (the audit asks once per residential
  // piece of a community with the community's one set): valid for any box inside the one checked.
  let last: { sources: ReachSource[]; distance: number; box: BBox | null; field: Field } | null = null;
  const fieldFor = (sources: ReachSource[], distance: number, bbox: BBox): Field => {
    if (last && last.sources === sources && last.distance === distance && (!last.box || (bbox[0] >= last.box[0] && bbox[1] >= last.box[1] && bbox[2] <= last.box[2] && bbox[3] <= last.box[3]))) return last.field;
    const f = findField(sources, distance, bbox);
    last = { sources, distance, box: f.exact ? null : [bbox[0], bbox[1], bbox[2], bbox[3]], field: f.field };
    return f.field;
  };
  // The keys of the last source array asked about: like `last`, the same array is taken to hold
  // the same sources (the audit asks once per residential piece with its community's one set).
  const wanted = new Set<string>();
  let wantedFor: ReachSource[] | null = null;
  let keys: string[] = [];
  const findField = (sources: ReachSource[], distance: number, bbox: BBox): { field: Field; exact: boolean } => {
    if (wantedFor !== sources) {
      keys = sources.map(sourceKey);
      wanted.clear();
      for (const k of keys) wanted.add(k);
      wantedFor = sources;
    }
    for (const f of prepared) if (covers(f, wanted, distance, bbox)) return { field: f, exact: false };
    const key = `${distance}|${setKeyOf(keys)}`;
    const hit = cache.get(key);
    if (hit) return { field: hit, exact: true };
    const f = buildField(sources, distance);
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, f);
    return { field: f, exact: true };
  };

  // Keyed like the source (id and box): a polygon reshaped under the same id is grown again.
  const polygonArea = (p: Extract<ReachSource, { kind: 'polygon' }>, r: number): IntPaths => {
    const k = `${sourceKey(p)}|${r}`;
    let paths = polygonOffsets.get(k);
    if (!paths) {
      if (polygonOffsets.size >= 4096) polygonOffsets.clear();
      paths = offsetPaths(toPaths(p.rings), r, options.tolerance_m ?? 0.5);
      polygonOffsets.set(k, paths);
    }
    return paths;
  };

  /** Fast exit (certify.ts): every point of the community is certainly within walking distance. */
  const fullyReached = (field: Field, c: PreparedCommunity, d: number): boolean =>
    certifyRect(graph, ndOf(field), d, M, options.clearance_m ?? 0.5, c.bbox, (x, y, dd) => withinPolygon(x, y, c.rings, c.bbox, dd));

  return {
    mode: 'network',
    graph,
    maxConnector_m: maxConnector,
    coverageWarnings: (communities, points) => networkCoverageWarnings(graph, communities, points, maxConnector),
    graphStats: stats,
    get runs() {
      return runs;
    },
    prepareSources(sources, distance) {
      if (!sources.length) return;
      // One field per source set, to the largest distance announced for it (its Dijkstra runs on first use).
      const setKey = setKeyOf(sources.map(sourceKey));
      const same = prepared.find((f) => f.setKey === setKey);
      if (same) {
        if (distance > same.distance) {
          same.distance = distance;
          same.nd = null;
        }
        return;
      }
      // Bounded: what-if edits announce new sets on every run; the oldest are dropped first.
      if (prepared.length >= 64) prepared.shift();
      prepared.push(buildField(sources, distance));
    },
    offNetwork() {
      const out = new Set<string>();
      for (const [k, j] of joins) if (!j) out.add(k.slice(0, k.lastIndexOf('@')));
      return [...out].sort();
    },
    reachedArea(community: PreparedCommunity, sources: ReachSource[], distance: number): number {
      if (!sources.length || !(distance >= 0)) return 0;
      const field = fieldFor(sources, distance, community.bbox);
      const r = Math.min(M, distance);
      const b = community.bbox;
      if (fullyReached(field, community, distance)) return ringsArea(community.rings);
      const pieces = field.pieceIndex ? field.pieceIndex.search(b[0] - 2 * r, b[1] - 2 * r, b[2] + 2 * r, b[3] + 2 * r).map((i) => field.pieces[i]) : [];
      // Polygon sources (green, parks) count whole, grown by the lateral offset.
      const paths: IntPaths = [];
      for (const p of field.polygons) if (bboxGap(p.bbox, b) <= r) paths.push(...polygonArea(p, r));
      return reachedAreaOf(graph, ndOf(field), distance, community.rings, b, shareOptions, { pieces, paths, refused: b });
    },
    reachedPart(community: PreparedCommunity, sources: ReachSource[], distance: number): MetricRings {
      if (!sources.length || !(distance >= 0)) return [];
      const field = fieldFor(sources, distance, community.bbox);
      const r = Math.min(M, distance);
      const b = community.bbox;
      const window: BBox = [b[0] - r, b[1] - r, b[2] + r, b[3] + r];
      const pieces = field.pieceIndex ? field.pieceIndex.search(window[0] - r, window[1] - r, window[2] + r, window[3] + r).map((i) => field.pieces[i]) : [];
      const extra: IntPaths = [];
      for (const p of field.polygons) if (bboxGap(p.bbox, b) <= r) extra.push(...polygonArea(p, r));
      if (!extra.length && fullyReached(field, community, distance)) return community.rings.map((r) => r.map((p) => [p[0], p[1]] as XY));
      const area = serviceAreaPaths(graph, ndOf(field), distance, options, { pieces, paths: extra, window, clipRect: b });
      if (!area.length) return [];
      let cp = communityPaths.get(community.rings);
      if (!cp) {
        cp = toPaths(community.rings);
        communityPaths.set(community.rings, cp);
      }
      return fromPaths(intersectPaths(area, cp));
    },
  };
}
