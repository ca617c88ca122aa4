// The flat road read against the general reader (readLayer: JSON.parse, the CRS conversion per
// geometry, toEngineFeature's ids, one RoadLine per part) on the same files: the same lines, ids and
// lon/lat doubles bit for bit; null wherever readLayer would report a problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRoadsFlat } from '../../../src/io/import/readRoadsFlat';
import { readLayer } from '../../../src/io/import/readLayer';
import { roadLinesFlat } from '../../../src/engine/network/graph';
import type { InputFile } from '../../../src/io/import/types';

const fixture = (name: string): InputFile => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '../../fixtures/network', name))) });
const file = (name: string, text: string): InputFile => ({ name, bytes: new TextEncoder().encode(text) });
const lineFeature = (id: string, coords: number[][]) => ({ type: 'Feature', properties: { id }, geometry: { type: 'LineString', coordinates: coords } });
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

async function expectSameAsReadLayer(files: InputFile[], options = {}) {
  const flat = readRoadsFlat(files, options);
  expect(flat, 'the flat read takes it').not.toBeNull();
  const general = await readLayer(files, 'roads', options);
  expect(general.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const want = roadLinesFlat(general.features);
  const got = flat!.lines;
  expect(got.ids).toEqual(want.ids);
  expect([...got.lineOffsets]).toEqual([...want.lineOffsets]);
  expect(got.xy.length).toBe(want.xy.length);
  for (let i = 0; i < want.xy.length; i++) if (!Object.is(got.xy[i], want.xy[i])) expect(`xy[${i}] = ${got.xy[i]}`).toBe(`xy[${i}] = ${want.xy[i]}`);
  const { features: _f, ...rest } = general;
  const { features: _g, ...flatRest } = flat!.import;
  expect(flatRest).toEqual(rest);
  return flat!;
}

describe('readRoadsFlat', () => {
  it('reads a Gauss-Krüger file (EPSG:4547 declared) with a MultiLineString, mapped and top-level ids, as readLayer does', async () => {
    const flat = await expectSameAsReadLayer([fixture('roads-gauss-kruger-multiline.geojson')]);
    // By hand: the top-level id, merged as properties.id, makes `id` the id field (before `code`):
    // the two parts of that feature are its id with .0 and .1, the other features their index.
    expect(flat.lines.ids).toEqual(['0', 'top-level.0', 'top-level.1', '2', '3']);
    expect([...flat.lines.lineOffsets]).toEqual([0, 3, 5, 8, 10, 12]);
    // 114°E is the zone's central meridian, 500 km its false easting: x = 496,760 m is a little west of it.
    expect(flat.lines.xy[0]).toBeGreaterThan(113.96);
    expect(flat.lines.xy[0]).toBeLessThan(114);
  });

  it('reads lon/lat files, with --roads-crs given and with X/Y swapped, as readLayer does', async () => {
    await expectSameAsReadLayer([fixture('river-with-bridge.roads.geojson')]);
    const swapped = file('swapped.geojson', collection([lineFeature('s', [[32.05, 118.78], [32.06, 118.79]])]));
    await expectSameAsReadLayer([swapped], { swapXY: true });
    await expectSameAsReadLayer([fixture('roads-gauss-kruger-multiline.geojson')], { crs: 'EPSG:4547' });
  });

  it('declines where readLayer reports a problem, and readLayer still reports it', async () => {
    const cases: [InputFile, RegExp][] = [
      [file('out-of-range.geojson', collection([lineFeature('a', [[118.78, 32.05], [118.79, 32.06]]), lineFeature('b', [[218.78, 32.05], [118.79, 32.06]])])), /cannot be longitude\/latitude/],
      [file('point.geojson', collection([lineFeature('a', [[118.78, 32.05], [118.79, 32.06]]), { type: 'Feature', properties: { id: 'p' }, geometry: { type: 'Point', coordinates: [118.78, 32.05] } }])), /expected LineString or MultiLineString/],
      [file('one-position.geojson', collection([lineFeature('a', [[118.78, 32.05]])])), /line has 1 position/],
      [file('huge.geojson', collection([lineFeature('a', [[118.78, 32.05], [1e308, 32.06]])]).replace('1e+308', '1e999')), /./],
    ];
    for (const [f, message] of cases) {
      expect(readRoadsFlat([f]), f.name).toBeNull();
      const general = await readLayer([f], 'roads');
      const errors = general.problems.filter((p) => p.severity === 'error');
      expect(errors.length, f.name).toBeGreaterThan(0);
      expect(errors.map((p) => p.message).join('\n')).toMatch(message);
    }
  });
});
