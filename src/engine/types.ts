// Engine data types: plain, serialisable data (structured-clone safe, so they cross the
// Web Worker boundary unchanged). Coordinates are WGS84/CGCS2000 longitude/latitude degrees;
// the engine projects to metres itself (see geo/localProjection.ts). I/O adapters convert
// files to these types at the edge; nothing here knows about files, the DOM or React.

/** [longitude, latitude] in degrees, WGS84 (= CGCS2000 at planning scale, STANDARDS.md §4). */
export type Position = [number, number];
/** A closed ring: first position repeated last. Outer rings and holes, any orientation. */
export type Ring = Position[];
/** Polygon rings: [outer, ...holes]. */
export type PolygonCoords = Ring[];
/** Every areal feature is normalised to a multipolygon (a one-part polygon is [[outer, ...holes]]). */
export type MultiPolygonCoords = PolygonCoords[];

/** Facility vocabulary, STANDARDS.md §2. Keys are stable identifiers in files and code. */
export const FACILITY_CATEGORIES = [
  'community_service',
  'elderly_care',
  'kindergarten',
  'health_station',
  'health_center',
  'supermarket',
  'activity_venue',
  'primary_school',
  'middle_school',
  'culture_center',
  'sports_venue',
  'police',
  'emergency_shelter',
  'parcel_locker',
] as const;
export type FacilityCategory = (typeof FACILITY_CATEGORIES)[number];

export type Setting = 'urban' | 'rural';
export type GreenKind = 'park' | 'green';

export interface Community {
  id: string;
  name: string;
  /** Resident households; null when missing in the source (reported as a data warning). */
  households: number | null;
  /** Resident population; null/undefined = households × preset persons per household. */
  population?: number | null;
  setting: Setting;
  /** 易地扶贫搬迁安置区: must meet every rule (002 "全覆盖、全达标"). */
  resettlement?: boolean;
  /** Sub-district (街道) or other grouping, for filtering. */
  street?: string;
  geometry: MultiPolygonCoords;
  /** Which values are estimates (e.g. households estimated from OSM buildings). */
  estimated?: { households?: boolean; population?: boolean };
}

export interface Facility {
  id: string;
  name?: string;
  category: FacilityCategory;
  /** Floor area in m²; null when missing (the engine then uses the preset's default and marks it). */
  floorArea: number | null;
  /** True when floorArea is itself an estimate from the source (e.g. OSM building footprint). */
  floorAreaEstimated?: boolean;
  /** Explicit assignment to a community id; overrides location (audit-cli.md). */
  communityId?: string;
  position: Position;
  /** A planner's proposed (not yet built) facility. */
  proposed?: boolean;
}

export interface GreenSpace {
  id: string;
  name?: string;
  kind: GreenKind;
  geometry: MultiPolygonCoords;
}

/** One line of the walking network. Lines connect only where they share a vertex. */
export interface RoadLine {
  id: string;
  /** e.g. OSM highway value, or 'main' | 'street' | 'lane' | 'path' for bureau/demo data. */
  kind?: string;
  name?: string;
  coordinates: Position[];
}

/**
 * Residential land (居住用地 parcel, residential compound or residential building): what coverage
 * is measured over when given (audit-cli.md, "Coverage basis").
 */
/** A candidate site for a new facility (建议选址: a vacant parcel, a site a bureau proposes), as a point. */
export interface CandidateSite {
  id: string;
  name?: string;
  /** WGS84 longitude/latitude (a parcel's representative point). */
  position: Position;
}

export interface ResidentialLand {
  id: string;
  name?: string;
  /** Households living on this polygon; null/undefined when unknown. */
  households?: number | null;
  /** True when households is an estimate (e.g. from OSM building floor area). */
  householdsEstimated?: boolean;
  geometry: MultiPolygonCoords;
}

