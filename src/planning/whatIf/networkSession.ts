// The walking-network what-if session behind the app: one dataset, its road
// graph built once per roads layer, audit contexts per preset for both reach modes (straight-line
// and walking network), service-area bands for one facility or a whole category, and moving a
// facility with an incremental re-audit of only the communities it can reach. Pure: it runs in
// the network worker (src/worker/network.worker.ts) and in Node tests alike.
import { auditCommunities, prepareAudit, reachCoverageWarnings, withFacilityChanged, type AuditContext } from '../../engine/audit';
import { buildRoadGraph, graphStats, type GraphStats, type RoadGraph } from '../../engine/network/graph';
import { createNetworkReachFromGraph } from '../../engine/network/networkReach';
import { networkDistances } from '../../engine/network/distances';
import { joinPoints, pointOrigins } from '../../engine/network/origins';
import { serviceAreaBands } from '../../engine/network/serviceArea';
import { ringsToMultiPolygon } from '../../engine/network/facilityAreas';
import { DEFAULT_MAX_CONNECTOR_M } from '../../engine/network/join';
import { memoReach } from './memoReach';
import { affectedCommunities } from './affectedCommunities';
import { tierDistances } from '../../engine/rules/lifeCircles';
import type { CommunityResult, Dataset, DistanceMode, Facility, FacilityCategory, MultiPolygonCoords, Position, RoadLine, RulePreset } from '../../engine/types';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export interface GraphInfo extends GraphStats {
  /** Time to build the graph (projection, snapping, CSR, components, index), ms. */
  buildMs: number;
}

export interface BandShape {
  /** Tier key of the preset ("5", "10", "15"). */
  tier: string;
  minutes: number;
  distance_m: number;
  /** The walking service area, lon/lat (several parts where the walk splits; holes kept). */
  area: MultiPolygonCoords;
  /** The reachable network, lon/lat lines cut where the distance runs out. */
  lines: Position[][];
  length_m: number;
}

export interface BandsResult {
  /** What the bands are for: one facility (by index) or all facilities of a category. */
  target: { facility: number } | { category: FacilityCategory };
  /** Source positions (lon/lat) the bands start from. */
  sources: Position[];
  /** Tier bands, smallest distance first. */
  bands: BandShape[];
  /** Ids of sources farther than the maximum connector from every road (they reach nothing by network). */
  offNetwork: string[];
  /** Connector length of a single facility (metres), null when off network or for a category. */
  connector_m: number | null;
  /** Time for joining, Dijkstra and the band polygons (the graph already built), ms. */
  ms: number;
}

export interface CompareResult {
  index: number;
  euclidean: CommunityResult;
  /** null when the dataset has no roads (walking mode impossible). */
  network: CommunityResult | null;
  ms: number;
}

export interface MoveResult {
  /** Community indices whose results may have changed (and were re-audited). */
  affected: number[];
  /** Fresh results of `affected`, in the same order, for the requested mode. */
  results: CommunityResult[];
  /** Time for the context update and the re-audit, ms. */
  ms: number;
}

export interface NetworkSession {
  setDataset(data: Dataset): void;
  /** The road graph (built on first use, then kept while the roads layer stays the same); null without roads. */
  graphInfo(preset: RulePreset): GraphInfo | null;
  /** Both modes' results for one community (index into the dataset's communities). */
  compare(preset: RulePreset, index: number): CompareResult;
  /** Walking bands (the preset's tier distances) for one facility (optionally at another position) or a category. */
  bands(preset: RulePreset, target: { facility: number; position?: Position } | { category: FacilityCategory }, options?: { tolerance_m?: number }): BandsResult;
  /** Moves facility `index` to `position`, updating every cached context; re-audits the reachable communities in `mode`. */
  moveFacility(preset: RulePreset, mode: DistanceMode, index: number, position: Position): MoveResult;
  /**
   * Audits (and so remembers) the communities facility `index` can reach in `mode`, so that a
   * following move re-computes only what the move changes. Returns how many were audited.
   */
  warm(preset: RulePreset, mode: DistanceMode, index: number): number;
  /** The communities `warm` would audit (for doing it one at a time, interruptibly). */
  warmList(preset: RulePreset, mode: DistanceMode, index: number): number[];
  /** Audits one community in `mode` (its answers are remembered for later moves). */
  auditOne(preset: RulePreset, mode: DistanceMode, community: number): void;
  /** The facilities as the session currently holds them (after moves). */
  dataset(): Dataset | null;
}

