// Attribute values → vocabulary: facility categories (STANDARDS.md §2 keys, Chinese names and
// common synonyms), community setting (urban/rural) and green kind (park/green).
import type { FacilityCategory, GreenKind, Setting } from '../../engine/types';
import { FACILITY_CATEGORIES } from '../../engine/types';

/** Chinese names and synonyms per category; matched exactly first, then by "contains" (longest first). */
export const CATEGORY_SYNONYMS: Record<FacilityCategory, string[]> = {
  community_service: ['社区综合服务设施', '社区服务站', '社区服务中心', '党群服务中心', '党群服务站', '邻里中心', '社区综合服务站', '居委会', '社区用房', '社区服务'],
  elderly_care: ['养老服务站', '日间照料中心', '日间照料', '养老院', '敬老院', '养老服务中心', '老年服务站', '养老'],
  kindergarten: ['幼儿园', '托儿所', '托育', '幼托'],
  health_station: ['社区卫生服务站', '卫生服务站', '卫生室', '诊所', '医务室'],
  health_center: ['社区卫生服务中心', '卫生服务中心', '卫生院'],
  supermarket: ['综合超市', '超市', '菜市场', '农贸市场', '便利店', '菜场'],
  activity_venue: ['公共活动场所', '文化活动站', '健身场地', '活动中心', '活动站', '健身广场', '活动室'],
  primary_school: ['小学'],
  middle_school: ['初中', '中学', '初级中学'],
  culture_center: ['文化活动中心', '文化中心', '文化馆', '图书馆'],
  sports_venue: ['体育场馆', '运动场', '体育馆', '体育场', '体育中心'],
  police: ['警务室', '派出所', '警务站'],
  emergency_shelter: ['应急避难场所', '避难场所'],
  parcel_locker: ['快递柜', '快递服务站', '快递驿站', '菜鸟驿站'],
};

const EN_SYNONYMS: Record<string, FacilityCategory> = {
  'community service': 'community_service', community_centre: 'community_service', community_center: 'community_service',
  'elderly care': 'elderly_care', elderly: 'elderly_care', nursing_home: 'elderly_care', day_care: 'elderly_care',
  childcare: 'kindergarten', 'health station': 'health_station', clinic: 'health_station',
  'health center': 'health_center', 'health centre': 'health_center', health_centre: 'health_center',
  market: 'supermarket', marketplace: 'supermarket', 'activity venue': 'activity_venue',
  'primary school': 'primary_school', 'middle school': 'middle_school', 'culture center': 'culture_center',
  'sports venue': 'sports_venue', 'emergency shelter': 'emergency_shelter', 'parcel locker': 'parcel_locker',
};

const exact = new Map<string, FacilityCategory>();
const contains: [string, FacilityCategory][] = [];
for (const k of FACILITY_CATEGORIES) exact.set(k, k);
for (const [k, v] of Object.entries(EN_SYNONYMS)) exact.set(k, v);
for (const [k, names] of Object.entries(CATEGORY_SYNONYMS) as [FacilityCategory, string[]][])
  for (const n of names) {
    exact.set(n, k);
    contains.push([n, k]);
  }
contains.sort((a, b) => b[0].length - a[0].length);

/** A category value → vocabulary key; undefined when unknown. Longest Chinese name contained wins,
 *  so 社区卫生服务中心 → health_center (not 社区服务), 文化活动中心 → culture_center. */
export function categoryOf(value: unknown): FacilityCategory | undefined {
  if (value === undefined || value === null) return undefined;
  const v = String(value).trim();
  if (!v) return undefined;
  const e = exact.get(v) ?? exact.get(v.toLowerCase()) ?? exact.get(v.toLowerCase().replace(/[\s-]+/g, '_'));
  if (e) return e;
  for (const [n, k] of contains) if (v.includes(n)) return k;
  return undefined;
}

export function settingOf(value: unknown): Setting | undefined {
  if (value === undefined || value === null || value === '') return 'urban';
  const v = String(value).trim().toLowerCase();
  if (['urban', '城镇', '城市', '城', '社区', 'city', 'town'].includes(v)) return 'urban';
  if (['rural', '农村', '乡村', '村', '村庄', 'village'].includes(v)) return 'rural';
  if (/农村|乡村|村庄/.test(v)) return 'rural';
  if (/城镇|城市/.test(v)) return 'urban';
  return undefined;
}

export function greenKindOf(value: unknown): GreenKind | undefined {
  if (value === undefined || value === null || value === '') return 'green';
  const v = String(value).trim().toLowerCase();
  if (['park', '公园', '公园绿地', 'garden', '游园', '社区公园', '综合公园', '口袋公园', 'g1'].includes(v) || v.includes('公园')) return 'park';
  if (['green', '绿地', '绿化', '防护绿地', '广场', 'grass', 'g2', 'g3', '其他绿地', 'forest'].includes(v) || v.includes('绿')) return 'green';
  return undefined;
}
