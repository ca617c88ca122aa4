// One thread's part of an audit: a spatially compact run of communities and, packed as flat typed
// arrays, only the prepared data they can reach. The host prepares the whole dataset once
// (assignment, warnings and park assignment are city-wide decisions); another thread rebuilds a
// context from the slice without reading, projecting or preparing anything but, when the host
// defers them, its own communities' residential bases (cut from the footprints the slice carries).
//
// The results are identical to the whole context's, bit for bit, for any split: the facility and
// green indexes travel as their own buffers (KDBush.from / Flatbush.from), so every range query
// returns the same sources in the same order, and every coordinate crosses as the same float64.
// Items beyond reach of the slice stay as inert placeholders, so every index keeps its meaning.
// One exception: the park area counted with each community (parkAssignment.ts) assigns each park
// to one community city-wide; the host fills it in (`withParkAreas`).
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { AuditContext } from './audit';
import type { AuditParameters, Community, CommunityResult, DistanceMode, FacilityCategory, Facility, I18nText, RoadLine, RuleId, RulePreset } from './types';
import { FACILITY_CATEGORIES } from './types';
import type { BBox, MetricRings, PreparedCommunity, ReachProvider, XY } from './reach/reachProvider';
import type { CategoryIndex, PreparedFacility, PreparedGreen, SubsetIndex } from './prepare';
import type { CommunityBasis, ResidentialFeatures } from './residentialBasis';
import { flatbushRange, flatbushRangeIds } from './geo/flatbushRange';
import { PolygonStoreBuilder, type PolygonStore } from './residentialPieces';
import { storeIndex } from './residentialLayer';
import { createLocalProjection } from './geo/localProjection';
import { transferableBuffers } from './bulkArrays';
import type { Position } from './types';

/** Rings of many items as flat arrays: item k's rings are ring[itemStart[k] … itemStart[k+1]). */
export interface PackedRings {
  itemStart: Uint32Array;
  ringStart: Uint32Array;
  /** x0, y0, x1, y1, … of every ring, one after another. */
  xy: Float64Array;
}

export interface PackedIndex {
  items: Int32Array;
  /** The index's own buffer (KDBush or Flatbush layout). */
  data: ArrayBuffer;
}

/** What a thread needs to audit `indices` (structured-clone friendly: typed arrays and plain data). */
export interface AuditSlice {
  /** Global indices of the communities to audit, in the order their results come back. */
  indices: Int32Array;
  /** Totals of the whole dataset (array lengths in the rebuilt context). */
  counts: { communities: number; facilities: number; green: number };
  preset: RulePreset;
  mode: DistanceMode;
  tierDistances: Record<string, number>;
  parameters: AuditParameters;
  sources: Record<RuleId, I18nText>;
  /** The audit's projection centre (lon, lat). */
  center: Position;
  communities: {
    /** Each community's own fields but its geometry (the rules read them). */
    fields: Omit<Community, 'geometry'>[];
    area: Float64Array;
    bbox: Float64Array;
    rings: PackedRings;
    /** Facilities assigned to community k: assigned[assignedStart[k] … assignedStart[k+1]). */
    assignedStart: Uint32Array;
    assigned: Int32Array;
  };
  basis: {
    /** Coverage basis kind per community ('' when the context has none). */
    kind: string[];
    total: Float64Array;
    residentialArea: Float64Array;
    householdsEstimated: Uint8Array;
    /** Community k's residential pieces are pieces polygons pieceStart[k] … pieceStart[k+1] − 1. */
    pieceStart: Uint32Array;
    /** The slice's residential pieces, copied from the context's store with their areas, boxes and weights as stored. */
    pieces: PolygonStore;
  };
  /**
   * When the context defers its bases (prepareAudit's deferBases): no pieces above, but the
   * projected residential features the slice's communities' bases are cut from, and the
   * thread prepares those bases itself (the same as the whole context's: ResidentialFeatures).
   */
  residential?: PackedResidential;
  facilities: {
    /** Global indices of the facilities carried (the others are placeholders). */
    pick: Int32Array;
    ids: string[];
    xy: Float64Array;
    floorArea: Float64Array;
    /** bit 0: floor area defaulted; bit 1: the source's floor area is an estimate. */
    flags: Uint8Array;
    /** Index into FACILITY_CATEGORIES, −1 for none. */
    category: Int8Array;
    community: Int32Array;
    /** 0 none, 1 explicit, 2 location. */
    assignedBy: Uint8Array;
  };
  byCategory: { category: FacilityCategory; index: PackedIndex | null; items: Int32Array }[];
  green: {
    pick: Int32Array;
    ids: string[];
    park: Uint8Array;
    bbox: Float64Array;
    rings: PackedRings;
  };
  greenIndex: PackedIndex | null;
  parkIndex: PackedIndex | null;
  /** Walking mode: the road layer, to build the same graph in the same projection. */
  roads?: RoadLine[];
}

