// Types of the shared layer import (readLayer / inspectLayer): what the app's mapping dialog and
// the command line see before deciding to take the valid features or cancel.
import type { CandidateSite, Community, Facility, FacilityCategory, GreenKind, GreenSpace, ResidentialLand, RoadLine, Setting } from '../../engine/types';
import type { Geometry } from 'geojson';

export type LayerKind = 'communities' | 'facilities' | 'green' | 'roads' | 'residential' | 'candidates';

export interface InputFile {
  /** File name as given (may include a path; used in messages and for CRS hints). */
  name: string;
  bytes: Uint8Array;
}

export interface ImportProblem {
  file: string;
  /** Feature index (0-based, in file order) or id; undefined for file-level problems. */
  feature?: number | string;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface I18nNote {
  zh: string;
  en: string;
}

export interface CrsSuggestion {
  crs: string;
  /** Why it is suggested (zh + en). */
  reason: I18nNote;
  /** Coordinates are northing first: swap X/Y before projecting. */
  swapXY?: boolean;
}

export interface AppliedCrs {
  /** The CRS the source coordinates were read in: 'EPSG:4547', 'GCJ02', 'BD09', 'WKT', … */
  source: string;
  /** Where it came from. */
  from: 'option' | 'prj' | 'fgb-header' | 'geojson' | 'qpj' | 'columns' | 'default' | 'none';
  /** proj4 definition used (absent for lon/lat and offset systems). */
  proj4?: string;
  /** An offset correction applied (GCJ-02 / BD-09 → WGS84). */
  correction?: 'GCJ02→WGS84' | 'BD09→WGS84';
  /** X/Y were swapped before projecting. */
  swapXY?: boolean;
  note: I18nNote;
  /** Ranked suggestions when the coordinates did not fit the CRS (first = best). */
  suggestions?: CrsSuggestion[];
}

export type FieldMap = Record<string, string>;

export interface EncodingInfo {
  encoding: string;
  from: 'option' | 'cpg' | 'detected' | 'utf-8';
  /** 0..1: 1 = declared or no non-ASCII bytes; lower when guessed. */
  confidence: number;
}

export type EngineFeature<K extends LayerKind> = K extends 'communities'
  ? Community
  : K extends 'facilities'
    ? Facility
    : K extends 'green'
      ? GreenSpace
      : K extends 'residential'
        ? ResidentialLand
        : K extends 'candidates'
          ? CandidateSite
          : RoadLine;

export interface LayerImport<K extends LayerKind = LayerKind> {
  kind: K;
  files: string[];
  format: SourceFormat;
  /** Valid features, engine-typed, WGS84 lon/lat. */
  features: EngineFeature<K>[];
  problems: ImportProblem[];
  crs: AppliedCrs;
  /** canonical field → source field actually used. */
  fieldMap: FieldMap;
  /** Stable key of the source schema (sorted field names), to remember a mapping per schema. */
  schemaKey: string;
  encoding?: EncodingInfo;
  counts: { read: number; valid: number; errors: number; warnings: number };
  /** Notes from the reader (e.g. OSM estimates). */
  notes: string[];
}

export type SourceFormat = 'geojson' | 'flatgeobuf' | 'shapefile' | 'csv' | 'xlsx' | 'osm';

/** A feature as read from a file, before CRS and field mapping. */
export interface RawFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
  /** Set by readers that can tell a geometry was broken (e.g. bad shp record). */
  geometryError?: string;
}

export interface RawLayer {
  format: SourceFormat;
  features: RawFeature[];
  fields: string[];
  /** CRS declared by the file, if any. */
  declaredCrs?: { crs: string; from: AppliedCrs['from']; proj4?: string; wkt?: string };
  encoding?: EncodingInfo;
  problems: ImportProblem[];
  /** For point tables: the columns that gave x/y. */
  coordinateFields?: [string, string];
}

export interface ImportOptions {
  /** Override the CRS: 'EPSG:nnnn', 'GCJ02', 'BD09', or a proj4 string. */
  crs?: string;
  /** Override the DBF/CSV text encoding (e.g. 'gb18030', 'utf-8'). */
  encoding?: string;
  /** canonical field → source field (overrides auto-detection). */
  fieldMap?: FieldMap;
  /** Raw category value (trimmed) → vocabulary key, chosen by the user; applied before the built-in
   *  synonyms (categoryOf), so it also overrides a synonym match. */
  categoryMap?: Record<string, FacilityCategory>;
  /** Raw setting value (trimmed) → urban/rural, applied before settingOf. */
  settingMap?: Record<string, Setting>;
  /** Raw green kind value (trimmed) → park/green, applied before greenKindOf. */
  kindMap?: Record<string, GreenKind>;
  /** Where the data probably is (e.g. other layers, the map view): guides CRS suggestions. */
  hint?: { lon: number; lat: number };
  /** Checked between chunks; an aborted import rejects with an error named 'AbortError'. */
  signal?: { readonly aborted: boolean };
  /** Called between chunks, per phase: bytes while parsing large files, then features while
   *  converting; done/total is the current phase's fraction. */
  onProgress?: (done: number, total: number) => void;
  /** GeoJSON files from this many bytes on are parsed a chunk of features at a time, with
   *  progress and cancellation between chunks (default: formats/geojson.ts CHUNKED_GEOJSON_BYTES). */
  chunkedFromBytes?: number;
}
