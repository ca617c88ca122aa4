// Buildings as floor area: footprint (m²) × levels. Levels come from `building:levels`, else
// `height` ÷ 3 m, else a per-building-type default (adjustable). Which buildings house people
// (for the household estimate) is decided here too.
// https://wiki.openstreetmap.org/wiki/Key:building  https://wiki.openstreetmap.org/wiki/Key:building:levels
import type { AreaFeature } from './areas';
import type { Tags } from './model';

/** Default levels by `building` value when a building has neither building:levels nor height. */
export const DEFAULT_LEVELS: Readonly<Record<string, number>> = {
  apartments: 6,
  residential: 6,
  dormitory: 5,
  house: 2,
  detached: 2,
  semidetached_house: 2,
  terrace: 2,
  farm: 2,
  bungalow: 1,
  /** building=yes inside a residential compound (counted as housing). */
  yes: 6,
  /** Any other building (e.g. the building holding a facility). */
  other: 3,
};

/** Building values counted as housing wherever they stand. */
const RESIDENTIAL_TYPES = new Set(['apartments', 'residential', 'dormitory', 'house', 'detached', 'semidetached_house', 'terrace', 'farm', 'bungalow']);
/** Keys that mark a building=yes as something other than housing. */
const NON_RESIDENTIAL_KEYS = ['amenity', 'shop', 'office', 'leisure', 'healthcare', 'tourism', 'craft', 'man_made', 'emergency', 'social_facility', 'education', 'public_transport', 'power'];

/** Metres per storey when only `height` is given. */
export const METRES_PER_LEVEL = 3;

export interface Building {
  area: AreaFeature;
  /** The building tag's value ("yes", "apartments", …). */
  type: string;
  levels: number;
  levelsFrom: 'building:levels' | 'height' | 'default';
  footprint_m2: number;
  /** footprint × levels. */
  floorArea_m2: number;
}

/** First/largest number in a levels value such as "6", "5;6", "2.5", "6-7". */
export function parseLevels(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const nums = v.match(/\d+(?:\.\d+)?/g);
  if (!nums) return undefined;
  const n = Math.max(...nums.map(Number));
  return n > 0 && n < 200 ? n : undefined;
}

function parseHeight(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|metres|meters)?\s*$/.exec(v);
  if (!m) return undefined;
  const h = Number(m[1]);
  return h > 0 && h < 1000 ? h : undefined;
}

export function isBuilding(tags: Tags): boolean {
  const b = tags.building;
  return b !== undefined && b !== 'no';
}

export function makeBuilding(area: AreaFeature, defaults: Readonly<Record<string, number>>, asHousing: boolean): Building {
  const type = area.tags.building ?? 'yes';
  let levels = parseLevels(area.tags['building:levels']);
  let levelsFrom: Building['levelsFrom'] = 'building:levels';
  if (levels === undefined) {
    const h = parseHeight(area.tags.height);
    if (h !== undefined) {
      levels = Math.max(1, Math.round(h / METRES_PER_LEVEL));
      levelsFrom = 'height';
    }
  }
  if (levels === undefined) {
    levels = (type === 'yes' && !asHousing ? undefined : defaults[type]) ?? defaults.other ?? DEFAULT_LEVELS.other;
    levelsFrom = 'default';
  }
  return { area, type, levels, levelsFrom, footprint_m2: area.area_m2, floorArea_m2: area.area_m2 * levels };
}

/** Housing by type alone (apartments, house, …). building=yes needs a residential area around it. */
export function isHousingType(tags: Tags): boolean {
  return RESIDENTIAL_TYPES.has(tags.building ?? '');
}

/** building=yes with no tag saying it is something else: housing when it stands in a residential area. */
export function isPlainBuilding(tags: Tags): boolean {
  return tags.building === 'yes' && !NON_RESIDENTIAL_KEYS.some((k) => tags[k] !== undefined);
}