/** A cheap fingerprint of a roads layer: the graph is rebuilt only when it changes. */
export function roadsFingerprint(roads: RoadLine[] | undefined): string {
  if (!roads || roads.length === 0) return 'none';
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (const r of roads) {
    for (const p of r.coordinates) {
      n++;
      sx += p[0] * ((n % 7) + 1);
      sy += p[1] * ((n % 5) + 1);
    }
  }
  return `${roads.length}|${n}|${sx.toFixed(7)}|${sy.toFixed(7)}`;
}

/** What a road graph depends on: the roads layer and the centre of the projection it was built in. */
export function graphKey(roads: string, center: Position): string {
  return `${roads}@${center[0]},${center[1]}`;
}

/** Tier keys of a preset sorted by distance (smallest first). */
export function tiersByDistance(preset: RulePreset): [string, RulePreset['tiers'][string]][] {
  return Object.entries(preset.tiers).sort((a, b) => a[1].distance_m - b[1].distance_m);
}

const MAX_CONTEXTS = 6;

export function createNetworkSession(): NetworkSession {
  let data: Dataset | null = null;
  let roadsKey = '';
  /** The graph with the key it was built for: the roads layer and the projection of its metres. */
  let graph: { key: string; graph: RoadGraph; info: GraphInfo } | null = null;
  /** Contexts per mode and preset (keyed by the preset's JSON: edits make a new key), oldest first. */
  const contexts = new Map<string, AuditContext>();

  const presetKey = (mode: DistanceMode, preset: RulePreset) => `${mode}|${JSON.stringify(preset)}`;

  function remember(key: string, ctx: AuditContext): AuditContext {
    contexts.delete(key);
    contexts.set(key, ctx);
    while (contexts.size > MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    return ctx;
  }

  function graphFor(preset: RulePreset): { graph: RoadGraph; info: GraphInfo } | null {
    if (!data?.roads?.length) {
      graph = null;
      return null;
    }
    // The graph uses the audit's local projection (it depends on the dataset only, not the
    // preset), so network areas and the prepared community rings share one metric frame. A graph
    // is valid only for the roads and the projection it was built in: other communities move the
    // projection's centre, and a graph kept from before would put its roads in the wrong place.
    const projection = contextFor(preset, 'euclidean')!.projection;
    const key = graphKey(roadsKey, projection.center);
    if (graph?.key === key) return graph;
    graph = null;
    const t0 = now();
    const g = buildRoadGraph(data.roads, projection);
    const buildMs = now() - t0;
    graph = { key, graph: g, info: { ...graphStats(g), buildMs } };
    return graph;
  }

  function contextFor(preset: RulePreset, mode: DistanceMode): AuditContext | null {
    if (!data) throw new Error('No dataset loaded');
    const key = presetKey(mode, preset);
    const hit = contexts.get(key);
    if (hit) return hit;
    if (mode === 'euclidean') return remember(key, prepareAudit(data, preset, { mode: 'euclidean' }));
    const g = graphFor(preset);
    if (!g) return null;
    // The straight-line context's preparation (projection, indexes, assignment) with the walking
    // reach and walking tier distances: what prepareAudit(data, preset, { reach }) would build.
    const base = contextFor(preset, 'euclidean')!;
    const tiers = tierDistances(preset, 'network');
    const reach = createNetworkReachFromGraph(g.graph);
    const warnings = [...base.warnings, ...reachCoverageWarnings(reach, base)];
    return remember(key, { ...base, mode: 'network', reach: memoReach(reach), tierDistances: tiers, parameters: { ...base.parameters, mode: 'network', tiers }, warnings });
  }

  return {
    setDataset(d: Dataset) {
      data = d;
      contexts.clear();
      // The graph is kept only while both its roads and its projection stay (graphFor checks the key).
      roadsKey = roadsFingerprint(d.roads);
      if (!d.roads?.length) graph = null;
    },

    dataset: () => data,

    graphInfo(preset) {
      return graphFor(preset)?.info ?? null;
    },

    compare(preset, index) {
      if (!data) throw new Error('No dataset loaded');
      if (!(index >= 0 && index < data.communities.length)) throw new Error(`compare: no community at index ${index}`);
      const t0 = now();
      const eu = auditCommunities(contextFor(preset, 'euclidean')!, [index])[0];
      const netCtx = contextFor(preset, 'network');
      const net = netCtx ? auditCommunities(netCtx, [index])[0] : null;
      return { index, euclidean: eu, network: net, ms: now() - t0 };
    },

    bands(preset, target, options = {}) {
      if (!data) throw new Error('No dataset loaded');
      const ctx = contextFor(preset, 'euclidean')!;
      const g = graphFor(preset);
      const tiers = tiersByDistance(preset);
      const distances = tiers.map(([, t]) => t.distance_m);
      let points: { id: string; position: Position }[];
      if ('facility' in target) {
        const f = data.facilities[target.facility];
        if (!f) throw new Error(`bands: no facility at index ${target.facility}`);
        points = [{ id: f.id, position: target.position ?? f.position }];
      } else {
        points = data.facilities.filter((f) => f.category === target.category).map((f) => ({ id: f.id, position: f.position }));
      }
      const t0 = now();
      const out: BandsResult = {
        target: 'facility' in target ? { facility: target.facility } : { category: target.category },
        sources: points.map((p) => p.position),
        bands: [],
        offNetwork: [],
        connector_m: null,
        ms: 0,
      };
      if (!g || points.length === 0) {
        out.ms = now() - t0;
        return out;
      }
      const joined = joinPoints(g.graph, points.map((p) => ({ id: p.id, xy: ctx.projection.forward(p.position) })), DEFAULT_MAX_CONNECTOR_M);
      const { origins, pieces } = pointOrigins(joined);
      const nd = networkDistances(g.graph, origins, Math.max(...distances));
      const bands = serviceAreaBands(g.graph, nd, distances, options.tolerance_m ? { tolerance_m: options.tolerance_m } : {}, () => ({ pieces }));
      out.offNetwork = joined.filter((j) => !j.join).map((j) => j.id);
      out.connector_m = joined.length === 1 && joined[0].join ? joined[0].join.connector : null;
      out.bands = bands.map((b, i) => ({
        tier: tiers[i][0],
        minutes: tiers[i][1].minutes,
        distance_m: b.distance,
        area: ringsToMultiPolygon(b.area, ctx.projection),
        lines: b.network.lines.map((l) => l.map((xy) => ctx.projection.inverse(xy))),
        length_m: b.network.length_m,
      }));
      out.ms = now() - t0;
      return out;
    },

    warmList(preset, mode, index) {
      const ctx = contextFor(preset, mode);
      const f = data?.facilities[index];
      return ctx && f ? affectedCommunities(ctx, ctx, index, f.position, f.position) : [];
    },

    auditOne(preset, mode, community) {
      const ctx = contextFor(preset, mode);
      if (ctx && community >= 0 && community < ctx.communities.length) auditCommunities(ctx, [community]);
    },

    warm(preset, mode, index) {
      const around = this.warmList(preset, mode, index);
      for (const i of around) this.auditOne(preset, mode, i);
      return around.length;
    },

    moveFacility(preset, mode, index, position) {
      if (!data) throw new Error('No dataset loaded');
      const f = data.facilities[index];
      if (!f) throw new Error(`moveFacility: no facility at index ${index}`);
      // The requested context must exist before the change, so that its affected set covers the old position.
      if (!contextFor(preset, mode)) throw new Error('moveFacility: walking mode needs a roads layer');
      const t0 = now();
      const moved: Facility = { ...f, position: [position[0], position[1]] };
      // Every cached context gets the change (the straight-line and walking contexts of a preset
      // share the facility preparation). Walking contexts keep their reach: it remembers answers
      // by source positions (memoReach.ts), so only queries involving the moved facility recompute.
      const key = presetKey(mode, preset);
      const before = contexts.get(key)!;
      for (const [k, ctx] of [...contexts]) contexts.set(k, withFacilityChanged(ctx, { type: 'update', index, facility: moved }).ctx);
      data = { ...data, facilities: data.facilities.map((x, i) => (i === index ? moved : x)) };
      const after = contexts.get(key)!;
      const affected = affectedCommunities(before, after, index, f.position, moved.position);
      const results = auditCommunities(after, affected);
      return { affected, results, ms: now() - t0 };
    },
  };
}
