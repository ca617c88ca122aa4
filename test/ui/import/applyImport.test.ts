import { describe, expect, it } from 'vitest';
import { applyImportedLayers, dataHint, layerCounts, withFileName } from '../../../src/ui/import/applyImport';
import { summarizeImport, unknownCategoryValues } from '../../../src/io/import/importSummary';
import { emptyLayers, newProject } from '../../../src/planning/project';
import type { Community, Facility } from '../../../src/engine/types';

const square = (x: number, y: number): Community => ({ id: `c${x}`, name: 'c', households: 100, setting: 'urban', geometry: [[[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]] });
const fac = (id: string): Facility => ({ id, category: 'kindergarten', floorArea: 1000, position: [0, 0] });

describe('applying an import', () => {
  const base = newProject({ source: 'demo', name: { zh: '示范', en: 'demo' } }, { ...emptyLayers(), communities: [square(119, 31), square(120, 32)], facilities: [fac('a')] }, 'national-2022');

  it('replaces only the given layers, marks the dataset imported and leaves the input untouched', () => {
    const next = applyImportedLayers(base, { facilities: [fac('x'), fac('y')] });
    expect(layerCounts(next)).toEqual({ communities: 2, facilities: 2, green: 0, roads: 0, residential: 0, candidates: 0 });
    expect(next.layers.communities).toBe(base.layers.communities);
    expect(next.dataset.source).toBe('import');
    expect(next.layerVersion).toBe(base.layerVersion + 1);
    expect(layerCounts(base)).toEqual({ communities: 2, facilities: 1, green: 0, roads: 0, residential: 0, candidates: 0 });
    const two = applyImportedLayers(base, { facilities: [], roads: [{ id: 'r', coordinates: [[0, 0], [1, 1]] }] });
    expect(layerCounts(two)).toEqual({ communities: 2, facilities: 0, green: 0, roads: 1, residential: 0, candidates: 0 });
  });

  it('hints at the centre of imported data: first vertices (119, 31) and (120, 32) → (119.5, 31.5); never at the demo', () => {
    expect(dataHint({ ...base, dataset: { ...base.dataset, source: 'import' } })).toEqual({ lon: 119.5, lat: 31.5 });
    expect(dataHint(base)).toBeUndefined();
    expect(dataHint(newProject(base.dataset, emptyLayers(), 'x'))).toBeUndefined();
  });

  it('pulls the unknown category values out of the problems, most frequent first', () => {
    const msg = (v: string) => `category "${v}" is not in the facility vocabulary (e.g. kindergarten / 幼儿园, community_service / 社区服务站)`;
    const problems = [msg('洗衣店'), msg('银行'), msg('洗衣店'), 'category is missing'].map((message, i) => ({ file: 'f.csv', feature: i, field: '类型', message, severity: 'error' as const }));
    expect(unknownCategoryValues(problems)).toEqual([{ value: '洗衣店', count: 2 }, { value: '银行', count: 1 }]);
    // The summary the worker sends: no features, problems cut to the limit, unknown values from all of them.
    const s = summarizeImport({
      kind: 'facilities', files: ['f.csv'], format: 'csv', features: [fac('a'), fac('b')], problems, fieldMap: { category: '类型' }, schemaKey: '类型',
      crs: { source: 'EPSG:4326', from: 'default', note: { zh: '', en: '' } }, counts: { read: 6, valid: 2, errors: 4, warnings: 0 }, notes: [],
    }, 1);
    expect('features' in s).toBe(false);
    expect(s.featureCount).toBe(2);
    expect(s.problems.length).toBe(1);
    expect(s.problemTotal).toBe(4);
    expect(s.unknownCategories).toEqual([{ value: '洗衣店', count: 2 }, { value: '银行', count: 1 }]);
  });

  it('names the file once', () => {
    expect(withFileName('a.csv: bad', 'a.csv')).toBe('a.csv: bad');
    expect(withFileName('bad', 'a.csv')).toBe('a.csv: bad');
  });
});
