// Local metric frame ↔ WGS84. The district is laid out in metres on a transverse Mercator
// centred on DEMO_CENTRE and converted with proj4; coordinates are rounded to 1e-7° (~1 cm) so
// output bytes do not depend on last-bit floating-point differences.
import proj4 from 'proj4';
import type { Position } from '../../src/engine/types';
import type { XY } from './geometry';

/**
 * Centre of the synthetic district: 119.95°E, 31.78°N, a river-plain setting in southern Jiangsu
 * (between Changzhou and Yixing) typical of eastern Chinese towns. No real place is depicted.
 */
export const DEMO_CENTRE: Position = [119.95, 31.78];
export const LOCAL_CRS = `+proj=tmerc +lat_0=${DEMO_CENTRE[1]} +lon_0=${DEMO_CENTRE[0]} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;

const conv = proj4('EPSG:4326', LOCAL_CRS);
const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

export function toLonLat(p: XY): Position {
  const [lon, lat] = conv.inverse([p[0], p[1]]) as [number, number];
  return [round7(lon), round7(lat)];
}

export function toLocal(p: Position): XY {
  return conv.forward([p[0], p[1]]) as XY;
}

/** A ring (no closing vertex) to a closed GeoJSON ring. */
export function closedRing(ring: readonly XY[]): Position[] {
  const out = ring.map(toLonLat);
  out.push(out[0]);
  return out;
}
