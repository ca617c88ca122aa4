// The dialog's value choices: which values get a select, what is sent with the read, what memory
// gives back. Inspections are built by hand (counts chosen for the case).
import { describe, expect, it } from 'vitest';
import type { LayerInspection } from '../../../src/io/import/inspectLayer';
import { FACILITY_CATEGORIES } from '../../../src/engine/types';
import { VALUE_CHOICES, autoValue, chosenValue, distinctValues, unknownValues, valueMapFor } from '../../../src/ui/import/valueMaps';
import { rememberedValueMaps, type RememberedChoice } from '../../../src/ui/import/importMemory';

const inspection = (valueCounts: LayerInspection['valueCounts'], samples: LayerInspection['samples'] = {}): LayerInspection => ({
  format: 'geojson', featureCount: 10, fields: Object.keys({ ...valueCounts, ...samples }), samples, valueCounts, suggestedFieldMap: {}, schemaKey: 'k',
  crs: { source: 'EPSG:4326', from: 'geojson', note: { zh: '', en: '' } }, geometryTypes: {},
});

describe('distinctValues', () => {
  it('lists every value of the field (known ones too), most frequent first, each open to a choice among every facility category', () => {
    const ins = inspection({ 类型: { 幼儿园: 5, 托老所: 1, 便民服务点: 3, 社区卫生服务站: 1 } });
    expect(distinctValues(ins, '类型')).toEqual([{ value: '幼儿园', count: 5 }, { value: '便民服务点', count: 3 }, { value: '托老所', count: 1 }, { value: '社区卫生服务站', count: 1 }]);
    expect(autoValue('categoryMap', '幼儿园')).toBe('kindergarten');
    expect(autoValue('categoryMap', '便民服务点')).toBeUndefined();
    expect(VALUE_CHOICES.categoryMap).toEqual(FACILITY_CATEGORIES);
  });
});

describe('unknownValues', () => {
  it('lists only the values the synonyms do not know, most frequent first, with counts', () => {
    const ins = inspection({ 类型: { 幼儿园: 5, 托老所: 1, 便民服务点: 3, 社区卫生服务站: 1 } });
    expect(unknownValues(ins, '类型', 'categoryMap')).toEqual([{ value: '便民服务点', count: 3 }, { value: '托老所', count: 1 }]);
    expect(unknownValues(ins, undefined, 'categoryMap')).toEqual([]);
  });

  it('falls back to the samples (trimmed, no counts) when the field has too many distinct values', () => {
    const ins = inspection({}, { 类型: [' 托老所', '托老所 ', '超市', 7] });
    expect(unknownValues(ins, '类型', 'categoryMap')).toEqual([{ value: '7' }, { value: '托老所' }]);
  });

  it('settings and green kinds: 行政村 / 滨河带 are unknown, 农村 / 公园 are not', () => {
    expect(unknownValues(inspection({ 城乡: { 行政村: 4, 农村: 2, 城镇: 1 } }), '城乡', 'settingMap')).toEqual([{ value: '行政村', count: 4 }]);
    expect(unknownValues(inspection({ kind: { 滨河带: 1, 公园: 1 } }), 'kind', 'kindMap')).toEqual([{ value: '滨河带', count: 1 }]);
  });
});

describe('valueMapFor / chosenValue', () => {
  const maps = { categoryMap: { 托老所: 'elderly_care' as const }, settingMap: {} };
  it('sends only the layer\'s own map, and nothing when it is empty', () => {
    expect(valueMapFor('facilities', maps)).toEqual({ categoryMap: { 托老所: 'elderly_care' } });
    expect(valueMapFor('communities', maps)).toEqual({});
    expect(valueMapFor('green', maps)).toEqual({});
    expect(valueMapFor('roads', maps)).toEqual({});
  });
  it('looks values up trimmed and never through the prototype', () => {
    expect(chosenValue(maps.categoryMap, ' 托老所 ')).toBe('elderly_care');
    expect(chosenValue(maps.categoryMap, 'constructor')).toBeUndefined();
    expect(chosenValue(undefined, '托老所')).toBeUndefined();
  });
});

describe('rememberedValueMaps', () => {
  it('gives back each map restricted to its vocabulary', () => {
    const c: RememberedChoice = {
      kind: 'communities', fieldMap: {}, encoding: '', crs: '', swapXY: false, savedAt: 1,
      settingMap: { 行政村: 'rural', 街区: 'suburban' as never }, kindMap: { 滨河带: 'park' },
    };
    expect(rememberedValueMaps(c)).toEqual({ categoryMap: {}, settingMap: { 行政村: 'rural' }, kindMap: { 滨河带: 'park' } });
  });
});
