// A walking audit's graph on the command line: built once, on the main thread, from the road layer
// read as flat lines (loadRoads.ts) in the audit's projection (buildRoadGraphFlat: vertex for
// vertex the graph createNetworkReach builds from the same lines as objects, auditContext.ts
// reachFor), and sent to each audit thread as its typed arrays, the edge index as its buffer. A
// thread rebuilds nothing: copying the graph (about 23 MB for a 260,000-edge lattice) costs a fifth
// of building it again, and the thread starts on its communities that much sooner.
import Flatbush from 'flatbush';
import type { RoadGraph, RoadLinesFlat } from '../../src/engine/network/graph';
import { buildRoadGraphFlat } from '../../src/engine/network/graph';
import type { LocalProjection } from '../../src/engine/geo/localProjection';

/** The graph of flat road lines in the audit's projection. */
export function walkingGraph(lines: RoadLinesFlat, projection: Pick<LocalProjection, 'forwardMany'>): RoadGraph {
  return buildRoadGraphFlat(lines, projection);
}

/** A RoadGraph as plain data for postMessage: the edge index as its buffer. */
export type PackedRoadGraph = Omit<RoadGraph, 'edgeIndex'> & { edgeIndex: ArrayBuffer };

export function packRoadGraph(g: RoadGraph): PackedRoadGraph {
  return { ...g, edgeIndex: g.edgeIndex.data as ArrayBuffer };
}

/** The graph again: the same arrays, the edge index over the same buffer (the same queries, the same order). */
export function unpackRoadGraph(p: PackedRoadGraph): RoadGraph {
  return { ...p, edgeIndex: Flatbush.from(p.edgeIndex) };
}
