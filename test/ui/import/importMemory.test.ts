import { describe, expect, it } from 'vitest';
import { MEMORY_KEY, recallChoice, rememberChoice, rememberedCategoryMap, rememberedFieldMap, type KeyValueStore, type RememberedChoice } from '../../../src/ui/import/importMemory';
import { schemaKey } from '../../../src/io/import/index';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const choice = (savedAt: number, extra: Partial<RememberedChoice> = {}): RememberedChoice => ({
  kind: 'facilities', fieldMap: { category: '类型', name: '名称' }, encoding: 'gb18030', crs: 'EPSG:4544', swapXY: false, savedAt, ...extra,
});

describe('import memory per schema', () => {
  it('recalls what was confirmed for the same fields in any order, nothing for other fields', () => {
    const store = memoryStore();
    rememberChoice(store, schemaKey(['名称', '类型', '面积']), choice(1));
    expect(recallChoice(store, schemaKey(['面积', '名称', '类型']))).toEqual(choice(1));
    expect(recallChoice(store, schemaKey(['名称', '类型']))).toBeUndefined();
    expect(recallChoice(store, '')).toBeUndefined();
  });

  it('keeps the newest entries when full', () => {
    const store = memoryStore();
    for (let i = 0; i < 5; i++) rememberChoice(store, `k${i}`, choice(100 + i), 3);
    const kept = Object.keys(JSON.parse(store.data.get(MEMORY_KEY)!)).sort();
    expect(kept).toEqual(['k2', 'k3', 'k4']);
  });

  it('survives garbage in storage and a storage that refuses writes', () => {
    const store = memoryStore();
    store.data.set(MEMORY_KEY, '{not json');
    expect(recallChoice(store, 'a')).toBeUndefined();
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => rememberChoice(full, 'a', choice(1))).not.toThrow();
  });

  it('restricts a remembered mapping to the fields the file has, and to the same layer', () => {
    const c = choice(1, { fieldMap: { category: '类型', name: '名称', area: '面积' } });
    expect(rememberedFieldMap(c, 'facilities', ['类型', '名称'])).toEqual({ category: '类型', name: '名称' });
    expect(rememberedFieldMap(c, 'communities', ['类型', '名称'])).toBeUndefined();
    expect(rememberedFieldMap(undefined, 'facilities', ['类型'])).toBeUndefined();
  });
});

describe('remembered category choices', () => {
  it('come back for the same schema; entries that are not vocabulary keys are dropped', () => {
    const store = memoryStore();
    const key = schemaKey(['名称', '类型']);
    rememberChoice(store, key, choice(1, { categoryMap: { 托老所: 'elderly_care', 便民服务点: 'community_service' } }));
    expect(rememberedCategoryMap(recallChoice(store, key))).toEqual({ 托老所: 'elderly_care', 便民服务点: 'community_service' });
    // Hand-edited or older storage: a made-up key and a non-string value are ignored.
    expect(rememberedCategoryMap(choice(2, { categoryMap: { 洗衣店: 'laundry', 菜场: 3, 药店: 'health_station' } as never }))).toEqual({ 药店: 'health_station' });
    expect(rememberedCategoryMap(choice(3))).toEqual({});
    expect(rememberedCategoryMap(undefined)).toEqual({});
  });
});
