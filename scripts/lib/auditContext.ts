// The prepared audit of a command's input, the same in the main thread and in audit threads: in
// network mode the walking graph is built in the audit's own projection, so network metres are the
// audit's metres.
import type { Dataset, DistanceMode, RoadLine, RulePreset } from '../../src/engine/types';
import { datasetProjection, prepareAudit, type AuditContext } from '../../src/engine/audit';
import type { LocalProjection } from '../../src/engine/geo/localProjection';
import type { ReachProvider } from '../../src/engine/reach/reachProvider';
import { createEuclideanReach } from '../../src/engine/reach/euclideanReach';
import { createNetworkReach } from '../../src/engine/network/networkReach';

/** The reach provider of a mode: straight-line, or the walking graph of `roads` in `projection`. */
export function reachFor(mode: DistanceMode, roads: RoadLine[] | undefined, projection: LocalProjection): ReachProvider {
  return mode === 'network' ? createNetworkReach(roads ?? [], projection) : createEuclideanReach();
}

/**
 * `deferBases`: leave each community's residential basis until it is needed, and with
 * `projectResidential` false the residential layer's projection to another thread (prepareAudit);
 * `projection`: datasetProjection(data), when the caller has it already.
 */
export function auditContextOf(
  data: Dataset, preset: RulePreset, mode: DistanceMode,
  options: { deferBases?: boolean; projectResidential?: boolean; projection?: LocalProjection } = {},
): AuditContext {
  const projection = options.projection ?? datasetProjection(data);
  return prepareAudit(data, preset, { mode, reach: reachFor(mode, data.roads, projection), projection, deferBases: options.deferBases, projectResidential: options.projectResidential });
}
