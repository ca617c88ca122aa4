// One raw feature (already in WGS84) + field map → an engine feature, or the reasons it is not
// valid. Errors exclude the feature; warnings keep it. Field names in messages are the source's.
import type { Geometry } from 'geojson';
import type { CandidateSite, Community, Facility, GreenSpace, MultiPolygonCoords, Position, ResidentialLand, RoadLine } from '../../engine/types';
import type { FieldMap, ImportOptions, LayerKind, RawFeature } from './types';
import { FACILITY_CATEGORIES } from '../../engine/types';
import { categoryOf, greenKindOf, settingOf } from '../fields/categoryValues';
import { checkLine, checkPosition, checkRing } from '../validate/geometryChecks';
import { polygonExtentProblem } from '../../engine/plausibility';
import { representativePoint } from './representativePoint';

export interface FeatureIssue {
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Converted {
  /** Valid engine features (a MultiLineString road gives one RoadLine per part). */
  features: (Community | Facility | GreenSpace | RoadLine | ResidentialLand | CandidateSite)[];
  /** The feature's id (for messages), when known. */
  id?: string;
  issues: FeatureIssue[];
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
/** A cell as trimmed text; undefined when blank. */
export const text = (v: unknown): string | undefined => (blank(v) ? undefined : String(v).trim());

/** Number from a cell: numbers, numeric strings (thousands separators and a trailing unit such as
 *  户, 人, m², ㎡, 平方米 allowed); NaN otherwise. */
export function parseNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim().replace(/,/g, '').replace(/\s*(户|人|㎡|m2|m²|平方米|平米)$/i, '');
    return t === '' ? NaN : Number(t);
  }
  return NaN;
}

function quantity(p: Record<string, unknown>, map: FieldMap, canon: string, issues: FeatureIssue[], missing: 'warning' | 'none', what: string): number | null {
  const src = map[canon];
  if (!src) return null;
  return quantityOf(p[src], src, issues, missing, what);
}

/** The value `v` of source field `src` as a quantity: a number ≥ 0, or null with the issue why. */
export function quantityOf(v: unknown, src: string, issues: FeatureIssue[], missing: 'warning' | 'none', what: string): number | null {
  if (blank(v)) {
    if (missing === 'warning') issues.push({ field: src, message: `${what} is missing`, severity: 'warning' });
    return null;
  }
  const n = parseNumber(v);
  if (!Number.isFinite(n)) {
    issues.push({ field: src, message: `${what} "${String(v)}" is not a number`, severity: 'error' });
    return null;
  }
  if (n < 0) {
    issues.push({ field: src, message: `${what} ${n} is negative`, severity: 'error' });
    return null;
  }
  return n;
}

/** A checked line or ring as engine positions: the source's own arrays when every position is
 *  exactly [x, y] (no copy per vertex), else [x, y] copies (Z and M dropped). */
function xyPositions(line: Position[]): Position[] {
  for (const p of line) if (p.length !== 2) return line.map((q) => [q[0], q[1]] as Position);
  return line;
}

function polygonal(g: Geometry | null, issues: FeatureIssue[]): MultiPolygonCoords | null {
  if (!g) {
    issues.push({ field: 'geometry', message: 'no geometry', severity: 'error' });
    return null;
  }
  let polys: unknown[];
  if (g.type === 'Polygon') polys = [g.coordinates];
  else if (g.type === 'MultiPolygon') polys = g.coordinates;
  else {
    issues.push({ field: 'geometry', message: `geometry is ${g.type}, expected Polygon or MultiPolygon`, severity: 'error' });
    return null;
  }
  let bad = false;
  polys.forEach((poly, pi) => {
    if (!Array.isArray(poly) || poly.length === 0) {
      issues.push({ field: 'geometry', message: `polygon ${pi} has no rings`, severity: 'error' });
      bad = true;
      return;
    }
    poly.forEach((ring, ri) => {
      const which = `${polys.length > 1 ? `polygon ${pi} ` : ''}${ri === 0 ? 'outer ring' : `hole ${ri}`}`;
      for (const e of checkRing(ring, which)) {
        issues.push({ field: 'geometry', ...e });
        if (e.severity === 'error') bad = true;
      }
    });
  });
  if (bad) return null;
  const out = (polys as Position[][][]).map((poly) => poly.map(xyPositions));
  // A polygon spanning the globe cannot be measured in a local projection (plausibility.ts).
  const extent = polygonExtentProblem(out);
  if (extent) {
    issues.push({ field: 'geometry', ...extent });
    return null;
  }
  return out;
}