/** Residential features as flat arrays (ResidentialFeatures without its index, rebuilt on arrival). */
export interface PackedResidential {
  store: PolygonStore;
  households: Float64Array;
  estimated: Uint8Array;
  weighting: 'households' | 'area';
}

// ----------------------------------------------------------------------------------------------
// Spatial split

/** Position of (x, y) in [0, 2^order)² along a Hilbert curve (neighbours on the curve are near). */
export function hilbertIndex(x: number, y: number, order = 16): number {
  let d = 0;
  for (let s = 1 << (order - 1); s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0, ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) { x = s - 1 - x; y = s - 1 - y; }
      const t = x; x = y; y = t;
    }
  }
  return d;
}

/**
 * The communities split into `parts` runs along a Hilbert curve through their bbox centres, each
 * run ascending by index: every run is a compact district, so each thread needs only the facilities
 * and green space near it. Runs are balanced by `weight` (default: one per community); the first
 * run holds `firstShare` times the weight of each other (default 1: all equal), for a host that
 * audits the first run itself beside other work of its own.
 */
export function spatialSlices(communities: readonly PreparedCommunity[], parts: number, weight?: (i: number) => number, firstShare = 1): number[][] {
  const n = communities.length;
  const k = Math.max(1, Math.min(parts, n));
  if (k === 1) return [Array.from({ length: n }, (_, i) => i)];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const cx = new Float64Array(n), cy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = communities[i].bbox;
    cx[i] = (b[0] + b[2]) / 2; cy[i] = (b[1] + b[3]) / 2;
    if (!Number.isFinite(cx[i]) || !Number.isFinite(cy[i])) { cx[i] = cy[i] = NaN; continue; }
    if (cx[i] < x0) x0 = cx[i];
    if (cx[i] > x1) x1 = cx[i];
    if (cy[i] < y0) y0 = cy[i];
    if (cy[i] > y1) y1 = cy[i];
  }
  const side = Math.max(x1 - x0, y1 - y0, 1e-9);
  const h = new Float64Array(n);
  const cell = (v: number, v0: number) => Math.max(0, Math.min(65535, Math.floor(((v - v0) / side) * 65535)));
  for (let i = 0; i < n; i++) h[i] = Number.isNaN(cx[i]) ? -1 : hilbertIndex(cell(cx[i], x0), cell(cy[i], y0));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => h[a] - h[b] || a - b);
  const w = order.map((i) => (weight ? weight(i) : 1));
  const total = w.reduce((s, v) => s + v, 0);
  const first = Number.isFinite(firstShare) && firstShare > 0 ? firstShare : 1;
  const out: number[][] = [];
  let run: number[] = [];
  let acc = 0;
  for (let q = 0; q < n; q++) {
    run.push(order[q]);
    acc += w[q];
    // Close the run when it holds its share of the weight (leaving at least one item per later run).
    if (out.length < k - 1 && (acc >= (total * (first + out.length)) / (first + k - 1) || n - q - 1 === k - out.length - 1)) {
      out.push(run.sort((a, b) => a - b));
      run = [];
    }
  }
  out.push(run.sort((a, b) => a - b));
  return out;
}

// ----------------------------------------------------------------------------------------------
// Packing

function packRings(list: readonly MetricRings[]): PackedRings {
  let rings = 0, points = 0;
  for (const r of list) { rings += r.length; for (const ring of r) points += ring.length; }
  const itemStart = new Uint32Array(list.length + 1);
  const ringStart = new Uint32Array(rings + 1);
  const xy = new Float64Array(2 * points);
  let ri = 0, p = 0;
  list.forEach((r, k) => {
    itemStart[k] = ri;
    for (const ring of r) {
      ringStart[ri++] = p;
      for (const pt of ring) { xy[2 * p] = pt[0]; xy[2 * p + 1] = pt[1]; p++; }
    }
  });
  itemStart[list.length] = ri;
  ringStart[rings] = p;
  return { itemStart, ringStart, xy };
}

