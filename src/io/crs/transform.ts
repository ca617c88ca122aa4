// Convert coordinates in a source CRS to WGS84 lon/lat: optional X/Y swap (northing-first
// exports), proj4 inverse projection, and the GCJ-02 / BD-09 offset correction (gcoord).
import proj4 from 'proj4';
import gcoord from 'gcoord';
import type { Geometry, Position as GjPosition } from 'geojson';
import type { CrsSpec } from './parseCrs';

export type PointConverter = (x: number, y: number) => [number, number];

export function converterFor(spec: CrsSpec, swapXY = false): PointConverter | null {
  const proj = spec.proj4 ? proj4(spec.proj4, 'EPSG:4326') : null;
  const offset = spec.offset === 'GCJ02' ? gcoord.GCJ02 : spec.offset === 'BD09' ? gcoord.BD09 : null;
  if (!proj && !offset && !swapXY) return null;
  return (x, y) => {
    let p: [number, number] = swapXY ? [y, x] : [x, y];
    if (proj) p = proj.forward(p) as [number, number];
    if (offset) p = gcoord.transform(p, offset, gcoord.WGS84) as [number, number];
    return p;
  };
}

/** A new geometry with converted coordinates (the input is not modified). Z/M are dropped. */
export function convertGeometry(g: Geometry, conv: PointConverter): Geometry {
  const pt = (p: GjPosition): GjPosition => conv(p[0], p[1]);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: pt(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(pt) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(pt) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(pt)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(pt)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((pl) => pl.map((r) => r.map(pt))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => convertGeometry(x, conv)) };
  }
}

/** Calls fn for every position of a geometry. */
export function eachPosition(g: Geometry | null, fn: (x: number, y: number) => void): void {
  if (!g) return;
  switch (g.type) {
    case 'Point':
      fn(g.coordinates[0], g.coordinates[1]);
      return;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach((p) => fn(p[0], p[1]));
      return;
    case 'MultiLineString':
    case 'Polygon':
      g.coordinates.forEach((l) => l.forEach((p) => fn(p[0], p[1])));
      return;
    case 'MultiPolygon':
      g.coordinates.forEach((pl) => pl.forEach((r) => r.forEach((p) => fn(p[0], p[1]))));
      return;
    case 'GeometryCollection':
      g.geometries.forEach((x) => eachPosition(x, fn));
  }
}
