// STUB (owned by the OSM import work): reads .osm / .osm.pbf into engine layers.
import type { Community, Facility, GreenSpace, RoadLine } from '../../engine/types';

export interface OsmOptions {
  /** Floor area per dwelling (m²) used to estimate households from residential buildings. */
  floorAreaPerDwelling_m2?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface OsmLayers {
  communities: Community[];
  facilities: Facility[];
  green: GreenSpace[];
  roads: RoadLine[];
  /** Human-readable notes on what was estimated and how. */
  notes: string[];
}

export async function readOsm(_bytes: Uint8Array, fileName: string, _options: OsmOptions = {}): Promise<OsmLayers> {
  throw new Error(`${fileName}: OSM import is not implemented yet`);
}