/**
 * A residential layer in flat typed arrays, for layers too large for an object per vertex (a
 * city's building footprints): the same features as ResidentialLand[], index-aligned. Layout as
 * io/formats/flatPolygons.ts (GeoArrow MultiPolygon: feature → polygons → rings → vertices, each
 * level an offsets array into the next; rings closed as in the file), xy in WGS84 lon/lat.
 */
export interface ResidentialLayerFlat {
  /** Number of features. */
  length: number;
  ids: string[];
  /** Households per feature; NaN when unknown. */
  households: Float64Array;
  /** 1 where households is an estimate; absent when none is. */
  householdsEstimated?: Uint8Array;
  /** Feature f's polygons are geomOffsets[f] … geomOffsets[f + 1] − 1. */
  geomOffsets: Uint32Array;
  /** Polygon p's rings are polygonOffsets[p] … polygonOffsets[p + 1] − 1 (outer ring first). */
  polygonOffsets: Uint32Array;
  /** Ring r's vertices are ringOffsets[r] … ringOffsets[r + 1] − 1 (closing vertex included). */
  ringOffsets: Uint32Array;
  /** lon, lat of every vertex, interleaved. */
  xy: Float64Array;
  /**
   * The geometry stayed with the thread that projects the layer (the offsets and xy are empty):
   * this copy has the ids and households a preparation reads, and projecting it is an error.
   */
  geometryElsewhere?: true;
}

export interface Dataset {
  communities: Community[];
  facilities: Facility[];
  green: GreenSpace[];
  roads?: RoadLine[];
  /** Optional residential layer: coverage shares are then measured over it (residentialBasis.ts). */
  residential?: ResidentialLand[];
  /** The residential layer in flat arrays (a reader of large files): used instead of `residential` when given. */
  residentialLayer?: ResidentialLayerFlat;
}

// ---------------------------------------------------------------------------------------------
// Rule presets: data, not code (STANDARDS.md). Versioned JSON, see presets/*.json.

export interface I18nText {
  zh: string;
  en: string;
}

export interface TierSpec {
  /** Walking minutes of the tier (label). */
  minutes: number;
  /** Distance in metres the tier stands for (straight-line or walking, per mode). */
  distance_m: number;
  /** e.g. { zh: '10分钟社区级', en: '10-minute community level' } */
  level: I18nText;
}

/** A document that rules cite: a plan, an opinion, a national standard (citation.ts renders it). */
export interface CitedDocument {
  /** The title as it is to be quoted, with its own punctuation (《…》 only where the title is formal). */
  title: I18nText;
  /** Said after the title, e.g. that the tool does not ship the document's text. */
  note?: I18nText;
  /** Internal: the seed file (e.g. "001") whose text the quotes are checked against; never shown. */
  seed?: string;
  /** Internal: how the title was established (the seed's own words, or a descriptive title); never shown. */
  titleBasis?: string;
}

/**
 * One line of a rule's citation: which figures it vouches for and where they come from, either a
 * document (and clause) or the tool's own default. Rendered by citation.ts in either language.
 */
export interface Citation {
  /** The figures this line covers when a rule has several, e.g. { zh: '农村', en: 'rural' }. */
  label?: I18nText;
  /**
   * Preset paths → the values the cited source gives (e.g. { "rules.stationMinArea.rural": 200 }).
   * A figure edited away from its value is cited as the user's own, not the document's.
   */
  figures?: Record<string, unknown>;
  /** Key of the cited document: preset.documents, else the built-in registry (presets/documents.json). */
  doc?: string;
  /** Chapter, section, article or table of the document. */
  clause?: I18nText;
  /** A figure that no document sets: the tool's own default. */
  default?: boolean;
  /** This preset's own documents are silent: the figure is taken from another document (cited). */
  fallback?: boolean;
  note?: I18nText;
  /**
   * The document's sentence as shown to users (Simplified Chinese, and in English), where the
   * figure's sentence is quoted (city-wide indicators); `quote` keeps the seed's verbatim text.
   */
  sentence?: I18nText;
  /** Internal: the document's sentence behind the figures, checked against the seed; never shown. */
  quote?: string;
}

