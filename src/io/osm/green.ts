// Green space from OSM tags (STANDARDS.md §2): parks (公园绿地) and other green.
import type { GreenKind, GreenSpace } from '../../engine/types';
import type { AreaFeature } from './areas';
import type { Tags } from './model';

export function greenKind(t: Tags): GreenKind | null {
  if (t.leisure === 'park' || t.leisure === 'garden' || t.landuse === 'recreation_ground') return 'park';
  if (['grass', 'forest', 'village_green'].includes(t.landuse ?? '') || t.leisure === 'common' || t.natural === 'wood' || t.natural === 'scrub') return 'green';
  return null;
}

export function buildGreen(areas: AreaFeature[]): GreenSpace[] {
  const out: GreenSpace[] = [];
  for (const a of areas) {
    const kind = greenKind(a.tags);
    if (!kind) continue;
    const name = a.tags.name ?? a.tags['name:zh'];
    out.push({ id: a.key, ...(name ? { name } : {}), kind, geometry: a.geometry });
  }
  return out;
}
