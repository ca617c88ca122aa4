// The road layer as service-areas reads it (loadRoadLines): flat when the file allows, the general
// reader (LIFECIRCLE_ROADS_READER=general) otherwise. The same lines either way, and bad input still
// refused with a message naming the file, the feature and the field (the flat read declines it and
// the general reader reports it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadRoadLines, ROADS_READER_ENV } from '../../../scripts/lib/loadRoads';
import { InputError } from '../../../scripts/lib/inputError';

const tmp = mkdtempSync(join(tmpdir(), 'lc-roads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => { delete process.env[ROADS_READER_ENV]; });
const fixture = (name: string) => resolve(__dirname, '../../fixtures/network', name);
const write = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const line = (id: string, coords: unknown) => ({ type: 'Feature', properties: { id }, geometry: { type: 'LineString', coordinates: coords } });
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('loadRoadLines', () => {
  it('reads the same lines flat and with the general reader', async () => {
    for (const name of ['roads-gauss-kruger-multiline.geojson', 'river-with-bridge.roads.geojson']) {
      const flat = await loadRoadLines(fixture(name));
      process.env[ROADS_READER_ENV] = 'general';
      const general = await loadRoadLines(fixture(name));
      delete process.env[ROADS_READER_ENV];
      expect(flat.layer.features).toEqual([]); // the flat read: no RoadLine objects
      expect(general.layer.features.length).toBe(general.lines.length);
      expect(flat.lines.ids).toEqual(general.lines.ids);
      expect([...flat.lines.lineOffsets]).toEqual([...general.lines.lineOffsets]);
      expect(Buffer.from(flat.lines.xy.buffer).equals(Buffer.from(general.lines.xy.buffer))).toBe(true);
    }
  });

  it('refuses hostile input naming the file, the feature and the field', async () => {
    const ok = [line('a', [[118.78, 32.05], [118.79, 32.06]])];
    const cases: [string, string, RegExp][] = [
      ['truncated.geojson', fc(ok).slice(0, -10), /truncated\.geojson: not valid JSON/],
      ['point.geojson', fc([...ok, { type: 'Feature', properties: { id: 'p' }, geometry: { type: 'Point', coordinates: [118.78, 32.05] } }]), /point\.geojson: feature 1 \(id p\): field geometry: geometry is Point, expected LineString or MultiLineString/],
      ['short.geojson', fc([...ok, line('s', [[118.78, 32.05]])]), /short\.geojson: feature 1 \(id s\): field geometry: line has 1 position\(s\)/],
      ['nogeom.geojson', fc([...ok, { type: 'Feature', properties: { id: 'n' }, geometry: null }]), /nogeom\.geojson: feature 1 \(id n\): field geometry: no geometry/],
      ['huge.geojson', fc([...ok, line('h', [[118.78, 32.05], [1e300, 32.06]])]), /huge\.geojson: coordinates .*cannot be longitude\/latitude/],
      ['text.geojson', fc([...ok, line('t', [['118.78', 32.05], [118.79, 32.06]])]), /text\.geojson: feature 1 \(id t\): field geometry/],
    ];
    for (const [name, text, message] of cases) {
      const p = write(name, text);
      const err = await loadRoadLines(p).then(() => null, (e: unknown) => e);
      expect(err, name).toBeInstanceOf(InputError);
      expect((err as Error).message, name).toMatch(message);
    }
  });
});