function unpackRings(p: PackedRings, k: number): MetricRings {
  const out: MetricRings = [];
  for (let r = p.itemStart[k]; r < p.itemStart[k + 1]; r++) {
    const ring: XY[] = new Array(p.ringStart[r + 1] - p.ringStart[r]);
    for (let q = p.ringStart[r], j = 0; q < p.ringStart[r + 1]; q++, j++) ring[j] = [p.xy[2 * q], p.xy[2 * q + 1]];
    out.push(ring);
  }
  return out;
}

const bboxOf = (a: Float64Array, k: number): BBox => [a[4 * k], a[4 * k + 1], a[4 * k + 2], a[4 * k + 3]];
const putBBox = (a: Float64Array, k: number, b: BBox) => { a[4 * k] = b[0]; a[4 * k + 1] = b[1]; a[4 * k + 2] = b[2]; a[4 * k + 3] = b[3]; };

function packIndex(idx: { data: ArrayBuffer } | null, items: readonly number[]): PackedIndex | null {
  return idx ? { items: Int32Array.from(items), data: idx.data } : null;
}

/** The farthest any rule looks from a community (m): every tier, green and park distance. */
export function auditReach(ctx: Pick<AuditContext, 'tierDistances' | 'preset'>): number {
  let d = Math.max(ctx.preset.rules.greenCoverage.distance_m, ctx.preset.rules.parkCoverage.distance_m, 0);
  for (const v of Object.values(ctx.tierDistances)) if (v > d) d = v;
  return d;
}

/**
 * The slice of a prepared audit for `indices` (ascending). Straight-line mode carries only the
 * facilities and green space within the audit's reach of the slice's communities (plus the
 * facilities assigned to them); walking mode carries all (its source sets are announced whole).
 */
