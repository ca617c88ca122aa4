// Coverage basis: what a coverage share is a share of (audit-cli.md, "Coverage basis: people, not
// land"; STANDARDS.md §3: a service-radius coverage rate 服务半径覆盖率 is the residential land within
// the radius ÷ all residential land). Per community, the residential land inside it becomes a few
// weighted pieces, each measured with the reach provider as if it were a small community:
// - every residential feature carries households → one piece per feature (cut by the community
//   boundary), weighted by its households per m² (a cut feature gives each side its area's part);
// - otherwise → the union of the features inside the community (overlaps count once), weight 1;
// - no residential land inside → the community's own area, with a data warning.
// The share is Σ weight × reached area ÷ Σ weight × piece area.
import Flatbush from 'flatbush';
import type { CoverageBasis, DataWarning, MultiPolygonCoords, ResidentialLand } from './types';
import type { BBox, MetricRings, PreparedCommunity, XY } from './reach/reachProvider';
import type { LocalProjection } from './geo/localProjection';
import { groupRings, multiPolygonToMetric, ringsArea, ringsBBox } from './geo/metricRings';
import { intersection, union } from './geo/clip';
import { pointInRings } from './geo/pointInPolygon';

export interface PreparedResidential {
  /** Index into the dataset's residential array. */
  index: number;
  id: string;
  rings: MetricRings;
  bbox: BBox;
  area_m2: number;
  /** Households on the feature; null when it has none (or an invalid value). */
  households: number | null;
  householdsEstimated: boolean;
}

/** A part of a community's residential land; `weight` is households per m² (1 on the area basis). */
export interface BasisPiece extends PreparedCommunity {
  weight: number;
}

export interface CommunityBasis {
  kind: CoverageBasis;
  /** Residential pieces; empty on the community-area basis (the community itself is measured). */
  pieces: BasisPiece[];
  /** Σ weight × piece area: households (or m²) the shares are taken of. */
  total: number;
  /** Residential land inside the community (m², overlaps once). */
  residentialArea_m2: number;
  /** Some of the households weighting it are estimates (e.g. from OSM building floor area). */
  householdsEstimated?: boolean;
}

export interface ResidentialPreparation {
  residential: PreparedResidential[];
  /** Per community (index-aligned): its basis. */
  basis: CommunityBasis[];
  /** 'households' when every feature carries households, 'area' otherwise, null without a layer. */
  weighting: 'households' | 'area' | null;
}

const COMMUNITY_AREA: CommunityBasis = Object.freeze({ kind: 'community-area', pieces: [], total: 0, residentialArea_m2: 0 }) as CommunityBasis;

const validHouseholds = (h: unknown): h is number => typeof h === 'number' && Number.isFinite(h) && h >= 0;

function bboxOverlap(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * True when `rings` lie certainly inside the community without clipping: their bbox is inside the
 * community's bbox, no community edge's bbox meets theirs (so the community boundary does not pass
 * through it) and one of their vertices is inside the community. Conservative: false → clip.
 */
function insideCommunity(rings: MetricRings, bbox: BBox, c: PreparedCommunity): boolean {
  const cb = c.bbox;
  if (bbox[0] < cb[0] || bbox[1] < cb[1] || bbox[2] > cb[2] || bbox[3] > cb[3]) return false;
  for (const r of c.rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const a = r[j], b = r[i];
      if (Math.max(a[0], b[0]) < bbox[0] || Math.min(a[0], b[0]) > bbox[2] || Math.max(a[1], b[1]) < bbox[1] || Math.min(a[1], b[1]) > bbox[3]) continue;
      return false;
    }
  }
  return pointInRings(rings[0][0], c.rings) > 0;
}

/** Proper or touching intersection of segments ab and cd. */
function segmentsMeet(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  const on = (p: XY, q: XY, r: XY) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (o1 === 0 && on(a, b, c)) || (o2 === 0 && on(a, b, d)) || (o3 === 0 && on(c, d, a)) || (o4 === 0 && on(c, d, b));
}

/**
 * Fast path for the common residential feature (a building or parcel): one ring of at most 64
 * vertices that does not cross itself is projected and oriented directly; anything else (holes,
 * parts, self-intersections, bad coordinates) goes through multiPolygonToMetric's cleaning union.
 */
function simpleToMetric(geometry: MultiPolygonCoords, projection: LocalProjection): MetricRings | null {
  if (!Array.isArray(geometry) || geometry.length !== 1 || !Array.isArray(geometry[0]) || geometry[0].length !== 1) return null;
  const ring = geometry[0][0];
  if (!Array.isArray(ring) || ring.length < 4 || ring.length > 65) return null;
  const out: XY[] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
    if (i === ring.length - 1 && p[0] === ring[0][0] && p[1] === ring[0][1]) break;
    const xy = projection.forward(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== xy[0] || last[1] !== xy[1]) out.push(xy);
  }
  const n = out.length;
  if (n < 3) return null;
  for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) {
    if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
    if (segmentsMeet(out[i], out[(i + 1) % n], out[j], out[(j + 1) % n])) return null;
  }
  const a = ringsArea([out]);
  if (a === 0) return null;
  if (a < 0) out.reverse();
  return [out];
}

