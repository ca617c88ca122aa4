// The walking reach of road lines held flat (RoadLinesFlat, as loadRoads.ts reads them): the graph
// built by buildRoadGraphFlat in the audit's projection. The same graph, vertex for vertex, as
// createNetworkReach builds from the same lines as objects (auditContext.ts reachFor), so the same
// audit; the same on the main thread and in audit threads.
import type { RoadLinesFlat } from '../../src/engine/network/graph';
import { buildRoadGraphFlat } from '../../src/engine/network/graph';
import { createNetworkReachFromGraph, type NetworkReach } from '../../src/engine/network/networkReach';
import type { LocalProjection } from '../../src/engine/geo/localProjection';

export function roadLinesReach(lines: RoadLinesFlat, projection: Pick<LocalProjection, 'forwardMany'>): NetworkReach {
  return createNetworkReachFromGraph(buildRoadGraphFlat(lines, projection));
}