export function packAuditSlice(ctx: AuditContext, indices: readonly number[]): AuditSlice {
  const m = indices.length;
  // The slice's extent grown by the farthest reach (and a metre: the rules' tests are ≤ d).
  const r = auditReach(ctx) + 1;
  let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
  for (const i of indices) {
    const b = ctx.communities[i].bbox;
    if (!ctx.communities[i].rings.length) continue;
    bx0 = Math.min(bx0, b[0]); by0 = Math.min(by0, b[1]); bx1 = Math.max(bx1, b[2]); by1 = Math.max(by1, b[3]);
  }
  const all = ctx.mode === 'network';
  const near = (b: BBox) => all || (b[0] <= bx1 + r && b[2] >= bx0 - r && b[1] <= by1 + r && b[3] >= by0 - r);

  // Communities.
  const fields = indices.map((i) => {
    const { geometry: _g, ...rest } = ctx.data.communities[i];
    return rest;
  });
  const area = new Float64Array(m), cb = new Float64Array(4 * m);
  const assignedStart = new Uint32Array(m + 1);
  const assignedList: number[] = [];
  indices.forEach((i, k) => {
    const c = ctx.communities[i];
    area[k] = c.area_m2;
    putBBox(cb, k, c.bbox);
    assignedStart[k] = assignedList.length;
    for (const f of ctx.facilitiesOf[i] ?? []) assignedList.push(f);
  });
  assignedStart[m] = assignedList.length;

  // Coverage basis.
  const kind: string[] = [];
  const total = new Float64Array(m), resArea = new Float64Array(m), hhEst = new Uint8Array(m);
  const pieceStart = new Uint32Array(m + 1);
  const pieceStore = new PolygonStoreBuilder();
  const pieceArea: number[] = [], pieceBox: number[] = [];
  const deferred = ctx.deferredBasis;
  const features = deferred?.features;
  if (deferred && !features) throw new Error('packAuditSlice: the residential layer is not projected yet (attachResidentialFeatures)');
  indices.forEach((i, k) => {
    const b = deferred ? undefined : ctx.basis[i];
    kind.push(b ? b.kind : '');
    total[k] = b?.total ?? 0;
    resArea[k] = b?.residentialArea_m2 ?? 0;
    hhEst[k] = b?.householdsEstimated ? 1 : 0;
    pieceStart[k] = pieceStore.count;
    const st = b?.store;
    if (st) {
      for (let p = b.first; p < b.first + b.count; p++) {
        pieceStore.copy(st, p, st.weight[p]);
        pieceArea.push(st.area[p]);
        pieceBox.push(st.bbox[4 * p], st.bbox[4 * p + 1], st.bbox[4 * p + 2], st.bbox[4 * p + 3]);
      }
    }
  });
  pieceStart[m] = pieceStore.count;
  // The stored areas and boxes as they were, not recomputed: the slice's shares stay bit-identical.
  const pieces: PolygonStore = { ...pieceStore.finish(), area: Float64Array.from(pieceArea), bbox: Float64Array.from(pieceBox) };

  // Facilities: those in reach, and those assigned to the slice.
  const wanted = new Uint8Array(ctx.facilities.length);
  for (const f of assignedList) wanted[f] = 1;
  ctx.facilities.forEach((f, i) => {
    if (all || (f.xy[0] >= bx0 - r && f.xy[0] <= bx1 + r && f.xy[1] >= by0 - r && f.xy[1] <= by1 + r)) wanted[i] = 1;
  });
  const pick: number[] = [];
  wanted.forEach((w, i) => { if (w) pick.push(i); });
  const fxy = new Float64Array(2 * pick.length), floor = new Float64Array(pick.length);
  const flags = new Uint8Array(pick.length), cat = new Int8Array(pick.length), fcom = new Int32Array(pick.length), by = new Uint8Array(pick.length);
  const fids: string[] = [];
  pick.forEach((i, q) => {
    const f = ctx.facilities[i];
    fids.push(f.id);
    fxy[2 * q] = f.xy[0]; fxy[2 * q + 1] = f.xy[1];
    floor[q] = f.floorArea;
    flags[q] = (f.floorAreaDefaulted ? 1 : 0) | (ctx.data.facilities[f.index]?.floorAreaEstimated ? 2 : 0);
    cat[q] = f.category ? FACILITY_CATEGORIES.indexOf(f.category) : -1;
    fcom[q] = f.community;
    by[q] = f.assignedBy === 'explicit' ? 1 : f.assignedBy === 'location' ? 2 : 0;
  });

  // Green space in reach.
  const gpick: number[] = [];
  ctx.green.forEach((g, i) => { if (g.rings.length && near(g.bbox)) gpick.push(i); });
  const gb = new Float64Array(4 * gpick.length);
  gpick.forEach((i, q) => putBBox(gb, q, ctx.green[i].bbox));

  return {
    indices: Int32Array.from(indices),
    counts: { communities: ctx.communities.length, facilities: ctx.facilities.length, green: ctx.green.length },
    preset: ctx.preset,
    mode: ctx.mode,
    tierDistances: ctx.tierDistances,
    parameters: ctx.parameters,
    sources: ctx.sources,
    center: [ctx.projection.center[0], ctx.projection.center[1]],
    communities: {
      fields, area, bbox: cb, rings: packRings(indices.map((i) => ctx.communities[i].rings)),
      assignedStart, assigned: Int32Array.from(assignedList),
    },
    basis: {
      kind, total, residentialArea: resArea, householdsEstimated: hhEst, pieceStart, pieces,
    },
    facilities: { pick: Int32Array.from(pick), ids: fids, xy: fxy, floorArea: floor, flags, category: cat, community: fcom, assignedBy: by },
    byCategory: [...ctx.byCategory].map(([category, ci]) => ({ category, index: packIndex(ci.index as unknown as { data: ArrayBuffer } | null, ci.items), items: Int32Array.from(ci.items) })),
    green: { pick: Int32Array.from(gpick), ids: gpick.map((i) => ctx.green[i].id), park: Uint8Array.from(gpick, (i) => (ctx.green[i].kind === 'park' ? 1 : 0)), bbox: gb, rings: packRings(gpick.map((i) => ctx.green[i].rings)) },
    greenIndex: ctx.greenIndex ? packIndex(ctx.greenIndex.index as unknown as { data: ArrayBuffer }, ctx.greenIndex.items) : null,
    parkIndex: ctx.parkIndex ? packIndex(ctx.parkIndex.index as unknown as { data: ArrayBuffer }, ctx.parkIndex.items) : null,
    ...(features ? { residential: residentialNear(features, ctx.communities, indices) } : {}),
    ...(ctx.mode === 'network' && ctx.data.roads ? { roads: ctx.data.roads } : {}),
  };
}

/**
 * The features the bases of `indices` read: those whose boxes meet a community's box (the
 * search communityBases makes), in store order, with their columns as stored.
 */