function pointOf(g: Geometry | null, issues: FeatureIssue[]): Position | null {
  if (!g) {
    issues.push({ field: 'geometry', message: 'no geometry', severity: 'error' });
    return null;
  }
  let p: number[] | undefined;
  if (g.type === 'Point') p = g.coordinates;
  else if (g.type === 'MultiPoint' && g.coordinates.length === 1) p = g.coordinates[0];
  else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    // Facility drawn as a footprint: use the vertex average of its outer ring(s).
    const outer = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((pl) => pl[0]);
    const pts = outer.flatMap((r) => (r ?? []).slice(0, Math.max(1, (r ?? []).length - 1)));
    if (pts.length) {
      p = [pts.reduce((s, q) => s + q[0], 0) / pts.length, pts.reduce((s, q) => s + q[1], 0) / pts.length];
      issues.push({ field: 'geometry', message: `${g.type} facility placed at its outline's centre`, severity: 'warning' });
    }
  }
  if (!p) {
    issues.push({ field: 'geometry', message: `geometry is ${g.type}, expected Point`, severity: 'error' });
    return null;
  }
  const e = checkPosition(p);
  if (e) {
    issues.push({ field: 'geometry', ...e });
    return null;
  }
  return p.length === 2 ? (p as Position) : [p[0], p[1]];
}

/** The user's value choices (ImportOptions): raw value → vocabulary, tried before the built-in synonyms. */
export type ValueMaps = Pick<ImportOptions, 'categoryMap' | 'settingMap' | 'kindMap'>;

/** The user's choice for a raw value (matched trimmed, own keys only), if it is one of `allowed`. */
function chosen<T extends string>(m: Record<string, T> | undefined, v: unknown, allowed: readonly T[]): T | undefined {
  if (!m || blank(v)) return undefined;
  const key = String(v).trim();
  const c = Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
  return c !== undefined && allowed.includes(c) ? c : undefined;
}

