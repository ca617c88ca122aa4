// Preparation of a dataset for the audit: one local projection, communities / facilities / green
// projected once, spatial indexes (flatbush over community and green bboxes, kdbush over facility
// points per category), facility → community assignment (audit-cli.md; the boundary decided on the
// data's own lon/lat edges, communityLocator.ts) and data warnings.
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { Community, DataWarning, Dataset, Facility, FacilityCategory, GreenKind, Position, RulePreset } from './types';
import { FACILITY_CATEGORIES } from './types';
import type { BBox, MetricRings, PreparedCommunity, XY } from './reach/reachProvider';
import { centreOfLonLatBox, createLocalProjection, extendLonLatBox, lonLatBox, type LocalProjection } from './geo/localProjection';
import { multiPolygonToMetric, ringsArea, ringsBBox } from './geo/metricRings';
import { createCommunityLocator, type CommunityLocator } from './communityLocator';
import { communityAreaProblem, householdsProblem } from './plausibility';
import { repeatedIds } from './repeatedIds';
import { deferResidential, prepareResidential, type ResidentialPreparation } from './residentialBasis';

const CATEGORY_SET = new Set<string>(FACILITY_CATEGORIES);

export interface PreparedFacility {
  /** Index into the dataset's facilities array. */
  index: number;
  id: string;
  /** null when the category is not in the vocabulary (warned, ignored by the rules). */
  category: FacilityCategory | null;
  xy: XY;
  /** Floor area used by the rules: the facility's own, else the preset default, else 0. */
  floorArea: number;
  /** True when floorArea is the preset default (the facility had none). */
  floorAreaDefaulted: boolean;
  /** Community index it is assigned to, −1 for none. */
  community: number;
  /** How it was assigned. */
  assignedBy: 'explicit' | 'location' | 'none';
}

export interface PreparedGreen {
  index: number;
  id: string;
  kind: GreenKind;
  rings: MetricRings;
  bbox: BBox;
}

export interface CategoryIndex {
  /** Facility indices (into PreparedIndexes.facilities), aligned with the kdbush item ids. */
  items: number[];
  index: KDBush | null;
}

/** A flatbush over some items; `items[k]` is the array index of flatbush item k. */
export interface SubsetIndex {
  index: Flatbush;
  items: number[];
}

export interface PreparedIndexes {
  communityIndex: Flatbush | null;
  facilities: PreparedFacility[];
  byCategory: Map<FacilityCategory, CategoryIndex>;
  green: PreparedGreen[];
  /** Flatbush over all green polygons (park and green) and over parks only. */
  greenIndex: SubsetIndex | null;
  parkIndex: SubsetIndex | null;
  /** Community index → facility indices assigned to it. */
  facilitiesOf: number[][];
}

export interface Preparation extends PreparedIndexes, ResidentialPreparation {
  projection: LocalProjection;
  communities: PreparedCommunity[];
  warnings: DataWarning[];
  /** Community id → first community index with that id. */
  communityById: Map<string, number>;
  /** Point → communities holding it, on the data's own straight lon/lat edges (facility assignment). */
  locator: CommunityLocator;
}


/**
 * The local projection the audit uses for a dataset: centred on the lon/lat extent of its
 * communities (of its facilities when there are none). Build a network reach with this
 * projection (or pass it to prepareAudit) so that both work in the same metres.
 */
export function datasetProjection(data: Dataset): LocalProjection {
  return createLocalProjection(datasetCenter(data));
}

/**
 * The centre of datasetProjection (without building the projection): centerOf the communities'
 * vertices (the facilities' positions when there are none), read in place rather than gathered
 * into one list first.
 */
export function datasetCenter(data: Pick<Dataset, 'communities' | 'facilities'>): Position {
  const box = lonLatBox();
  for (const c of data.communities) for (const poly of c.geometry ?? []) for (const ring of poly ?? []) for (const p of ring ?? []) extendLonLatBox(box, p);
  if (!data.communities.length) for (const f of data.facilities) extendLonLatBox(box, f.position);
  return centreOfLonLatBox(box);
}

export function bboxGap(a: BBox, b: BBox): number {
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]);
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]);
  return Math.hypot(dx, dy);
}

export function pointBBoxGap(p: XY, b: BBox): number {
  const dx = Math.max(0, b[0] - p[0], p[0] - b[2]);
  const dy = Math.max(0, b[1] - p[1], p[1] - b[3]);
  return Math.hypot(dx, dy);
}

function prepareCommunity(c: Community, index: number, projection: LocalProjection, warnings: DataWarning[]): PreparedCommunity {
  const { rings, problems } = multiPolygonToMetric(c.geometry, projection);
  if (problems.length) {
    warnings.push({ code: 'invalid_geometry', layer: 'communities', feature: c.id ?? String(index), field: 'geometry', message: `community ${c.id ?? index}: ${problems.join('; ')}` });
  }
  const area = rings.length ? Math.max(0, ringsArea(rings)) : 0;
  return { index, id: c.id, rings, area_m2: area, bbox: rings.length ? ringsBBox(rings) : [0, 0, 0, 0] };
}

