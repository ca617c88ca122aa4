// The "OSM tags for import" column of STANDARDS.md §2, row by row, plus the Chinese name rules
// and the elements they must not catch.
import { describe, expect, it } from 'vitest';
import { facilityCategory, isProposed } from '../../../src/io/osm/facilityCategory';

const cases: Array<[Record<string, string>, string | null]> = [
  [{ amenity: 'community_centre' }, 'community_service'],
  [{ office: 'government', government: 'community' }, 'community_service'],
  [{ office: 'government', name: '某某社区居委会' }, 'community_service'],
  [{ building: 'yes', name: '党群服务中心' }, 'community_service'],
  [{ amenity: 'social_facility', social_facility: 'day_care', 'social_facility:for': 'senior' }, 'elderly_care'],
  [{ amenity: 'social_facility', social_facility: 'day_care', 'social_facility:for': 'child' }, null],
  [{ building: 'yes', name: '社区日间照料中心' }, 'elderly_care'],
  [{ amenity: 'kindergarten' }, 'kindergarten'],
  [{ amenity: 'childcare' }, 'kindergarten'],
  [{ amenity: 'school', name: '五老村幼儿园' }, 'kindergarten'],
  [{ amenity: 'clinic' }, 'health_station'],
  [{ healthcare: 'doctor' }, 'health_station'],
  [{ amenity: 'doctors', name: '某社区卫生服务站' }, 'health_station'],
  [{ amenity: 'hospital', name: '中国农业大学东区社区卫生服务中心' }, 'health_center'],
  [{ amenity: 'hospital', name: '人民医院' }, null],
  [{ shop: 'supermarket' }, 'supermarket'],
  [{ amenity: 'marketplace' }, 'supermarket'],
  [{ shop: 'greengrocer' }, 'supermarket'],
  [{ leisure: 'playground' }, 'activity_venue'],
  [{ leisure: 'fitness_station' }, 'activity_venue'],
  [{ amenity: 'community_centre', name: '老年活动中心' }, 'elderly_care'],
  [{ amenity: 'community_centre', name: '老干部活动中心' }, 'activity_venue'],
  [{ amenity: 'community_centre', name: '社区文化活动站' }, 'activity_venue'],
  [{ amenity: 'school', name: '石鼓路小学' }, 'primary_school'],
  [{ amenity: 'school', name: '南京市第九初级中学' }, 'middle_school'],
  [{ amenity: 'school', name: '金陵中学' }, 'middle_school'],
  [{ amenity: 'library' }, 'culture_center'],
  [{ building: 'yes', name: '街道文化活动中心' }, 'culture_center'],
  [{ leisure: 'sports_centre' }, 'sports_venue'],
  [{ amenity: 'police' }, 'police'],
  [{ emergency: 'assembly_point' }, 'emergency_shelter'],
  [{ amenity: 'parcel_locker' }, 'parcel_locker'],
  // Names alone must not turn roads, parking or shops into facilities.
  [{ amenity: 'parking', name: '原幼儿园停车场' }, null],
  [{ highway: 'residential', name: '幼儿园路' }, null],
  [{ shop: 'books', name: '小学教辅书店' }, null],
  [{ name: '养老院站', public_transport: 'platform' }, null],
];

describe('facilityCategory', () => {
  it.each(cases)('%o → %s', (tags, expected) => {
    expect(facilityCategory(tags)).toBe(expected);
  });
  it('a planned kindergarten on a construction site is proposed', () => {
    const tags = { landuse: 'construction', name: '0803-633规划幼儿园' };
    expect(facilityCategory(tags)).toBe('kindergarten');
    expect(isProposed(tags)).toBe(true);
    expect(isProposed({ amenity: 'kindergarten', name: '未来之星实验幼儿园' })).toBe(false);
  });
});
