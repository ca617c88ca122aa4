// Property bags are plain data: hostile field names (constructor, toString, hasOwnProperty,
// __proto__, valueOf) and 100,000-deep nesting import, and what the import worker returns survives
// structured clone (the worker boundary). These failed with "could not be cloned" (a lookup of
// `constructor` fell through to Object.prototype) and "Maximum call stack size exceeded".
import { describe, expect, it } from 'vitest';
import { inspectLayer } from '../../../src/io/import/inspectLayer';
import { readLayer } from '../../../src/io/import/readLayer';
import { summarizeImport } from '../../../src/io/import/importSummary';
import { MAX_NESTING, plainProperties } from '../../../src/io/import/plainProperties';
import { fixtureFiles } from '../fixtureFiles';

const HOSTILE = 'hostile/facilities-hostile-property-names.geojson';

function deepGeoJson(levels: number): Uint8Array {
  const open = '{"a":'.repeat(levels);
  const close = '}'.repeat(levels);
  return new TextEncoder().encode(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"D1","category":"kindergarten","area":120,"deep":${open}1${close}},"geometry":{"type":"Point","coordinates":[104.061,30.661]}}]}`);
}

describe('property bags as plain data', () => {
  it('constructor, toString, hasOwnProperty, __proto__ and valueOf are ordinary fields; inspection and import clone', async () => {
    const files = fixtureFiles(HOSTILE);
    const ins = await inspectLayer(files, 'facilities');
    expect(ins.fields).toEqual(['id', 'category', 'area', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'nested']);
    const cloned = structuredClone(ins);
    // Samples of a field only some features carry hold only that field's values.
    expect(cloned.samples.constructor).toEqual(['c1']);
    expect(cloned.samples.toString).toEqual(['t1']);
    expect(Object.getOwnPropertyDescriptor(cloned.samples, '__proto__')?.value).toEqual(['{"polluted":true}']);
    expect(cloned.samples.nested).toEqual(['{"a":[1,{"b":2}]}']);
    expect(Object.getPrototypeOf(cloned.samples)).toBe(Object.prototype);
    const l = await readLayer(files, 'facilities');
    expect(l.features.map((f) => f.id)).toEqual(['K1', 'K2', 'K3']);
    expect(() => structuredClone(summarizeImport(l))).not.toThrow();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a property nested 100,000 levels deep imports; its value is replaced by a note', async () => {
    const files = [{ name: 'deep.geojson', bytes: deepGeoJson(100_000) }];
    const ins = structuredClone(await inspectLayer(files, 'facilities'));
    expect(ins.samples.deep).toEqual([`[value nested deeper than ${MAX_NESTING} levels, not kept]`]);
    const l = await readLayer(files, 'facilities');
    expect(l.features.map((f) => f.id)).toEqual(['D1']);
  });

  it('plain values: primitives kept, nesting within the limit as JSON text, no prototype', () => {
    const p = plainProperties({ a: 1, b: 'x', c: true, d: null, e: undefined, f: [1, 2], g: new Date(Date.UTC(2024, 0, 2)) });
    expect(Object.getPrototypeOf(p)).toBeNull();
    expect({ ...p }).toEqual({ a: 1, b: 'x', c: true, d: null, e: null, f: '[1,2]', g: '2024-01-02T00:00:00.000Z' });
    let v: unknown = 1;
    for (let i = 0; i < MAX_NESTING; i++) v = [v];
    expect(plainProperties({ v }).v).toBe(`${'['.repeat(MAX_NESTING)}1${']'.repeat(MAX_NESTING)}`);
    expect(plainProperties({ v: [v] }).v).toMatch(/nested deeper/);
  });
});
