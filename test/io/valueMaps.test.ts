// User value maps (ImportOptions.categoryMap / settingMap / kindMap): a raw value the built-in
// synonyms do not know imports as the vocabulary key the user chose; without the map it is reported
// naming the file, the feature and the field. Expected counts are read off the fixtures by hand.
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../src/io/import/readLayer';
import { inspectLayer } from '../../src/io/import/inspectLayer';
import type { Community, Facility, GreenSpace } from '../../src/engine/types';
import { fixtureFiles } from './fixtureFiles';

const FACILITIES = 'value-maps/facilities-unlisted-categories.geojson';
const byId = <T extends { id: string }>(fs: T[]) => Object.fromEntries(fs.map((f) => [f.id, f]));

describe('categoryMap', () => {
  it('without a map, 托老所 / 便民服务点 / 洗衣店 are unknown: reported with file, feature and field', async () => {
    const l = await readLayer(fixtureFiles(FACILITIES), 'facilities');
    // T1 托老所, T2 便民服务点, T4 " 托老所 ", T5 洗衣店 unknown; only T3 幼儿园 valid.
    expect(l.features.map((f) => f.id)).toEqual(['T3']);
    const errors = l.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(4);
    const t1 = errors.find((p) => p.feature === '0 (id T1)');
    expect(t1).toBeDefined();
    expect(t1!.file).toMatch(/facilities-unlisted-categories\.geojson$/);
    expect(t1!.field).toBe('类型');
    expect(t1!.message).toMatch(/category "托老所" is not in the facility vocabulary/);
  });

  it('with the user map, they import as the chosen categories (trimmed match); unmapped values stay errors', async () => {
    const l = await readLayer(fixtureFiles(FACILITIES), 'facilities', { categoryMap: { 托老所: 'elderly_care', 便民服务点: 'community_service' } });
    const f = byId(l.features as Facility[]);
    expect(Object.keys(f).sort()).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(f.T1.category).toBe('elderly_care');
    expect(f.T4.category).toBe('elderly_care');
    expect(f.T2.category).toBe('community_service');
    expect(f.T3.category).toBe('kindergarten');
    expect(f.T1.floorArea).toBe(350);
    expect(l.counts).toMatchObject({ read: 5, valid: 4, errors: 1 });
    expect(l.problems[0]).toMatchObject({ feature: '4 (id T5)', field: '类型' });
  });

  it('the user choice wins over a built-in synonym; a choice outside the vocabulary is ignored', async () => {
    const l = await readLayer(fixtureFiles(FACILITIES), 'facilities', { categoryMap: { 幼儿园: 'health_station', 洗衣店: 'laundry' as never } });
    const f = byId(l.features as Facility[]);
    expect(f.T3.category).toBe('health_station');
    expect(f.T5).toBeUndefined();
    expect(l.problems.some((p) => p.feature === '4 (id T5)' && /洗衣店/.test(p.message))).toBe(true);
  });

  it('inspectLayer counts every distinct value of low-cardinality fields', async () => {
    const i = await inspectLayer(fixtureFiles(FACILITIES), 'facilities');
    // 托老所 twice (T1, and T4 once trimmed), the others once each.
    expect(i.valueCounts['类型']).toEqual({ 托老所: 2, 便民服务点: 1, 幼儿园: 1, 洗衣店: 1 });
  });
});

describe('settingMap and kindMap', () => {
  it('集镇 is a warning taken as urban without the map, rural with it', async () => {
    const path = 'value-maps/communities-unlisted-settings.geojson';
    const plain = await readLayer(fixtureFiles(path), 'communities');
    expect(byId(plain.features as Community[]).C1.setting).toBe('urban');
    expect(plain.problems).toEqual([expect.objectContaining({ feature: '0 (id C1)', field: '城乡', severity: 'warning' })]);
    const mapped = await readLayer(fixtureFiles(path), 'communities', { settingMap: { 集镇: 'rural' } });
    const c = byId(mapped.features as Community[]);
    expect(c.C1.setting).toBe('rural');
    expect(c.C2.setting).toBe('rural');
    expect(mapped.problems).toEqual([]);
  });

  it('滨河带 is green (with a warning) without the map, park with it', async () => {
    const path = 'value-maps/green-unlisted-kinds.geojson';
    const plain = await readLayer(fixtureFiles(path), 'green');
    expect((plain.features as GreenSpace[])[0].kind).toBe('green');
    expect(plain.counts.warnings).toBe(1);
    const mapped = await readLayer(fixtureFiles(path), 'green', { kindMap: { 滨河带: 'park' } });
    expect((mapped.features as GreenSpace[])[0].kind).toBe('park');
    expect(mapped.counts.warnings).toBe(0);
  });
});
