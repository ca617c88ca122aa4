// One audit thread (auditThreads.ts): may first read and project the residential layer for the
// main thread (ReadWork), then waits for its slice of the prepared audit (engine/auditSlice.ts),
// rebuilds a context from it alone (preparing its communities' residential bases when the slice
// carries the residential features instead; in walking mode taking the walking graph the main
// thread built when it comes with the slice), audits the slice's communities, fills in the city-wide park
// areas sent after the slice, and posts their results back (with their texts in the audit JSON
// when asked).
import { parentPort } from 'node:worker_threads';
import type { DataWarning } from '../../src/engine/types';
import { residentialFeatures } from '../../src/engine/residentialBasis';
import { announceSources, auditCommunities } from '../../src/engine/audit';
import { sliceContext, withParkAreas } from '../../src/engine/auditSlice';
import { createLocalProjection } from '../../src/engine/geo/localProjection';
import { transferableBuffers } from '../../src/engine/bulkArrays';
import { auditCommunityTexts } from '../../src/io/export/jsonExport';
import { reachFor } from './auditContext';
import { unpackRoadGraph } from './walkingGraph';
import { createNetworkReachFromGraph } from '../../src/engine/network/networkReach';
import type { ProjectedLayer, ReadAnswer, ReadWork, SliceParks, SliceResults, SliceWork } from './auditThreads';
import { InputError } from './inputError';
import { loadResidentialFlat } from './loadLayer';

/**
 * The residential layer read flat and projected here (ReadWork): the layer as read (ReadLayer, its
 * ids and households copied), then its projection (ProjectedLayer, buffers transferred); or that the flat
 * reader declined the file, or the error reading it gave.
 */
async function readAndProject({ path, options, center }: ReadWork['read']): Promise<void> {
  let read;
  try {
    read = await loadResidentialFlat(path, options);
  } catch (e) {
    const error = e instanceof InputError ? { message: e.message, input: true } : { message: (e as Error).message, stack: (e as Error).stack, input: false };
    parentPort!.postMessage({ error } satisfies ReadAnswer);
    return;
  }
  if (!read) {
    parentPort!.postMessage({ declined: true } satisfies ReadAnswer);
    return;
  }
  // Without the geometry, which only this thread reads: its lon/lat and offsets (about 30 MB for
  // 300k footprints) are not serialised for a main thread that never reads them.
  const attributes = { ...read.flat, geomOffsets: new Uint32Array(0), polygonOffsets: new Uint32Array(0), ringOffsets: new Uint32Array(0), xy: new Float64Array(0), geometryElsewhere: true as const };
  parentPort!.postMessage({ layer: read.layer, flat: attributes } satisfies ReadAnswer);
  const warnings: DataWarning[] = [];
  const f = residentialFeatures(read.flat, createLocalProjection(center), warnings);
  if (!f) throw new Error('audit thread: an empty residential layer to project');
  const projected: ProjectedLayer['projected'] = { store: f.store, households: f.households, estimated: f.estimated, weighting: f.weighting, index: f.index ? f.index.data : null };
  const buffers = transferableBuffers([...Object.values(f.store), f.households, f.estimated, projected.index]);
  parentPort!.postMessage({ projected, warnings } satisfies ProjectedLayer, buffers);
}

function onWork(m: SliceWork | ReadWork): void {
  if ('read' in m) {
    // The slice comes next, sent only once the answers are in.
    void readAndProject(m.read).finally(() => parentPort!.once('message', onWork));
    return;
  }
  audit(m);
}
parentPort!.once('message', onWork);

function audit({ slice, texts, roadGraph }: SliceWork): void {
  // The park areas follow the slice (the main thread assigns the parks after sending it).
  const parks = new Promise<Float64Array>((resolve) => parentPort!.once('message', (m: SliceParks) => resolve(m.parkAreas)));
  const projection = createLocalProjection(slice.center);
  const reach = slice.mode === 'network' && roadGraph ? createNetworkReachFromGraph(unpackRoadGraph(roadGraph)) : reachFor(slice.mode, slice.roads, projection);
  const ctx = sliceContext(slice, reach);
  announceSources(ctx);
  const audited = auditCommunities(ctx, Array.from(slice.indices));
  // The communities whose bases this thread prepared and found without residential land: the
  // main thread puts their warnings in place.
  const land = ctx.deferredBasis?.land;
  const noLand = land ? { noResidentialLand: slice.indices.filter((i) => land[i] === 2) } : {};
  void parks.then((parkAreas) => {
    const results = withParkAreas(audited, Array.from(slice.indices, (_, k) => k), parkAreas);
    const out: SliceResults = texts ? { results, texts: auditCommunityTexts(results), ...noLand } : { results, ...noLand };
    // The texts' buffer is handed over, not copied.
    parentPort!.postMessage(out, out.texts ? [out.texts.bytes.buffer as ArrayBuffer] : []);
  });
}
