// One facility's nested walking bands (the `service-areas` command and the app's display):
// join, one Dijkstra bounded by the largest band, then network + area per band.
import type { MultiPolygonCoords, Position } from '../types';
import type { MetricRings, XY } from '../reach/reachProvider';
import type { MetricProjection, RoadGraph } from './graph';
import { networkDistances } from './distances';
import { DEFAULT_MAX_CONNECTOR_M, type NetworkJoin } from './join';
import { joinPoints, pointOrigins } from './origins';
import { serviceAreaBands, type AreaOptions, type Band } from './serviceArea';
import { ringsArea } from './clip';

export interface FacilityAreaOptions extends AreaOptions {
  maxConnector_m?: number;
}

export interface FacilityBands {
  id: string;
  /** Null when the facility is farther than maxConnector from every edge (off network). */
  join: NetworkJoin | null;
  bands: Band[];
}

export function facilityBands(g: RoadGraph, facility: { id: string; xy: XY }, distances: number[], options: FacilityAreaOptions = {}): FacilityBands {
  const [joined] = joinPoints(g, [facility], options.maxConnector_m ?? DEFAULT_MAX_CONNECTOR_M);
  const { origins, pieces } = pointOrigins([joined]);
  const nd = networkDistances(g, origins, Math.max(...distances));
  return { id: facility.id, join: joined.join, bands: serviceAreaBands(g, nd, distances, options, () => ({ pieces })) };
}

/**
 * Metric rings (outer CCW, holes CW, flat list) → lon/lat MultiPolygon: each hole goes to the
 * smallest outer ring that contains it; rings are closed (first position repeated).
 */
export function ringsToMultiPolygon(rings: MetricRings, projection: MetricProjection): MultiPolygonCoords {
  const signed = rings.map((r) => ringsArea([r]));
  const outers = rings.filter((_, i) => signed[i] > 0).map((r) => ({ ring: r, area: ringsArea([r]), box: ringBox(r), holes: [] as XY[][] }));
  outers.sort((a, b) => a.area - b.area);
  for (const [i, h] of rings.entries()) {
    if (signed[i] >= 0) continue;
    // A hole may touch its outer ring at a vertex: test vertices until one decides.
    let owner: (typeof outers)[number] | undefined;
    for (const [x, y] of h) {
      owner = outers.find((o) => x >= o.box[0] && x <= o.box[2] && y >= o.box[1] && y <= o.box[3] && pointInRing(x, y, o.ring));
      if (owner) break;
    }
    if (owner) owner.holes.push(h);
  }
  const close = (r: XY[]): Position[] => {
    const out = r.map((p) => projection.inverse(p));
    out.push(out[0]);
    return out;
  };
  return outers.reverse().map((o) => [close(o.ring), ...o.holes.map(close)]);
}

function ringBox(r: XY[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of r) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

function pointInRing(x: number, y: number, r: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
