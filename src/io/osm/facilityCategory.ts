// OSM tags (and Chinese name substrings) → facility category: the "OSM tags for import" column of
// STANDARDS.md §2. Name rules come first because Chinese community facilities are often tagged
// generically (a 社区卫生服务中心 as amenity=hospital, a 幼儿园 as amenity=school).
import type { FacilityCategory } from '../../engine/types';
import type { Tags } from './model';

const NAME_KEYS = ['name', 'name:zh', 'name:zh-Hans', 'official_name', 'alt_name'];

/** Name substrings, most specific first (社区卫生服务中心 before 社区服务, 文化活动中心 before 活动中心). */
const NAME_RULES: Array<[FacilityCategory, string[]]> = [
  ['health_center', ['社区卫生服务中心']],
  ['health_station', ['卫生服务站', '卫生室']],
  ['kindergarten', ['幼儿园', '托儿所']],
  ['elderly_care', ['养老', '日间照料', '老年']],
  ['community_service', ['社区服务', '党群服务', '邻里中心', '居委会']],
  ['culture_center', ['文化活动中心', '文化中心', '文化馆']],
  ['activity_venue', ['活动中心', '文化活动']],
];

/** amenity values that may carry a facility name (others, e.g. parking, restaurant, never do). */
const NAMEABLE_AMENITIES = new Set([
  'school', 'kindergarten', 'childcare', 'hospital', 'clinic', 'doctors', 'social_facility', 'community_centre',
  'townhall', 'nursing_home', 'arts_centre', 'library', 'social_centre', 'public_building', 'marketplace',
]);
/** Keys that make an element a mapped place of service (a name alone is not enough). */
const SERVICE_KEYS = ['amenity', 'building', 'office', 'healthcare', 'social_facility', 'education', 'government', 'club'];
/** Keys that make an element something else entirely (a road, a river, an administrative area). */
const OTHER_KEYS = ['highway', 'railway', 'waterway', 'boundary', 'route', 'natural', 'place', 'public_transport', 'shop', 'tourism'];

function names(tags: Tags): string {
  return NAME_KEYS.map((k) => tags[k] ?? '').join('\n');
}

function nameEligible(tags: Tags): boolean {
  if (OTHER_KEYS.some((k) => tags[k] !== undefined)) return false;
  if (tags.amenity !== undefined && !NAMEABLE_AMENITIES.has(tags.amenity)) return false;
  if (tags.landuse !== undefined && tags.landuse !== 'construction' && tags.landuse !== 'education') return false;
  if (tags.leisure !== undefined) return false;
  return SERVICE_KEYS.some((k) => tags[k] !== undefined) || tags.landuse !== undefined;
}

function byName(tags: Tags): FacilityCategory | null {
  const n = names(tags);
  if (!n.trim()) return null;
  if (nameEligible(tags)) {
    for (const [cat, subs] of NAME_RULES) if (subs.some((s) => n.includes(s))) return cat;
  }
  if (tags.amenity === 'school' || tags.landuse === 'education' || (tags.landuse === 'construction' && nameEligible(tags))) {
    // A 中小学 (combined school) counts as a primary school: the lower tier is the stricter need.
    if (n.includes('小学')) return 'primary_school';
    if (n.includes('中学') || n.includes('初中')) return 'middle_school';
  }
  return null;
}

function byTags(t: Tags): FacilityCategory | null {
  const a = t.amenity;
  if (a === 'kindergarten' || a === 'childcare') return 'kindergarten';
  if (a === 'clinic' || a === 'doctors' || t.healthcare === 'clinic' || t.healthcare === 'doctor') return 'health_station';
  if (a === 'community_centre') return 'community_service';
  if (t.office === 'government' && (t.government === 'community' || t.government === 'social_services')) return 'community_service';
  if (
    (a === 'social_facility' && ['assisted_living', 'day_care', 'nursing_home'].includes(t.social_facility ?? '') && (t['social_facility:for'] ?? 'senior').includes('senior')) ||
    a === 'nursing_home'
  ) {
    return 'elderly_care';
  }
  if (t.shop === 'supermarket' || t.shop === 'greengrocer' || a === 'marketplace') return 'supermarket';
  if (t.leisure === 'fitness_station' || t.leisure === 'playground' || t.leisure === 'pitch') return 'activity_venue';
  if (a === 'arts_centre' || a === 'library') return 'culture_center';
  if (t.leisure === 'sports_centre' || t.leisure === 'stadium') return 'sports_venue';
  if (a === 'police') return 'police';
  if (t.emergency === 'assembly_point') return 'emergency_shelter';
  if (a === 'parcel_locker' || (a === 'vending_machine' && t.vending === 'parcel_pickup')) return 'parcel_locker';
  return null;
}

/** The facility category an OSM element stands for, or null. */
export function facilityCategory(tags: Tags): FacilityCategory | null {
  return byName(tags) ?? byTags(tags);
}

/** Planned or under construction: imported as a proposed facility. */
export function isProposed(tags: Tags): boolean {
  return tags.landuse === 'construction' || tags.building === 'construction' || tags.construction !== undefined || /规划|拟建|在建/.test(tags.name ?? '');
}
