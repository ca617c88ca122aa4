// Whether walking mode has roads under the data (pure, for the workspace's notice): no road layer
// at all, or a road layer that leaves communities without a walkable road within the connector
// distance (the audit's community_off_network warnings, engine/network/networkCoverage.ts).
// Walking mode never borrows another dataset's roads, so the user has to be told and offered an import.
import type { AuditResult, DistanceMode } from '../../engine/types';

export type RoadCoverage =
  | { kind: 'ok' }
  | { kind: 'noRoads' }
  | {
    kind: 'uncovered';
    off: number;
    total: number;
    /** The communities without a road (id and name, in data order). */
    communities: { id: string; name: string }[];
    /** Ids of facilities that cannot join the network. */
    facilities: string[];
  };

export function roadCoverage(mode: DistanceMode, hasRoads: boolean, result: AuditResult | null): RoadCoverage {
  if (mode !== 'network') return { kind: 'ok' };
  if (!hasRoads) return { kind: 'noRoads' };
  if (!result || result.parameters.mode !== 'network') return { kind: 'ok' };
  const ids = new Set(result.warnings.filter((w) => w.code === 'community_off_network').map((w) => w.feature));
  if (ids.size === 0) return { kind: 'ok' };
  const communities = result.communities.filter((c) => ids.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  const facilities = result.warnings.filter((w) => w.code === 'facility_off_network').map((w) => w.feature);
  return { kind: 'uncovered', off: ids.size, total: result.communities.length, communities, facilities };
}