export function buildCommunityIndex(communities: PreparedCommunity[]): Flatbush | null {
  if (!communities.length) return null;
  const idx = new Flatbush(communities.length);
  for (const c of communities) idx.add(c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3]);
  idx.finish();
  return idx;
}

export function prepareFacility(f: Facility, index: number, preset: RulePreset, projection: LocalProjection): PreparedFacility {
  const category = CATEGORY_SET.has(f.category) ? f.category : null;
  const own = f.floorArea;
  const hasOwn = typeof own === 'number' && Number.isFinite(own) && own >= 0;
  const def = category ? preset.defaultFloorArea[category] : undefined;
  return {
    index,
    id: f.id,
    category,
    xy: projection.forward(f.position),
    floorArea: hasOwn ? own : (def ?? 0),
    floorAreaDefaulted: !hasOwn,
    community: -1,
    assignedBy: 'none',
  };
}

export function buildCategoryIndexes(facilities: PreparedFacility[]): Map<FacilityCategory, CategoryIndex> {
  const groups = new Map<FacilityCategory, number[]>();
  facilities.forEach((f, i) => {
    if (!f.category || !Number.isFinite(f.xy[0]) || !Number.isFinite(f.xy[1])) return;
    let g = groups.get(f.category);
    if (!g) groups.set(f.category, (g = []));
    g.push(i);
  });
  const out = new Map<FacilityCategory, CategoryIndex>();
  for (const [cat, items] of groups) {
    const kd = new KDBush(items.length);
    for (const i of items) kd.add(facilities[i].xy[0], facilities[i].xy[1]);
    kd.finish();
    out.set(cat, { items, index: kd });
  }
  return out;
}

/**
 * Assigns one prepared facility (explicit id wins, else location: the community holding it, on the
 * boundary included, the id that sorts first when several do; see communityLocator.ts); pushes warnings.
 */
export function assignFacility(
  pf: PreparedFacility,
  f: Facility,
  locator: CommunityLocator,
  communityById: Map<string, number>,
  warnings: DataWarning[],
  overlapPairs?: Set<string>,
): void {
  const fid = f.id ?? String(pf.index);
  if (f.communityId !== undefined && f.communityId !== null && f.communityId !== '') {
    const ci = communityById.get(String(f.communityId));
    if (ci !== undefined) {
      pf.community = ci;
      pf.assignedBy = 'explicit';
      return;
    }
    warnings.push({ code: 'unknown_community_assignment', layer: 'facilities', feature: fid, field: 'community', message: `facility ${fid}: assigned to community "${f.communityId}", which does not exist; assigned by location instead` });
  }
  const { inside, strict } = locator.locate(f.position);
  if (!inside.length) {
    warnings.push({ code: 'facility_outside_communities', layer: 'facilities', feature: fid, field: 'geometry', message: `facility ${fid} lies in no community` });
    return;
  }
  pf.community = inside[0];
  pf.assignedBy = 'location';
  if (strict.length > 1 && overlapPairs) {
    const ids = strict.map((i) => locator.idOf(i));
    const key = ids.join('\u0000');
    if (!overlapPairs.has(key)) {
      overlapPairs.add(key);
      warnings.push({ code: 'community_overlap', layer: 'communities', feature: ids[0], field: 'geometry', message: `communities ${ids.join(', ')} overlap (facility ${fid} lies inside all of them; assigned to ${ids[0]})` });
    }
  }
}

function indexOf(green: PreparedGreen[], keep: (g: PreparedGreen) => boolean): SubsetIndex | null {
  const items = green.map((g, i) => (g.rings.length && keep(g) ? i : -1)).filter((i) => i >= 0);
  if (!items.length) return null;
  const index = new Flatbush(items.length);
  for (const i of items) index.add(green[i].bbox[0], green[i].bbox[1], green[i].bbox[2], green[i].bbox[3]);
  index.finish();
  return { index, items };
}

export function buildGreenIndexes(green: PreparedGreen[]): Pick<PreparedIndexes, 'greenIndex' | 'parkIndex'> {
  return { greenIndex: indexOf(green, () => true), parkIndex: indexOf(green, (g) => g.kind === 'park') };
}

/**
 * The data warnings a community's households call for: missing, not above 0, or beyond any real
 * community for its area (plausibility.ts); empty when they are fine. A households edit replaces
 * exactly these (field `households`).
 */
export function householdsWarnings(c: Community, index: number, area_m2: number): DataWarning[] {
  const id = c.id ?? String(index);
  if (c.households === null || c.households === undefined || !Number.isFinite(c.households)) {
    return [{ code: 'missing_households', layer: 'communities', feature: id, field: 'households', message: `community ${id}: households missing; areaPer100Households cannot be computed` }];
  }
  const out: DataWarning[] = [];
  if (c.households <= 0) {
    out.push({ code: 'zero_households', layer: 'communities', feature: id, field: 'households', message: `community ${id}: households is ${c.households}; areaPer100Households cannot be computed` });
  }
  const hh = householdsProblem(c.households, area_m2);
  if (hh) out.push({ code: 'implausible_value', layer: 'communities', feature: id, field: 'households', message: `community ${id}: ${hh.message}` });
  return out;
}

