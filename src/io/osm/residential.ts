// The residential layer from OSM (audit-cli.md "Coverage basis"): residential land
// (`landuse=residential`) and the housing buildings that stand outside it (building=apartments,
// residential, dormitory, house, …, with `building:levels` where tagged; buildings.ts). Households
// are ESTIMATES, as for communities (communities.ts): Σ(footprint m² × levels) ÷ floor area per
// dwelling, a building counted in the smallest compound holding its centroid. A compound with no
// mapped housing has no households (the audit then weighs residential land by area).
import type { ResidentialLand } from '../../engine/types';
import type { AreaFeature } from './areas';
import type { Building } from './buildings';
import { AreaIndex } from './spatialIndex';

export interface ResidentialBuild {
  residential: ResidentialLand[];
  /** Compounds with / without mapped housing, and housing buildings standing outside any compound. */
  compoundsWithHousing: number;
  compoundsWithoutHousing: number;
  buildingsAlone: number;
}

const nameOf = (a: AreaFeature) => a.tags.name ?? a.tags['name:zh'] ?? a.tags['name:zh-Hans'] ?? a.tags['name:en'];
const householdsOf = (floor_m2: number, perDwelling: number) => Math.max(1, Math.round(floor_m2 / perDwelling));

export function buildResidential(compounds: AreaFeature[], housing: Building[], floorAreaPerDwelling_m2: number): ResidentialBuild {
  const index = new AreaIndex(compounds.map((area, i) => ({ area, i })));
  const floor = new Array<number>(compounds.length).fill(0);
  const counts = new Array<number>(compounds.length).fill(0);
  const alone: Building[] = [];
  for (const b of housing) {
    const c = index.smallestContaining(b.area.centroid);
    if (!c) { alone.push(b); continue; }
    floor[c.i] += b.floorArea_m2;
    counts[c.i]++;
  }
  const residential: ResidentialLand[] = compounds.map((a, i) => {
    const name = nameOf(a);
    return {
      id: a.key,
      ...(name ? { name } : {}),
      households: counts[i] ? householdsOf(floor[i], floorAreaPerDwelling_m2) : null,
      ...(counts[i] ? { householdsEstimated: true } : {}),
      geometry: a.geometry,
    };
  });
  for (const b of alone) {
    const name = nameOf(b.area);
    residential.push({ id: b.area.key, ...(name ? { name } : {}), households: householdsOf(b.floorArea_m2, floorAreaPerDwelling_m2), householdsEstimated: true, geometry: b.area.geometry });
  }
  const withHousing = counts.filter((n) => n > 0).length;
  return { residential, compoundsWithHousing: withHousing, compoundsWithoutHousing: compounds.length - withHousing, buildingsAlone: alone.length };
}