/** Splits oriented rings into connected polygons (outer ring with its holes), as pieces. */
function piecesOf(rings: MetricRings, c: PreparedCommunity, weight: number, out: BasisPiece[]): void {
  const polys = rings.length === 1 ? [rings] : groupRings(rings);
  for (const poly of polys) {
    const area = ringsArea(poly);
    if (!(area > 0)) continue;
    out.push({ index: c.index, id: `${c.id}#${out.length}`, rings: poly, area_m2: area, bbox: ringsBBox(poly), weight });
  }
}

/** Projects the residential layer and builds every community's basis (see header). */
export function prepareResidential(
  land: ResidentialLand[] | undefined,
  projection: LocalProjection,
  communities: PreparedCommunity[],
  warnings: DataWarning[],
): ResidentialPreparation {
  if (!land || !land.length) return { residential: [], basis: communities.map(() => COMMUNITY_AREA), weighting: null };
  let missing = 0;
  let firstMissing = '';
  const residential: PreparedResidential[] = land.map((r, i) => {
    const id = r.id ?? String(i);
    const simple = simpleToMetric(r.geometry, projection);
    const { rings, problems } = simple ? { rings: simple, problems: [] as string[] } : multiPolygonToMetric(r.geometry, projection);
    if (problems.length) warnings.push({ code: 'invalid_geometry', layer: 'residential', feature: id, field: 'geometry', message: `residential ${id}: ${problems.join('; ')}` });
    const households = validHouseholds(r.households) ? r.households : null;
    if (households === null) {
      if (!missing) firstMissing = id;
      missing++;
    }
    const area = rings.length ? Math.max(0, ringsArea(rings)) : 0;
    return { index: i, id, rings, bbox: rings.length ? ringsBBox(rings) : [0, 0, 0, 0], area_m2: area, households, householdsEstimated: r.householdsEstimated === true };
  });
  const weighting = missing ? 'area' : 'households';
  if (missing) {
    warnings.push({
      code: 'missing_households', layer: 'residential', feature: firstMissing, field: 'households',
      message: `residential: ${missing} of ${land.length} features have no households (first: ${firstMissing}); coverage is measured over residential area, not households`,
    });
  }
  const usable = residential.filter((r) => r.rings.length && r.area_m2 > 0);
  const index = usable.length ? new Flatbush(usable.length) : null;
  if (index) {
    for (const r of usable) index.add(r.bbox[0], r.bbox[1], r.bbox[2], r.bbox[3]);
    index.finish();
  }

  const basis = communities.map((c): CommunityBasis => {
    if (!index || !c.rings.length || c.area_m2 <= 0) return COMMUNITY_AREA;
    // Each feature's part inside the community.
    const parts: { r: PreparedResidential; rings: MetricRings; bbox: BBox }[] = [];
    for (const k of index.search(c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3]).sort((a, b) => a - b)) {
      const r = usable[k];
      if (insideCommunity(r.rings, r.bbox, c)) { parts.push({ r, rings: r.rings, bbox: r.bbox }); continue; }
      const cut = intersection(c.rings, r.rings);
      if (cut.length && ringsArea(cut) > 0) parts.push({ r, rings: cut, bbox: ringsBBox(cut) });
    }
    // Residential land inside, overlaps once: a union only when some parts' boxes meet.
    let overlapping = false;
    for (let i = 0; i < parts.length && !overlapping; i++) for (let j = i + 1; j < parts.length; j++) if (bboxOverlap(parts[i].bbox, parts[j].bbox)) { overlapping = true; break; }
    const landRings: MetricRings = overlapping ? union(parts.flatMap((p) => p.rings)) : parts.flatMap((p) => p.rings);
    const residentialArea = landRings.length ? Math.max(0, ringsArea(landRings)) : 0;
    if (!(residentialArea > 0)) {
      warnings.push({
        code: 'no_residential_land', layer: 'communities', feature: c.id, field: 'geometry',
        message: `community ${c.id}: no residential land inside; coverage is measured over the whole community area`,
      });
      return COMMUNITY_AREA;
    }
    const pieces: BasisPiece[] = [];
    if (weighting === 'households') {
      for (const p of parts) piecesOf(p.rings, c, (p.r.households as number) / p.r.area_m2, pieces);
      const total = pieces.reduce((s, p) => s + p.weight * p.area_m2, 0);
      const householdsEstimated = parts.some((p) => p.r.householdsEstimated);
      if (total > 0) return { kind: 'residential-households', pieces, total, residentialArea_m2: residentialArea, ...(householdsEstimated ? { householdsEstimated } : {}) };
      pieces.length = 0; // no households on this community's land: its area decides
    }
    piecesOf(landRings, c, 1, pieces);
    return { kind: 'residential-area', pieces, total: pieces.reduce((s, p) => s + p.area_m2, 0), residentialArea_m2: residentialArea };
  });
  return { residential, basis, weighting };
}
