// The synthetic city (syntheticCity.ts) written as GeoJSON files, for benches that run the
// command-line audit as a whole process. Written once per size into node_modules/.cache. Every
// property uses a field name the reader knows (src/io/fields/fieldNames.ts): a facility's floor
// area is `area`, as in a bureau's data, so no facility falls back to the preset's default.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './baseline';
import { syntheticCity } from './syntheticCity';

/**
 * The audit flags that name the city's layers: communities, facilities and green, and with
 * `residentialPerCommunity` > 0 a residential layer too (building footprints with households).
 */
export function cityFiles(communities: number, residentialPerCommunity = 0): string[] {
  const dir = join(root, 'node_modules', '.cache', `lifecircle-city-v2-${communities}${residentialPerCommunity ? `-r${residentialPerCommunity}` : ''}`);
  const layers = ['communities', 'facilities', 'green', ...(residentialPerCommunity ? ['residential'] : [])];
  const files = layers.map((l) => join(dir, `${l}.geojson`));
  if (!files.every(existsSync)) {
    const d = syntheticCity({ communities, ...(residentialPerCommunity ? { residentialPerCommunity } : {}) });
    mkdirSync(dir, { recursive: true });
    const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    writeFileSync(files[0], fc(d.communities.map((c) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: c.geometry }, properties: { id: c.id, name: c.name, households: c.households, setting: c.setting } }))));
    writeFileSync(files[1], fc(d.facilities.map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: f.position }, properties: { id: f.id, category: f.category, area: f.floorArea } }))));
    writeFileSync(files[2], fc(d.green.map((g) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: g.geometry }, properties: { id: g.id, kind: g.kind } }))));
    if (residentialPerCommunity) writeFileSync(files[3], fc((d.residential ?? []).map((r) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: r.geometry }, properties: { id: r.id, households: r.households } }))));
  }
  return layers.flatMap((l, i) => [`--${l}`, files[i]]);
}
