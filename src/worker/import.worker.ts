// The layer import in a Web Worker (comlink RPC): inspection, validation and OpenStreetMap reading
// run here so the page never freezes on large files. Files arrive as File/Blob (cheap to clone)
// and are read here. Cancelling is done by the client terminating this worker.
import * as Comlink from 'comlink';
import { inspectLayer, readLayer, type LayerInspection, type ReadLayerOptions } from '../io/import/index';
import type { InputFile, LayerImport, LayerKind } from '../io/import/types';
import { readOsm, type OsmLayers } from '../io/osm/index';

export type Progress = (done: number, total: number) => void;

async function toInputFiles(files: (File | InputFile)[]): Promise<InputFile[]> {
  return Promise.all(files.map(async (f): Promise<InputFile> => {
    if (f instanceof Blob) return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    return f;
  }));
}

export type InspectOptions = Parameters<typeof inspectLayer>[2];
export type ReadOptions = Omit<ReadLayerOptions, 'signal' | 'onProgress'>;

const api = {
  async inspect(files: (File | InputFile)[], kind: LayerKind, options: InspectOptions = {}): Promise<LayerInspection> {
    return inspectLayer(await toInputFiles(files), kind, options);
  },

  async read(files: (File | InputFile)[], kind: LayerKind, options: ReadOptions = {}, onProgress?: Progress): Promise<LayerImport> {
    return readLayer(await toInputFiles(files), kind, { ...options, onProgress });
  },

  /** All four layers of an OSM file at once (one parse), with the notes on what was estimated. */
  async readOsm(file: File | InputFile, onProgress?: Progress): Promise<OsmLayers> {
    const [f] = await toInputFiles([file]);
    return readOsm(f.bytes, f.name, { onProgress });
  },
};

export type ImportApi = typeof api;

Comlink.expose(api);
