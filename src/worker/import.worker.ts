// The layer import in a Web Worker (comlink RPC): inspection, validation and OpenStreetMap reading
// run here so the page never freezes on large files. Files arrive as File/Blob (cheap to clone)
// and are read here. After validation only a summary goes back; the valid features stay here
// until take() (on confirm), as one JSON string (a flat copy, parsed once on the main thread,
// instead of a structured clone of every feature object). Cancelling = the client terminating this worker.
import * as Comlink from 'comlink';
import { inspectLayer, readLayer, type LayerInspection, type ReadLayerOptions } from '../io/import/index';
import type { InputFile, LayerKind } from '../io/import/types';
import { readOsm } from '../io/osm/index';
import { summarizeImport, type ImportSummary, type OsmSummary } from '../io/import/importSummary';
import { layerExtent } from '../io/import/layerExtent';

export type Progress = (done: number, total: number) => void;

async function toInputFiles(files: (File | InputFile)[]): Promise<InputFile[]> {
  return Promise.all(files.map(async (f): Promise<InputFile> => {
    if (f instanceof Blob) return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    return f;
  }));
}

export type InspectOptions = Parameters<typeof inspectLayer>[2];
export type ReadOptions = Omit<ReadLayerOptions, 'signal' | 'onProgress'>;

/** The last validated layers, until taken. */
let held: { token: number; layers: Partial<Record<LayerKind, unknown[]>> } | null = null;
let lastToken = 0;

const api = {
  async inspect(files: (File | InputFile)[], kind: LayerKind, options: InspectOptions = {}): Promise<LayerInspection> {
    return inspectLayer(await toInputFiles(files), kind, options);
  },

  async read(files: (File | InputFile)[], kind: LayerKind, options: ReadOptions = {}, onProgress?: Progress): Promise<ImportSummary & { token: number }> {
    held = null;
    const r = await readLayer(await toInputFiles(files), kind, { ...options, onProgress });
    const token = ++lastToken;
    held = { token, layers: { [kind]: r.features } };
    return { ...summarizeImport(r), token };
  },

  /** All four layers of an OSM file at once (one parse), with the notes on what was estimated. */
  async readOsm(file: File | InputFile, onProgress?: Progress, options: { lang?: 'zh' | 'en' } = {}): Promise<OsmSummary & { token: number }> {
    held = null;
    const [f] = await toInputFiles([file]);
    const r = await readOsm(f.bytes, f.name, { onProgress, lang: options.lang });
    const token = ++lastToken;
    held = { token, layers: { communities: r.communities, facilities: r.facilities, green: r.green, roads: r.roads, residential: r.residential } };
    const extents = { communities: layerExtent('communities', r.communities), facilities: layerExtent('facilities', r.facilities), green: layerExtent('green', r.green), roads: layerExtent('roads', r.roads), residential: layerExtent('residential', r.residential), candidates: null };
    return { token, notes: r.notes, counts: { communities: r.communities.length, facilities: r.facilities.length, green: r.green.length, roads: r.roads.length, residential: r.residential.length, candidates: 0 }, extents };
  },

  /** The held layers of a validation (JSON of { kind: features }); throws when superseded. */
  take(token: number, kinds: LayerKind[]): string {
    if (!held || held.token !== token) throw new Error('the validated layers are no longer held; validate again');
    const out: Partial<Record<LayerKind, unknown[]>> = {};
    for (const k of kinds) if (held.layers[k]) out[k] = held.layers[k];
    held = null;
    return JSON.stringify(out);
  },
};

export type ImportApi = typeof api;

Comlink.expose(api);