export function residentialNear(f: ResidentialFeatures, communities: readonly PreparedCommunity[], indices: readonly number[]): PackedResidential {
  const keep = new Uint8Array(f.store.count);
  if (f.index) {
    for (const i of indices) {
      const c = communities[i];
      if (!c.rings.length || c.area_m2 <= 0) continue;
      const found = flatbushRange(f.index, c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3]);
      const ids = flatbushRangeIds();
      for (let q = 0; q < found; q++) keep[ids[q]] = 1;
    }
  }
  const pick: number[] = [];
  keep.forEach((v, p) => { if (v) pick.push(p); });
  return {
    store: polygonsOf(f.store, pick),
    households: Float64Array.from(pick, (p) => f.households[p]),
    estimated: Uint8Array.from(pick, (p) => f.estimated[p]),
    weighting: f.weighting,
  };
}

/** Polygons `pick` (ascending) of a store as a store of their own, every column as stored. */
export function polygonsOf(s: PolygonStore, pick: readonly number[]): PolygonStore {
  let rings = 0, coords = 0;
  for (const p of pick) {
    rings += s.polygonRing[p + 1] - s.polygonRing[p];
    coords += s.ringStart[s.polygonRing[p + 1]] - s.ringStart[s.polygonRing[p]];
  }
  const m = pick.length;
  const polygonRing = new Uint32Array(m + 1), ringStart = new Uint32Array(rings + 1), xy = new Float64Array(coords);
  const area = new Float64Array(m), bbox = new Float64Array(4 * m), weight = new Float64Array(m);
  let r = 0, v = 0;
  pick.forEach((p, q) => {
    polygonRing[q] = r;
    area[q] = s.area[p];
    weight[q] = s.weight[p];
    for (let j = 0; j < 4; j++) bbox[4 * q + j] = s.bbox[4 * p + j];
    for (let sr = s.polygonRing[p]; sr < s.polygonRing[p + 1]; sr++) {
      ringStart[r++] = v;
      const a = s.ringStart[sr], e = s.ringStart[sr + 1];
      xy.set(s.xy.subarray(a, e), v);
      v += e - a;
    }
  });
  polygonRing[m] = r;
  ringStart[r] = v;
  return { count: m, xy, ringStart, polygonRing, area, bbox, weight };
}

/** Packed residential features with their index rebuilt as projectResidential builds it. */
function unpackResidential(p: PackedResidential): ResidentialFeatures {
  return { store: p.store, households: p.households, estimated: p.estimated, index: storeIndex(p.store), weighting: p.weighting };
}

/** The typed arrays' buffers of a slice (a transfer list: the sender gives them up; shared ones are shared instead, transferableBuffers). */
export function sliceBuffers(s: AuditSlice): ArrayBuffer[] {
  const views: ArrayBufferView[] = [];
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v)) views.push(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const x of Object.values(v)) add(x);
  };
  add(s.indices); add(s.communities); add(s.basis); add(s.residential); add(s.facilities); add(s.green);
  for (const b of s.byCategory) add(b.items);
  return transferableBuffers(views);
}

// ----------------------------------------------------------------------------------------------
// Unpacking

const NOWHERE: BBox = [Infinity, Infinity, -Infinity, -Infinity];
const FAR: XY = [NaN, NaN];

function unpackIndex<T>(p: PackedIndex | null, from: (data: ArrayBuffer) => T): { index: T; items: number[] } | null {
  return p ? { index: from(p.data), items: Array.from(p.items) } : null;
}

/**
 * An audit context for the slice's communities, rebuilt from the slice alone; `reach` is the
 * provider to measure with (straight-line, or a walking network built in `slice.center`'s
 * projection). Audit the slice's `indices` in it; their results equal the whole context's but
 * for `parkArea_m2` (0 here: see withParkAreas).
 */
