// Chunked parsing of large FeatureCollections gives exactly what JSON.parse gives (second method),
// whatever the chunk size, with strings holding brackets, commas, escaped quotes and Chinese text.
import { describe, expect, it } from 'vitest';
import { parseFeatureCollectionChunked } from '../../src/io/formats/geojsonChunks';

const features = Array.from({ length: 57 }, (_, i) => ({
  type: 'Feature',
  properties: { id: `F${i}`, name: `设施 "${i}" [a,b] {c}, \\ end`, n: i % 3 ? null : [i, { x: ',' }] },
  geometry: { type: 'Point', coordinates: [104 + i / 1000, 30] },
}));
const doc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4326' } }, features, bbox: [1, 2, 3, 4] };
const bytes = new TextEncoder().encode(JSON.stringify(doc, null, 1));

describe('chunked FeatureCollection parsing', () => {
  it.each([1, 100, 1000, 1 << 20])('chunks of %i bytes', async (chunk) => {
    const calls: number[] = [];
    const got = await parseFeatureCollectionChunked('x.geojson', bytes, { onProgress: (d) => calls.push(d) }, chunk);
    expect(got).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
    expect(calls[calls.length - 1]).toBeGreaterThan(bytes.length - 10);
    expect(calls.every((c, i) => i === 0 || c > calls[i - 1])).toBe(true);
  });

  it('cancellation between chunks', async () => {
    const signal = { aborted: true };
    await expect(parseFeatureCollectionChunked('x.geojson', bytes, { signal }, 100)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a broken feature is reported with its byte range', async () => {
    const bad = new TextEncoder().encode('{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feature" "x"}]}');
    await expect(parseFeatureCollectionChunked('bad.geojson', bad, {}, 10)).rejects.toThrow(/bad\.geojson: not valid JSON in the features between bytes/);
  });
});
