import { describe, expect, it } from 'vitest';
import { LAYER_META_KEY, importedLayerMeta, readLayerMeta, recordLayerMeta, type ImportedLayerMeta } from '../../../src/ui/import/layerMeta';
import type { KeyValueStore } from '../../../src/ui/import/importMemory';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const meta = (kind: ImportedLayerMeta['kind'], source: string, correction?: 'GCJ02→WGS84'): ImportedLayerMeta => ({
  kind, files: [`${kind}.csv`], format: 'csv', fieldMap: {}, notes: [], importedAt: '2026-11-23T15:00:00Z',
  crs: { source, from: 'option', note: { zh: source, en: source }, correction },
  counts: { read: 2, valid: 2, errors: 0, warnings: 0 },
});

describe('applied CRS recorded per layer', () => {
  it('keeps one record per layer kind; a new import of a kind replaces only that record', () => {
    const store = memoryStore();
    recordLayerMeta([meta('facilities', 'GCJ02', 'GCJ02→WGS84'), meta('communities', 'EPSG:4547')], store);
    recordLayerMeta([meta('facilities', 'EPSG:4326')], store);
    expect(importedLayerMeta('facilities', store)!.crs.source).toBe('EPSG:4326');
    expect(importedLayerMeta('facilities', store)!.crs.correction).toBeUndefined();
    expect(importedLayerMeta('communities', store)!.crs.source).toBe('EPSG:4547');
    expect(importedLayerMeta('roads', store)).toBeUndefined();
    expect(Object.keys(JSON.parse(store.data.get(LAYER_META_KEY)!)).sort()).toEqual(['communities', 'facilities']);
  });

  it('a new project keeps only the records of the layers it imported', () => {
    const store = memoryStore();
    recordLayerMeta([meta('facilities', 'GCJ02', 'GCJ02→WGS84'), meta('roads', 'EPSG:4326')], store);
    recordLayerMeta([meta('communities', 'EPSG:4544')], store, true);
    expect(Object.keys(readLayerMeta(store))).toEqual(['communities']);
  });

  it('reads garbage as no record', () => {
    const store = memoryStore();
    store.data.set(LAYER_META_KEY, '][');
    expect(readLayerMeta(store)).toEqual({});
  });
});
