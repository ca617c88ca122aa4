// The prepared audit of a command's input, the same in the main thread and in audit threads: in
// network mode the walking graph is built in the audit's own projection, so network metres are the
// audit's metres.
import type { Dataset, DistanceMode, RulePreset } from '../../src/engine/types';
import { datasetProjection, prepareAudit, type AuditContext } from '../../src/engine/audit';
import { createNetworkReach } from '../../src/engine/network/networkReach';

export function auditContextOf(data: Dataset, preset: RulePreset, mode: DistanceMode): AuditContext {
  const projection = datasetProjection(data);
  const reach = mode === 'network' ? createNetworkReach(data.roads ?? [], projection) : undefined;
  return prepareAudit(data, preset, { mode, reach, projection });
}
