// Audit result → communities with their scalar results as properties: GeoJSON and FlatGeobuf.
import type { FeatureCollection } from 'geojson';
import type { AuditResult, Community } from '../../engine/types';
import { communityRows } from './communityRow';
import { writeFlatGeobuf } from '../flatgeobuf';

/** Results are matched to communities by id (first community with that id). */
export function auditToGeoJSON(result: AuditResult, communities: Community[]): FeatureCollection {
  const byId = new Map<string, Community>();
  for (const c of communities) if (!byId.has(c.id)) byId.set(c.id, c);
  const rows = communityRows(result);
  return {
    type: 'FeatureCollection',
    features: result.communities.map((r, i) => ({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: byId.get(r.id)?.geometry ?? [] },
      properties: rows[i],
    })),
  };
}

/** FlatGeobuf (EPSG:4326). Columns take their type from the first feature, so nulls in numeric
 *  columns become NaN and in text columns '' (FlatGeobuf 4 writes no per-feature nulls reliably). */
export function auditToFlatGeobuf(result: AuditResult, communities: Community[]): Uint8Array {
  const fc = auditToGeoJSON(result, communities);
  const types = new Map<string, string>();
  for (const f of fc.features) for (const [k, v] of Object.entries(f.properties ?? {})) if (v !== null && !types.has(k)) types.set(k, typeof v);
  for (const f of fc.features) {
    const p = f.properties as Record<string, unknown>;
    for (const k of Object.keys(p)) if (p[k] === null) p[k] = types.get(k) === 'number' ? NaN : types.get(k) === 'boolean' ? false : '';
  }
  return writeFlatGeobuf(fc, 4326);
}
