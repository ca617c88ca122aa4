// Map data built once per dataset (layerVersion), never per render: flat arrays of polygon parts
// tagged with their community index, label points, bounding boxes, basemap FeatureCollections.
import { area, booleanPointInPolygon, centroid, pointOnFeature, polygon as turfPolygon } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import type { Community, Position, Ring } from '../../engine/types';
import { interiorPoint } from '../../engine/geo/interiorPoint';
import type { ProjectLayers } from '../../planning/project';
import { roadClass } from './basemapStyle';

export type BBox = [number, number, number, number];

export interface PolygonPart {
  /** Community (or gap owner) index. */
  index: number;
  polygon: Ring[];
}

export interface CommunityMapData {
  parts: PolygonPart[];
  labelPoints: Position[];
  bboxes: BBox[];
  /** All data's bbox (communities, else facilities), for "fit to data". */
  extent: BBox | null;
}

export function ringsBBox(rings: Ring[][], into?: BBox): BBox {
  const b: BBox = into ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of rings) for (const [x, y] of poly[0] ?? []) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

/** A point inside the community's largest part (label anchor and click target). */
export function labelPoint(c: Community): Position {
  let best: Ring[] | null = null;
  let bestArea = -1;
  for (const part of c.geometry) {
    if (!part[0] || part[0].length < 4) continue;
    const a = area(turfPolygon(part));
    if (a > bestArea) { bestArea = a; best = part; }
  }
  if (!best) return [NaN, NaN];
  const poly = turfPolygon(best);
  const mid = centroid(poly).geometry.coordinates as Position;
  if (booleanPointInPolygon(mid, poly, { ignoreBoundary: true })) return mid;
  return interiorPoint(best) ?? (pointOnFeature(poly).geometry.coordinates as Position);
}

export function buildCommunityMapData(layers: ProjectLayers): CommunityMapData {
  const parts: PolygonPart[] = [];
  const bboxes: BBox[] = [];
  const labelPoints: Position[] = [];
  const extent: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  layers.communities.forEach((c, index) => {
    for (const polygon of c.geometry) if (polygon[0]?.length >= 4) parts.push({ index, polygon });
    const b = ringsBBox(c.geometry);
    bboxes.push(b);
    ringsBBox(c.geometry, extent);
    let lp: Position;
    try { lp = labelPoint(c); } catch { lp = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; }
    labelPoints.push(lp);
  });
  if (layers.communities.length === 0) for (const f of layers.facilities) ringsBBox([[[f.position]]], extent);
  return { parts, labelPoints, bboxes, extent: Number.isFinite(extent[0]) ? extent : null };
}

export function basemapCollections(layers: ProjectLayers): Record<'water' | 'green' | 'roads' | 'residential', FeatureCollection> {
  return {
    water: { type: 'FeatureCollection', features: layers.water.map((w) => ({ type: 'Feature', properties: { kind: w.kind }, geometry: { type: 'MultiPolygon', coordinates: w.geometry } })) },
    green: { type: 'FeatureCollection', features: layers.green.map((g) => ({ type: 'Feature', properties: { kind: g.kind }, geometry: { type: 'MultiPolygon', coordinates: g.geometry } })) },
    residential: { type: 'FeatureCollection', features: (layers.residential ?? []).map((r) => ({ type: 'Feature', properties: { id: r.id }, geometry: { type: 'MultiPolygon', coordinates: r.geometry } })) },
    roads: { type: 'FeatureCollection', features: layers.roads.map((r) => ({ type: 'Feature', properties: { cls: roadClass(r.kind) }, geometry: { type: 'LineString', coordinates: r.coordinates } })) },
  };
}
