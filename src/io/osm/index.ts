// OpenStreetMap import: .osm (XML) and .osm.pbf bytes → engine layers (communities with estimated
// households, facilities with estimated floor areas, green space, walking network, residential land
// with estimated households) and notes.
// Pure TypeScript over bytes: runs in the browser worker and in Node.
import type { Community, Facility, GreenSpace, ResidentialLand, RoadLine } from '../../engine/types';
import { buildOsmLayers, type OsmLayerOptions, type OsmStats } from './layers';
import type { OsmModel } from './model';
import { parseOsmPbf } from './pbfParser';
import { abortError } from './progress';
import { parseOsmXml } from './xmlParser';

export type { OsmLayerOptions, OsmStats } from './layers';
export type { OsmModel } from './model';
export { buildOsmLayers, DEFAULT_FLOOR_AREA_PER_DWELLING_M2, DEFAULT_ADMIN_LEVEL } from './layers';
export { DEFAULT_LEVELS } from './buildings';
export { DEFAULT_FACILITY_FLOOR_AREA } from './facilities';
export { WALKABLE_HIGHWAYS } from './roads';
export { parseOsmXml } from './xmlParser';
export { parseOsmPbf } from './pbfParser';

export interface OsmOptions extends OsmLayerOptions {
  /** Parse progress in bytes of the input (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Cancellation, checked between chunks: rejects with an AbortError. */
  signal?: { readonly aborted: boolean };
  /** Force the format instead of guessing it from the file name and content. */
  format?: 'xml' | 'pbf';
}

export interface OsmLayers {
  communities: Community[];
  facilities: Facility[];
  green: GreenSpace[];
  roads: RoadLine[];
  /** Residential land and housing buildings outside it, with estimated households (residential.ts). */
  residential: ResidentialLand[];
  /** Human-readable notes on what was estimated and how (Chinese / English). */
  notes: string[];
  /** Element and feature counts. */
  stats: OsmStats;
}

/** XML or PBF: by name (.pbf) or content (XML starts with '<' after optional BOM/space). */
export function osmFormat(bytes: Uint8Array, fileName: string): 'xml' | 'pbf' {
  if (/\.pbf$/i.test(fileName)) return 'pbf';
  if (/\.(osm|xml)$/i.test(fileName)) return 'xml';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c ? 'xml' : 'pbf';
}

export async function parseOsm(bytes: Uint8Array, fileName: string, options: OsmOptions = {}): Promise<OsmModel> {
  const format = options.format ?? osmFormat(bytes, fileName);
  const ctl = { onProgress: options.onProgress, signal: options.signal };
  return format === 'pbf' ? parseOsmPbf(bytes, fileName, ctl) : parseOsmXml(bytes, fileName, ctl);
}

export async function readOsm(bytes: Uint8Array, fileName: string, options: OsmOptions = {}): Promise<OsmLayers> {
  const model = await parseOsm(bytes, fileName, options);
  if (options.signal?.aborted) throw abortError(fileName);
  return buildOsmLayers(model, fileName, options);
}