export interface RuleSource {
  /** Where the rule's figures come from, line by line (citation.ts renders it). */
  cite?: Citation[];
  /** Free-text source of presets saved before citations existed; shown as given when `cite` is absent. */
  source?: string;
}

export interface RulePreset {
  schemaVersion: 1;
  id: string;
  name: I18nText;
  description?: I18nText;
  /** Documents this preset cites besides the built-in registry (presets/documents.json), by key. */
  documents?: Record<string, CitedDocument>;
  /** Free-text source of presets saved before citations existed (the documents now come from `cite`). */
  source?: string;
  personsPerHousehold: number;
  /** Optional: distances derived from speed × minutes (the UI may offer either). */
  walkingSpeed_m_per_min?: number;
  /** Straight-line mode divides tier distances by this (≥ 1; 1 = none). */
  detourFactor: number;
  /** Tier key = minutes as a string ("5", "10", "15"; Chongqing "10", "20"). */
  tiers: Record<string, TierSpec>;
  /** Categories that must be within each tier's distance (lifeCircle rule). */
  requiredByTier: Record<string, FacilityCategory[]>;
  /** Floor area assumed when a facility has none (marked as an estimate). */
  defaultFloorArea: Partial<Record<FacilityCategory, number>>;
  rules: {
    areaPer100Households: { enabled: boolean; threshold: number; ruralThreshold?: number } & RuleSource;
    stationMinArea: { enabled: boolean; urban: number; rural: number } & RuleSource;
    greenCoverage: { enabled: boolean; distance_m: number; threshold: number } & RuleSource;
    parkCoverage: { enabled: boolean; distance_m: number; threshold: number } & RuleSource;
    lifeCircle: { enabled: boolean; threshold: number } & RuleSource;
    /** "6个1": each group satisfied by any listed category (or open green space) within the tier. */
    sixOnes: {
      enabled: boolean;
      tier: string;
      groups: { key: string; categories: FacilityCategory[]; green?: boolean; label: I18nText }[];
      /** Share of the community's area that must be within reach for a group to count. */
      threshold: number;
    } & RuleSource;
    outdoorVenue: { enabled: boolean; minArea: number } & RuleSource;
    perCapitaPark: { enabled: boolean; m2PerPerson: number } & RuleSource;
    perCapitaSports: { enabled: boolean; m2PerPerson: number } & RuleSource;
    healthPer1000: { enabled: boolean; m2Per1000: number } & RuleSource;
    communitySize: { enabled: boolean; min: number; max: number } & RuleSource;
  };
  /**
   * City-wide indicators as this preset's documents count them (indicators/catalogue.ts defines
   * what each id measures): the document's name for it, its target and the situation it reports,
   * each cited like a rule. An indicator the preset does not list is still computed, without target.
   */
  indicators?: Partial<Record<IndicatorId, IndicatorSpec>>;
}

