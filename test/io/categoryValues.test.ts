// Attribute values → vocabulary (STANDARDS.md §2 and synonyms in common bureau tables).
import { describe, expect, it } from 'vitest';
import { categoryOf, greenKindOf, settingOf } from '../../src/io/fields/categoryValues';
import { detectFieldMap, schemaKey } from '../../src/io/fields/fieldNames';
import { parseNumber } from '../../src/io/import/toEngine';

describe('category values', () => {
  it.each([
    ['kindergarten', 'kindergarten'], ['Kindergarten', 'kindergarten'], ['幼儿园', 'kindergarten'], ['托儿所', 'kindergarten'],
    ['卫生服务站', 'health_station'], ['卫生室', 'health_station'], ['社区卫生服务站', 'health_station'],
    ['社区卫生服务中心', 'health_center'], ['玉林社区卫生服务中心', 'health_center'],
    ['养老服务站', 'elderly_care'], ['日间照料中心', 'elderly_care'],
    ['党群服务中心', 'community_service'], ['社区服务站', 'community_service'], ['邻里中心', 'community_service'],
    ['超市', 'supermarket'], ['菜市场', 'supermarket'], ['文化活动中心', 'culture_center'], ['文化活动站', 'activity_venue'],
    ['小学', 'primary_school'], ['初中', 'middle_school'], ['快递柜', 'parcel_locker'], ['community service', 'community_service'],
  ])('%s → %s', (v, k) => expect(categoryOf(v)).toBe(k));

  it('unknown and empty values are not guessed', () => {
    expect(categoryOf('游泳馆')).toBeUndefined();
    expect(categoryOf('')).toBeUndefined();
    expect(categoryOf(null)).toBeUndefined();
  });

  it('setting and green kind', () => {
    expect(['城镇', '城市', 'urban', 'Urban', '', null].map(settingOf)).toEqual(Array(6).fill('urban'));
    expect(['农村', '乡村', 'rural'].map(settingOf)).toEqual(['rural', 'rural', 'rural']);
    expect(settingOf('郊区')).toBeUndefined();
    expect([settingOf('农村社区'), settingOf('城镇社区')]).toEqual(['rural', 'urban']);
    expect(['公园', 'park', '社区公园', '绿地', '', 'green'].map(greenKindOf)).toEqual(['park', 'park', 'park', 'green', 'green', 'green']);
  });
});

describe('numbers in cells', () => {
  it('thousands separators and trailing units', () => {
    expect(['2,500', '2500户', '3000 人', '320㎡', '320 平方米', 12.5].map(parseNumber)).toEqual([2500, 2500, 3000, 320, 320, 12.5]);
    expect(['两千', '', '25OO', null].map(parseNumber).every(Number.isNaN)).toBe(true);
  });
});

describe('field names', () => {
  it('Chinese and English names, case-insensitive, explicit mapping wins', () => {
    expect(detectFieldMap('communities', ['社区代码', '社区名称', 'HH', '常住人口', '城乡'])).toEqual({ id: '社区代码', name: '社区名称', households: 'HH', population: '常住人口', setting: '城乡' });
    expect(detectFieldMap('facilities', ['ID', 'Type', 'Floor_Area', '所属社区'], { category: 'Type' })).toEqual({ category: 'Type', id: 'ID', area: 'Floor_Area', community: '所属社区' });
  });

  it('the schema key ignores field order', () => {
    expect(schemaKey(['b', 'a', '户数'])).toBe(schemaKey(['户数', 'a', 'b']));
  });
});
