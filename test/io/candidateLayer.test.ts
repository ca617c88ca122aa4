// The candidate site layer kind (建议选址: vacant parcels or points): points as they are, parcels
// at a point inside their largest part, read through the same readLayer as every layer; bad input
// names the file, the feature and the field.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { readLayer } from '../../src/io/import/readLayer';
import { representativePoint } from '../../src/io/import/representativePoint';
import { writeFlatGeobuf } from '../../src/io/flatgeobuf';

const enc = (s: string) => new TextEncoder().encode(s);
const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
// A U-shaped parcel: its area centroid (x = 0.5, y ≈ 0.357) lies in the notch between the arms.
const U: [number, number][][] = [[[0, 0], [1, 0], [1, 1], [0.7, 1], [0.7, 0.3], [0.3, 0.3], [0.3, 1], [0, 1], [0, 0]]];

describe('representativePoint', () => {
  it('a rectangle: its centre (hand calculation)', () => {
    expect(representativePoint([[rect(104, 30, 104.002, 30.001)]])).toEqual([expect.closeTo(104.001, 9), expect.closeTo(30.0005, 9)]);
  });
  it('a U-shaped parcel: a point inside the U, not the centroid in its notch', () => {
    const p = representativePoint([U])!;
    // Inside: in the base (y < 0.3) or in an arm (x < 0.3 or x > 0.7).
    expect(p[1] < 0.3 || p[0] < 0.3 || p[0] > 0.7).toBe(true);
    expect(p[0] > 0 && p[0] < 1 && p[1] > 0 && p[1] < 1).toBe(true);
  });
  it('the largest part of a multipolygon, holes taken out', () => {
    // Part 2 (2×1) is larger than part 1 (1×1); a centred hole does not move its centroid.
    const p = representativePoint([[rect(0, 0, 1, 1)], [rect(10, 0, 12, 1), rect(10.5, 0.25, 10.7, 0.75)]])!;
    expect(p[0]).toBeGreaterThan(10);
    // Centroid by hand: (2·11 − 0.1·10.6) / 1.9 = 11.0211 (outside the hole, x > 10.7).
    expect(p[0]).toBeCloseTo((2 * 11 - 0.1 * 10.6) / 1.9, 9);
  });
});

describe('candidate site layer import', () => {
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { 地块编码: 'V1', 地块名称: '闲置地块甲' }, geometry: { type: 'Polygon', coordinates: [rect(104.06, 30.66, 104.062, 30.661)] } },
      { type: 'Feature', properties: { 地块编码: 'V2', 地块名称: '空地乙' }, geometry: { type: 'Point', coordinates: [104.07, 30.665] } },
    ],
  };

  it('GeoJSON: Chinese field names detected; a parcel becomes its centre, a point stays', async () => {
    const l = await readLayer([{ name: 'vacant.geojson', bytes: enc(JSON.stringify(fc)) }], 'candidates');
    expect(l.fieldMap).toMatchObject({ id: '地块编码', name: '地块名称' });
    expect(l.problems).toEqual([]);
    expect(l.features).toEqual([
      { id: 'V1', name: '闲置地块甲', position: [expect.closeTo(104.061, 9), expect.closeTo(30.6605, 9)] },
      { id: 'V2', name: '空地乙', position: [104.07, 30.665] },
    ]);
  });

  it('FlatGeobuf and a CSV of points give the same sites', async () => {
    const f = await readLayer([{ name: 'vacant.fgb', bytes: writeFlatGeobuf(fc) }], 'candidates');
    expect(f.features.map((x) => x.id)).toEqual(['V1', 'V2']);
    const c = await readLayer([{ name: 'sites.csv', bytes: enc('id,lng,lat\nS1,104.06,30.66\nS2,104.07,30.67\n') }], 'candidates');
    expect(c.features).toEqual([{ id: 'S1', position: [104.06, 30.66] }, { id: 'S2', position: [104.07, 30.67] }]);
  });

  it('bad input names the file, feature and field: lines, several points, duplicate ids', async () => {
    const bad: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'A' }, geometry: { type: 'LineString', coordinates: [[104, 30], [104.01, 30]] } },
        { type: 'Feature', properties: { id: 'B' }, geometry: { type: 'MultiPoint', coordinates: [[104, 30], [104.01, 30]] } },
        { type: 'Feature', properties: { id: 'C' }, geometry: { type: 'Point', coordinates: [104, 30] } },
        { type: 'Feature', properties: { id: 'C' }, geometry: { type: 'Point', coordinates: [104.01, 30] } },
      ],
    };
    const l = await readLayer([{ name: 'bad-sites.geojson', bytes: enc(JSON.stringify(bad)) }], 'candidates');
    expect(l.features.map((x) => x.id)).toEqual(['C']);
    const errors = l.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.feature, p.field]);
    expect(errors).toEqual([['bad-sites.geojson', '0 (id A)', 'geometry'], ['bad-sites.geojson', '1 (id B)', 'geometry'], ['bad-sites.geojson', '3 (id C)', 'id']]);
    expect(l.problems[0].message).toMatch(/LineString, expected Point/);
    expect(l.problems[1].message).toMatch(/one point or one parcel/);
  });

  it('an OpenStreetMap file is refused with a reason (it has no candidate sites)', async () => {
    const osm = '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="30" lon="104"/></osm>';
    const l = await readLayer([{ name: 'area.osm', bytes: enc(osm) }], 'candidates');
    expect(l.features).toEqual([]);
    expect(l.problems[0]).toMatchObject({ file: 'area.osm', severity: 'error' });
    expect(l.problems[0].message).toMatch(/no candidate sites/);
  });
});
