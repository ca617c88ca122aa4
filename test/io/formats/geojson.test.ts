// Which parse a GeoJSON file gets: whole below the chunked threshold, feature chunks from it on
// (told apart by how a broken feature is reported), and the same features either way.
import { describe, expect, it } from 'vitest';
import { readGeoJson } from '../../../src/io/formats/geojson';

const features = Array.from({ length: 40 }, (_, i) => ({ type: 'Feature', properties: { id: `F${i}`, name: `设施 ${i}, [x]` }, geometry: { type: 'Point', coordinates: [104 + i / 1000, 30] } }));
const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
const broken = new TextEncoder().encode('{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feature" "x"}]}');

describe('readGeoJson chunked threshold', () => {
  it('a file from chunkedFromBytes on is parsed in feature chunks (the error names the byte range)', async () => {
    await expect(readGeoJson('b.geojson', broken, { chunkedFromBytes: 10 })).rejects.toThrow(/b\.geojson: not valid JSON in the features between bytes/);
  });

  it('a file below chunkedFromBytes is parsed whole (the error is JSON.parse\'s)', async () => {
    const e = (await readGeoJson('b.geojson', broken, { chunkedFromBytes: broken.length + 1 }).catch((x: unknown) => x)) as Error;
    expect(e.message).toMatch(/^b\.geojson: not valid JSON \(/);
    expect(e.message).not.toMatch(/between bytes/);
  });

  it('both parses give the same features and fields', async () => {
    const whole = await readGeoJson('a.geojson', bytes, { chunkedFromBytes: bytes.length + 1 });
    const chunked = await readGeoJson('a.geojson', bytes, { chunkedFromBytes: 10 });
    expect(chunked.features).toEqual(whole.features);
    expect(chunked.fields).toEqual(['id', 'name']);
    expect(whole.features.map((f) => f.properties.id)).toEqual(features.map((f) => f.properties.id));
  });
});