export function toEngineFeature(kind: LayerKind, raw: RawFeature, index: number, map: FieldMap, values: ValueMaps = {}): Converted {
  const issues: FeatureIssue[] = [];
  const p = raw.properties;
  const id = text(map.id ? p[map.id] : undefined) ?? String(index);
  const name = text(map.name ? p[map.name] : undefined);
  if (raw.geometryError) {
    issues.push({ field: 'geometry', message: raw.geometryError, severity: 'error' });
    return { features: [], id, issues };
  }
  if (kind === 'communities') {
    const geometry = polygonal(raw.geometry, issues);
    const households = map.households ? quantity(p, map, 'households', issues, 'warning', 'households') : null;
    const population = quantity(p, map, 'population', issues, 'none', 'population');
    const sv = map.setting ? p[map.setting] : undefined;
    let setting = chosen(values.settingMap, sv, ['urban', 'rural'] as const) ?? settingOf(sv);
    if (!setting) {
      issues.push({ field: map.setting, message: `setting "${String(sv)}" is neither urban (城镇) nor rural (农村); taken as urban`, severity: 'warning' });
      setting = 'urban';
    }
    const rv = map.resettlement ? p[map.resettlement] : undefined;
    const resettlement = rv === true || rv === 1 || (typeof rv === 'string' && /^(true|1|yes|是|y)$/i.test(rv.trim()));
    if (!geometry || issues.some((i) => i.severity === 'error')) return { features: [], id, issues };
    const c: Community = { id, name: name ?? id, households, setting, geometry };
    if (population !== null) c.population = population;
    if (resettlement) c.resettlement = true;
    const street = text(map.street ? p[map.street] : undefined);
    if (street) c.street = street;
    return { features: [c], id, issues };
  }
  if (kind === 'facilities') {
    const position = pointOf(raw.geometry, issues);
    const cv = map.category ? p[map.category] : undefined;
    const category = chosen(values.categoryMap, cv, FACILITY_CATEGORIES) ?? categoryOf(cv);
    if (!map.category) issues.push({ field: 'category', message: 'no category field mapped', severity: 'error' });
    else if (blank(cv)) issues.push({ field: map.category, message: 'category is missing', severity: 'error' });
    else if (!category) issues.push({ field: map.category, message: `category "${String(cv)}" is not in the facility vocabulary (e.g. kindergarten / 幼儿园, community_service / 社区服务站)`, severity: 'error' });
    const floorArea = quantity(p, map, 'area', issues, map.area ? 'warning' : 'none', 'floor area');
    if (!position || !category || issues.some((i) => i.severity === 'error')) return { features: [], id, issues };
    const f: Facility = { id, category, floorArea, position };
    if (name) f.name = name;
    const community = text(map.community ? p[map.community] : undefined);
    if (community) f.communityId = community;
    const pv = map.proposed ? p[map.proposed] : undefined;
    if (pv === true || pv === 1 || (typeof pv === 'string' && /^(true|1|yes|是)$/i.test(pv.trim()))) f.proposed = true;
    return { features: [f], id, issues };
  }
  if (kind === 'green') {
    const geometry = polygonal(raw.geometry, issues);
    const kv = map.kind ? p[map.kind] : undefined;
    let k = chosen(values.kindMap, kv, ['park', 'green'] as const) ?? greenKindOf(kv);
    if (!k) {
      issues.push({ field: map.kind, message: `green kind "${String(kv)}" is neither park (公园) nor green (绿地); taken as green`, severity: 'warning' });
      k = 'green';
    }
    if (!geometry || issues.some((i) => i.severity === 'error')) return { features: [], id, issues };
    const g: GreenSpace = { id, kind: k, geometry };
    if (name) g.name = name;
    return { features: [g], id, issues };
  }
  if (kind === 'residential') {
    // Residential land or buildings; households optional (audit-cli.md "Coverage basis").
    const geometry = polygonal(raw.geometry, issues);
    const households = quantity(p, map, 'households', issues, 'warning', 'households');
    if (!geometry || issues.some((i) => i.severity === 'error')) return { features: [], id, issues };
    const r: ResidentialLand = { id, geometry };
    if (households !== null) r.households = households;
    if (name) r.name = name;
    return { features: [r], id, issues };
  }
  if (kind === 'candidates') {
    // Candidate sites (建议选址): points, or parcels (polygons) at a point inside their largest part.
    const g = raw.geometry;
    let position: Position | null = null;
    if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
      const geometry = polygonal(g, issues);
      if (geometry) {
        position = representativePoint(geometry);
        if (!position) issues.push({ field: 'geometry', message: 'the parcel has no area: no point inside it', severity: 'error' });
      }
    } else if (g && g.type === 'MultiPoint' && g.coordinates.length > 1) {
      issues.push({ field: 'geometry', message: `a candidate site is one point or one parcel (MultiPoint has ${g.coordinates.length} points)`, severity: 'error' });
    } else {
      position = pointOf(g, issues);
    }
    if (!position || issues.some((i) => i.severity === 'error')) return { features: [], id, issues };
    const site: CandidateSite = { id, position };
    if (name) site.name = name;
    return { features: [site], id, issues };
  }
  // roads
  const g = raw.geometry;
  const lines: unknown[] = !g ? [] : g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  if (!g || lines.length === 0) {
    issues.push({ field: 'geometry', message: g ? `geometry is ${g.type}, expected LineString or MultiLineString` : 'no geometry', severity: 'error' });
    return { features: [], id, issues };
  }
  for (const l of lines) {
    const e = checkLine(l);
    if (e) {
      issues.push({ field: 'geometry', ...e });
      return { features: [], id, issues };
    }
  }
  const kindV = text(map.kind ? p[map.kind] : undefined);
  const roads = (lines as Position[][]).map((l, k): RoadLine => ({
    id: lines.length > 1 ? `${id}.${k}` : id,
    coordinates: xyPositions(l),
    ...(kindV ? { kind: kindV } : {}),
    ...(name ? { name } : {}),
  }));
  return { features: roads, id, issues };
}