export function sliceContext(s: AuditSlice, reach: ReachProvider): AuditContext {
  const projection = createLocalProjection(s.center);
  const nC = s.counts.communities;
  const placeholderCommunity = (i: number): PreparedCommunity => ({ index: i, id: '', rings: [], area_m2: 0, bbox: NOWHERE });
  const communities: PreparedCommunity[] = new Array(nC);
  const fields: Community[] = new Array(nC);
  const facilitiesOf: number[][] = new Array(nC);
  const basis: CommunityBasis[] = new Array(nC);
  const noFields = { id: '', name: '', households: null, setting: 'urban', geometry: [] } as Community;
  for (let i = 0; i < nC; i++) { communities[i] = placeholderCommunity(i); fields[i] = noFields; facilitiesOf[i] = []; }
  const sc = s.communities, sb = s.basis;
  s.indices.forEach((i, k) => {
    const f = sc.fields[k];
    fields[i] = { ...f, geometry: [] } as Community;
    communities[i] = { index: i, id: f.id, rings: unpackRings(sc.rings, k), area_m2: sc.area[k], bbox: bboxOf(sc.bbox, k) };
    facilitiesOf[i] = Array.from(sc.assigned.subarray(sc.assignedStart[k], sc.assignedStart[k + 1]));
    if (sb.kind[k]) {
      const first = sb.pieceStart[k], count = sb.pieceStart[k + 1] - first;
      basis[i] = {
        kind: sb.kind[k] as CommunityBasis['kind'], store: count ? sb.pieces : null, first, count,
        total: sb.total[k], residentialArea_m2: sb.residentialArea[k], ...(sb.householdsEstimated[k] ? { householdsEstimated: true } : {}),
      };
    }
  });

  const nF = s.counts.facilities;
  const placeholderFacility: PreparedFacility = { index: -1, id: '', category: null, xy: FAR, floorArea: 0, floorAreaDefaulted: false, community: -1, assignedBy: 'none' };
  const facilities: PreparedFacility[] = new Array(nF).fill(placeholderFacility);
  const dataFacilities: Facility[] = new Array(nF).fill({});
  const sf = s.facilities;
  sf.pick.forEach((i, q) => {
    facilities[i] = {
      index: i, id: sf.ids[q], category: sf.category[q] >= 0 ? FACILITY_CATEGORIES[sf.category[q]] : null,
      xy: [sf.xy[2 * q], sf.xy[2 * q + 1]], floorArea: sf.floorArea[q], floorAreaDefaulted: (sf.flags[q] & 1) !== 0,
      community: sf.community[q], assignedBy: sf.assignedBy[q] === 1 ? 'explicit' : sf.assignedBy[q] === 2 ? 'location' : 'none',
    };
    if (sf.flags[q] & 2) dataFacilities[i] = { floorAreaEstimated: true } as Facility;
  });
  const byCategory = new Map<FacilityCategory, CategoryIndex>();
  for (const b of s.byCategory) byCategory.set(b.category, { items: Array.from(b.items), index: b.index ? KDBush.from(b.index.data) : null });

  const nG = s.counts.green;
  const green: PreparedGreen[] = new Array(nG);
  for (let i = 0; i < nG; i++) green[i] = { index: i, id: '', kind: 'green', rings: [], bbox: NOWHERE };
  const sg = s.green;
  sg.pick.forEach((i, q) => { green[i] = { index: i, id: sg.ids[q], kind: sg.park[q] ? 'park' : 'green', rings: unpackRings(sg.rings, q), bbox: bboxOf(sg.bbox, q) }; });

  return {
    projection,
    communities,
    // No community index: nothing in a community's audit searches other communities but the park
    // assignment, which the host fills in.
    communityIndex: null,
    locator: undefined as unknown as AuditContext['locator'],
    communityById: new Map(),
    warnings: [],
    facilities,
    byCategory,
    green,
    greenIndex: unpackIndex(s.greenIndex, (d) => Flatbush.from(d)) as SubsetIndex | null,
    parkIndex: unpackIndex(s.parkIndex, (d) => Flatbush.from(d)) as SubsetIndex | null,
    facilitiesOf,
    basis,
    weighting: s.residential ? s.residential.weighting : null,
    ...(s.residential ? { deferredBasis: { features: unpackResidential(s.residential), land: new Uint8Array(nC), warningsAt: 0, settled: false } } : {}),
    data: { communities: fields, facilities: dataFacilities, green: [], ...(s.roads ? { roads: s.roads } : {}) },
    preset: s.preset,
    mode: s.mode,
    reach,
    tierDistances: s.tierDistances,
    parameters: s.parameters,
    sources: s.sources,
  };
}

/** Each result's park area from the whole dataset's park assignment (index-aligned with `indices`). */
export function withParkAreas(results: CommunityResult[], indices: ArrayLike<number>, parkAreas: Float64Array): CommunityResult[] {
  results.forEach((r, k) => { r.parkArea_m2 = parkAreas[indices[k]]; });
  return results;
}
