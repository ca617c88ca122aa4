// The road layer for a command that builds a walking graph from it (service-areas): read flat into
// RoadLinesFlat when the file allows (readRoadsFlat: one GeoJSON file of lines, nothing to report
// but a CRS warning), otherwise as loadLayer reads it (same problems, same errors), then made flat.
import type { LayerImport } from '../../src/io/import/types';
import { roadLinesFlat, type RoadLinesFlat } from '../../src/engine/network/graph';
import { readRoadsFlat } from '../../src/io/import/readRoadsFlat';
import { InputError } from './inputError';
import { loadLayer, type LoadLayerOptions } from './loadLayer';
import { readInputFiles } from './readInputFiles';

/** Set to `general` to read every road layer with readLayer (the flat reader's reference). */
export const ROADS_READER_ENV = 'LIFECIRCLE_ROADS_READER';

export async function loadRoadLines(path: string, options: LoadLayerOptions = {}): Promise<{ layer: LayerImport<'roads'>; lines: RoadLinesFlat }> {
  if (process.env[ROADS_READER_ENV] !== 'general') {
    const files = await readInputFiles(path);
    let read;
    try {
      read = readRoadsFlat(files, options);
    } catch (e) {
      throw new InputError(`${path}: ${(e as Error).message}`, { cause: e });
    }
    // Accepted as loadLayer accepts a layer: the flat read has no error-severity problem.
    if (read) return { layer: read.import, lines: read.lines };
  }
  const layer = await loadLayer(path, 'roads', options);
  return { layer, lines: roadLinesFlat(layer.features) };
}