/** City-wide indicators the engine computes (indicators/catalogue.ts: definitions). */
export const INDICATOR_IDS = [
  'serviceFacilityCoverage',
  'serviceFacilityCoverageUrban',
  'serviceFacilityCoverageRural',
  'elderlyServiceCoverage',
  'streetElderlyCoverage',
  'areaPer100Households',
  'areaPer100HouseholdsUrban',
  'areaPer100HouseholdsRural',
  'parkCoverage',
  'greenCoverage',
  'parkPerCapita',
  'healthPer1000',
  'resettlementServiceCoverage',
  'resettlementCompliance',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** A city-wide target: 'min' = the value must reach it (exclusive: exceed it, "超过"); 'max' = stay at or below. */
export interface IndicatorTarget {
  value: number;
  bound: 'min' | 'max';
  exclusive?: boolean;
}

/** An indicator as a preset's documents state it. Shares are 0..1, areas m². */
export interface IndicatorSpec {
  /** The document's own name for the figure, e.g. { zh: '社区养老服务覆盖率', … }. */
  name?: I18nText;
  /** What the document's figure covers when narrower than the catalogue's definition (e.g. 城市建成区). */
  note?: I18nText;
  /** A target the document sets ("达到…以上", "不低于…"). */
  target?: IndicatorTarget;
  /** A figure the document reports as the situation ("目前…98.8%"): a reference value, never a target. */
  reference?: { value: number; year?: number };
  /** Citation lines for the target and the reference (labels 目标 / 现状), like a rule's. */
  cite?: Citation[];
}

export type RuleId = keyof RulePreset['rules'];

// ---------------------------------------------------------------------------------------------
// Audit results

export type DistanceMode = 'euclidean' | 'network';

export interface Failure {
  rule: RuleId;
  /** The community's figure; null when it cannot be computed (e.g. no households). */
  actual: number | null;
  required: number;
  /** 'min' = actual must be ≥ required; 'max' = actual must be ≤ required. */
  bound: 'min' | 'max';
  tier?: string;
  category?: FacilityCategory;
  /** sixOnes: the missing group key. */
  group?: string;
  /** The rule's citation in both languages (citation.ts: ruleCitation), from the preset audited. */
  source: I18nText;
}

export type WarningCode =
  | 'facility_outside_communities'
  | 'community_overlap'
  | 'missing_households'
  | 'zero_households'
  | 'unknown_category'
  | 'missing_floor_area'
  | 'unknown_community_assignment'
  | 'invalid_geometry'
  | 'duplicate_id'
  /** Walking mode: no road within the connector distance of the community. */
  | 'community_off_network'
  /** Walking mode: the facility is farther than the connector distance from every road. */
  | 'facility_off_network'
  /** A figure beyond any real community (plausibility.ts): area, households, density. */
  | 'implausible_value'
  /** Residential layer given, but none of it lies inside the community (residentialBasis.ts). */
  | 'no_residential_land';

export interface DataWarning {
  code: WarningCode;
  layer: 'communities' | 'facilities' | 'green' | 'roads' | 'residential';
  /** Feature id (or index when the feature has no id). */
  feature: string;
  field?: string;
  message: string;
}

/**
 * What a coverage share is a share of (audit-cli.md, "Coverage basis"): the households on the
 * residential land inside the community, that land's area, or (no residential land) the community's area.
 */
export type CoverageBasis = 'residential-households' | 'residential-area' | 'community-area';

export interface CommunityResult {
  id: string;
  name: string;
  setting: Setting;
  street?: string;
  /** 易地扶贫搬迁安置区 (checked against every rule; counted by the resettlement indicators). */
  resettlement?: boolean;
  households: number | null;
  population: number | null;
  populationEstimated: boolean;
  area_m2: number;
  /** Total floor area of community_service facilities assigned to the community. */
  serviceArea_m2: number;
  areaPer100Households_m2: number | null;
  largestStation_m2: number;
  /**
   * What greenCoverage, parkCoverage and lifeCircles are shares of. Always set by the audit;
   * absent only in results saved before it existed (read as 'community-area').
   */
  coverageBasis?: CoverageBasis;
  /** Area (m²) of residential land inside the community (overlaps once); 0 without any. Set with coverageBasis. */
  residentialArea_m2?: number;
  greenCoverage: number;
  parkCoverage: number;
  /** lifeCircles[tier][category] = share 0..1 of the community's coverage basis within reach. */
  lifeCircles: Record<string, Partial<Record<FacilityCategory, number>>>;
  /** sixOnes[groupKey] = satisfied. */
  sixOnes: Record<string, boolean>;
  /** Optional rules' figures when enabled. */
  extra: Partial<Record<'outdoorVenue_m2' | 'parkPerCapita_m2' | 'sportsPerCapita_m2' | 'healthPer1000_m2', number>>;
  /** Ids of facilities assigned to this community (by explicit field or location). */
  facilityIds: string[];
  /** Assigned facilities per category: how many and their floor area (preset defaults for missing ones). */
  facilitiesByCategory?: Partial<Record<FacilityCategory, { count: number; floorArea_m2: number }>>;
  /** Park (公园绿地) area counted with this community, m²: each park once, with the community holding its centre, else the nearest (parkAssignment.ts). */
  parkArea_m2?: number;
  /** Values that rest on estimates (defaults used for missing floor area, estimated households). */
  estimates: string[];
  status: 'pass' | 'fail';
  failures: Failure[];
}

export interface AuditParameters {
  mode: DistanceMode;
  /** Effective tier distances in metres (after detour factor in euclidean mode). */
  tiers: Record<string, number>;
  greenDistance_m: number;
  parkDistance_m: number;
  personsPerHousehold: number;
  detourFactor: number;
  lifeCircleThreshold: number;
}

/**
 * Households within reach over the whole run (Σ community households × share): per tier and
 * category (`[tier][category]`), and of green space (`green`) and parks (`park`).
 */
export type HouseholdsWithin = { green: number; park: number } & { [tier: string]: Partial<Record<FacilityCategory, number>> | number };

export interface AuditSummary {
  communities: number;
  failing: number;
  byRule: Partial<Record<RuleId, number>>;
  households: number;
  /** City-wide indicators for the whole area and per street (indicators/computeIndicators.ts). */
  indicators?: IndicatorsSummary;
  /**
   * Households within reach: present when some community's coverage is measured over residential
   * land (a residential layer was given); on the community-area basis it would only spread a
   * community's households evenly over its fields and factories.
   */
  householdsWithin?: HouseholdsWithin;
}

/** One city-wide indicator's figure for a set of communities. */
export interface IndicatorFigure {
  /** null when it cannot be computed (no community of the kind, no households, no population). */
  value: number | null;
  /** value = numerator / denominator (× the unit's scale: 100 households, 1000 persons). */
  numerator: number;
  denominator: number;
  /** Target met; null without target or value. */
  met: boolean | null;
}

export type IndicatorUnit = 'share' | 'm2_per_100_households' | 'm2_per_person' | 'm2_per_1000_persons';

export interface IndicatorResult extends IndicatorFigure {
  id: IndicatorId;
  /** The document's name for it when the preset gives one, else the catalogue's. */
  name: I18nText;
  /** How the figure is counted (catalogue), plus the document's scope note. */
  definition: I18nText;
  unit: IndicatorUnit;
  target: IndicatorTarget | null;
  reference: { value: number; year?: number } | null;
  /** The document and clause behind target and reference (citation.ts), or that none sets one. */
  source: I18nText;
  /** The documents' sentences behind target and reference (label 目标 / 现状), figures as cited only. */
  sentences: { label: I18nText | null; text: I18nText }[];
}

export interface StreetIndicators {
  /** The communities' street (街道) or town (乡镇); '' for communities without one. */
  street: string;
  communities: number;
  households: number;
  values: Partial<Record<IndicatorId, IndicatorFigure>>;
}

export interface IndicatorsSummary {
  /** The whole audited area. */
  area: IndicatorResult[];
  /** Per street or town, sorted by name; communities without a street last (street ''). */
  streets: StreetIndicators[];
}

export interface AuditResult {
  preset: string;
  parameters: AuditParameters;
  communities: CommunityResult[];
  summary: AuditSummary;
  warnings: DataWarning[];
}

export interface AuditOptions {
  mode?: DistanceMode;
  /** Progress 0..1, called now and then during long work. */
  onProgress?: (done: number, total: number) => void;
  /** Cancellation: the audit throws an AbortError-like error when aborted. */
  signal?: { readonly aborted: boolean };
}
