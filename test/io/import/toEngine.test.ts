import { describe, expect, it } from 'vitest';
import { toEngineFeature } from '../../../src/io/import/toEngine';
import type { Community, Facility, RoadLine } from '../../../src/engine/types';

// Engine features take the source's [x, y] arrays as they are (no copy per vertex); positions with
// Z or M are copied down to [x, y].
describe('toEngineFeature positions', () => {
  const ring = [[114, 23], [114.01, 23], [114.01, 23.01], [114, 23.01], [114, 23]];

  it('keeps the source arrays of a polygon, a point and a line when every position is [x, y]', () => {
    const poly = { type: 'Polygon' as const, coordinates: [ring] };
    const c = toEngineFeature('communities', { geometry: poly, properties: { id: 'C1', households: 10 } }, 0, { id: 'id', households: 'households' }).features[0] as Community;
    expect(c.geometry[0][0]).toBe(ring);
    const at = [114, 23];
    const f = toEngineFeature('facilities', { geometry: { type: 'Point', coordinates: at }, properties: { category: 'kindergarten' } }, 0, { category: 'category' }).features[0] as Facility;
    expect(f.position).toBe(at);
    const line = [[114, 23], [114.01, 23]];
    const r = toEngineFeature('roads', { geometry: { type: 'LineString', coordinates: line }, properties: {} }, 0, {}).features[0] as RoadLine;
    expect(r.coordinates).toBe(line);
  });

  it('drops Z and M into new [x, y] positions', () => {
    const ringZ = ring.map(([x, y]) => [x, y, 50]);
    const c = toEngineFeature('communities', { geometry: { type: 'Polygon', coordinates: [ringZ] }, properties: { households: 10 } }, 0, { households: 'households' }).features[0] as Community;
    expect(c.geometry[0][0]).toEqual(ring);
    expect(ringZ[0]).toEqual([114, 23, 50]);
    const f = toEngineFeature('facilities', { geometry: { type: 'Point', coordinates: [114, 23, 7, 1] }, properties: { category: 'kindergarten' } }, 0, { category: 'category' }).features[0] as Facility;
    expect(f.position).toEqual([114, 23]);
    const r = toEngineFeature('roads', { geometry: { type: 'LineString', coordinates: [[114, 23], [114.01, 23, 3]] }, properties: {} }, 0, {}).features[0] as RoadLine;
    expect(r.coordinates).toEqual([[114, 23], [114.01, 23]]);
  });
});
