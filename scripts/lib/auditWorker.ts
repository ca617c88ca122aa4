// One audit thread (auditThreads.ts): waits for its slice of the prepared audit (engine/auditSlice.ts),
// rebuilds a context from it alone (preparing its communities' residential bases when the slice
// carries the residential features instead), audits the slice's communities, fills in the city-wide park
// areas sent after the slice, and posts their results back (with their texts in the audit JSON
// when asked).
import { parentPort } from 'node:worker_threads';
import { announceSources, auditCommunities } from '../../src/engine/audit';
import { sliceContext, withParkAreas } from '../../src/engine/auditSlice';
import { createLocalProjection } from '../../src/engine/geo/localProjection';
import { auditCommunityTexts } from '../../src/io/export/jsonExport';
import { reachFor } from './auditContext';
import type { SliceParks, SliceResults, SliceWork } from './auditThreads';

parentPort!.once('message', ({ slice, texts }: SliceWork) => {
  // The park areas follow the slice (the main thread assigns the parks after sending it).
  const parks = new Promise<Float64Array>((resolve) => parentPort!.once('message', (m: SliceParks) => resolve(m.parkAreas)));
  const ctx = sliceContext(slice, reachFor(slice.mode, slice.roads, createLocalProjection(slice.center)));
  announceSources(ctx);
  const audited = auditCommunities(ctx, Array.from(slice.indices));
  // The communities whose bases this thread prepared and found without residential land: the
  // main thread puts their warnings in place.
  const land = ctx.deferredBasis?.land;
  const noLand = land ? { noResidentialLand: slice.indices.filter((i) => land[i] === 2) } : {};
  void parks.then((parkAreas) => {
    const results = withParkAreas(audited, Array.from(slice.indices, (_, k) => k), parkAreas);
    const out: SliceResults = texts ? { results, texts: auditCommunityTexts(results), ...noLand } : { results, ...noLand };
    parentPort!.postMessage(out);
  });
});
