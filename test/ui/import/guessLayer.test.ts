import { describe, expect, it } from 'vitest';
import { guessLayerKind } from '../../../src/ui/import/guessLayer';

describe('guessLayerKind', () => {
  it('points → facilities, lines → roads, tables → facilities', () => {
    expect(guessLayerKind({ format: 'geojson', geometryTypes: { Point: 9, Polygon: 1 }, fields: ['name'] })).toEqual({ kind: 'facilities', reason: 'points' });
    expect(guessLayerKind({ format: 'shapefile', geometryTypes: { MultiLineString: 4 }, fields: ['名称'] })).toEqual({ kind: 'roads', reason: 'lines' });
    expect(guessLayerKind({ format: 'csv', geometryTypes: {}, fields: ['lng', 'lat'] })).toEqual({ kind: 'facilities', reason: 'table' });
  });

  it('polygons with a households field → communities, whatever the file is called', () => {
    expect(guessLayerKind({ format: 'shapefile', geometryTypes: { Polygon: 3 }, fields: ['编码', '户数'], fileName: '绿地.shp' })).toEqual({ kind: 'communities', reason: 'households' });
  });

  it('polygons whose type values are all park/green → green', () => {
    const g = guessLayerKind({ format: 'geojson', geometryTypes: { Polygon: 2, MultiPolygon: 1 }, fields: ['名称', '类型'], samples: { 类型: ['公园', '绿地'] } });
    expect(g).toEqual({ kind: 'green', reason: 'greenValues' });
    // One value that is not a green kind (广场 is green; 商业 is not) → no green guess from values.
    const h = guessLayerKind({ format: 'geojson', geometryTypes: { Polygon: 2 }, fields: ['类型'], samples: { 类型: ['公园', '商业'] } });
    expect(h).toEqual({ kind: 'communities', reason: 'polygons' });
  });

  it('polygons without telling fields: the file name decides, else communities', () => {
    expect(guessLayerKind({ format: 'geojson', geometryTypes: { Polygon: 2 }, fields: ['id'], fileName: 'city_parks.geojson' })).toEqual({ kind: 'green', reason: 'fileName' });
    expect(guessLayerKind({ format: 'geojson', geometryTypes: { Polygon: 2 }, fields: ['id'], fileName: 'blocks.geojson' })).toEqual({ kind: 'communities', reason: 'polygons' });
  });

  it('points or parcels in a file named for candidate sites → the candidate layer; lines never', () => {
    expect(guessLayerKind({ format: 'geojson', geometryTypes: { Polygon: 3 }, fields: ['地块编码'], fileName: 'vacant-parcels.geojson' })).toEqual({ kind: 'candidates', reason: 'fileName' });
    expect(guessLayerKind({ format: 'shapefile', geometryTypes: { Point: 5 }, fields: ['id'], fileName: '候选选址.shp' })).toEqual({ kind: 'candidates', reason: 'fileName' });
    expect(guessLayerKind({ format: 'geojson', geometryTypes: { LineString: 2 }, fields: ['id'], fileName: 'candidate-roads.geojson' })).toEqual({ kind: 'roads', reason: 'lines' });
  });
});