/**
 * `deferBases`: project the residential layer but build no community's basis yet; each is built
 * when first asked for (residentialBasis.ts basisOf), e.g. by the thread that audits it. With
 * `projectResidential` false as well, the layer is projected elsewhere and attached later
 * (residentialBasis.ts attachResidentialFeatures).
 */
export function prepareDataset(data: Dataset, preset: RulePreset, projection?: LocalProjection, options: { deferBases?: boolean; projectResidential?: boolean } = {}): Preparation {
  const warnings: DataWarning[] = [];
  const proj = projection ?? datasetProjection(data);

  // Duplicate ids (per layer).
  const dupCheck = (layer: DataWarning['layer'], ids: string[]) => {
    for (const id of repeatedIds(ids)) warnings.push({ code: 'duplicate_id', layer, feature: id, field: 'id', message: `${layer}: id "${id}" is used more than once` });
  };
  dupCheck('communities', data.communities.map((c) => c.id));
  dupCheck('facilities', data.facilities.map((f) => f.id));
  dupCheck('green', data.green.map((g) => g.id));
  if (data.residentialLayer) dupCheck('residential', data.residentialLayer.ids);
  else if (data.residential) dupCheck('residential', data.residential.map((r) => r.id));

  const communities = data.communities.map((c, i) => prepareCommunity(c, i, proj, warnings));
  const communityById = new Map<string, number>();
  communities.forEach((c, i) => { if (!communityById.has(c.id)) communityById.set(c.id, i); });
  data.communities.forEach((c, i) => {
    const id = c.id ?? String(i);
    const hw = householdsWarnings(c, i, communities[i].area_m2);
    warnings.push(...hw.filter((w) => w.code !== 'implausible_value'));
    // Figures beyond any real community are flagged, not dropped (plausibility.ts).
    const area = communityAreaProblem(communities[i].area_m2);
    if (area) warnings.push({ code: 'implausible_value', layer: 'communities', feature: id, field: 'geometry', message: `community ${id}: ${area.message}` });
    warnings.push(...hw.filter((w) => w.code === 'implausible_value'));
  });
  const communityIndex = buildCommunityIndex(communities);
  const overlapPairs = new Set<string>();
  const locator = createCommunityLocator(data.communities, (i) => communities[i].rings.length > 0, proj.center);
  locator.overlapWarnings(overlapPairs, warnings);

  const facilities = data.facilities.map((f, i) => prepareFacility(f, i, preset, proj));
  const facilitiesOf: number[][] = communities.map(() => []);
  data.facilities.forEach((f, i) => {
    const pf = facilities[i];
    const fid = f.id ?? String(i);
    if (!pf.category) {
      warnings.push({ code: 'unknown_category', layer: 'facilities', feature: fid, field: 'category', message: `facility ${fid}: unknown category "${String(f.category)}"; ignored by the rules` });
      return;
    }
    if (!Number.isFinite(pf.xy[0]) || !Number.isFinite(pf.xy[1])) {
      warnings.push({ code: 'invalid_geometry', layer: 'facilities', feature: fid, field: 'geometry', message: `facility ${fid}: position is not a valid longitude/latitude` });
      return;
    }
    if (pf.floorAreaDefaulted) {
      warnings.push({ code: 'missing_floor_area', layer: 'facilities', feature: fid, field: 'area', message: `facility ${fid}: floor area missing; preset default ${pf.floorArea} m² used` });
    }
    assignFacility(pf, f, locator, communityById, warnings, overlapPairs);
    if (pf.community >= 0) facilitiesOf[pf.community].push(i);
  });

  const green: PreparedGreen[] = data.green.map((g, i) => {
    const { rings, problems } = multiPolygonToMetric(g.geometry, proj);
    if (problems.length) warnings.push({ code: 'invalid_geometry', layer: 'green', feature: g.id ?? String(i), field: 'geometry', message: `green space ${g.id ?? i}: ${problems.join('; ')}` });
    return { index: i, id: g.id, kind: g.kind === 'park' ? 'park' : 'green', rings, bbox: rings.length ? ringsBBox(rings) : [0, 0, 0, 0] };
  });

  return {
    projection: proj,
    communities,
    communityIndex,
    locator,
    communityById,
    facilities,
    byCategory: buildCategoryIndexes(facilities),
    green,
    ...buildGreenIndexes(green),
    facilitiesOf,
    ...(options.deferBases
      ? deferResidential(data.residentialLayer ?? data.residential, proj, communities, warnings, options.projectResidential !== false)
      : prepareResidential(data.residentialLayer ?? data.residential, proj, communities, warnings)),
    warnings,
  };
}
