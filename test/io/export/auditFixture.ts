// Hand-made audit results for the export tests: one community result with plain figures, changed
// per case, and the parameters of national-2022 at two tiers.
import type { AuditParameters, CommunityResult } from '../../../src/engine/types';

export function communityResult(over: Partial<CommunityResult>): CommunityResult {
  return {
    id: 'C1', name: '锦苑社区', setting: 'urban', households: 2500, population: 7500, populationEstimated: true, area_m2: 1000000,
    serviceArea_m2: 800, areaPer100Households_m2: 32, largestStation_m2: 800, greenCoverage: 0.5, parkCoverage: 0.25,
    lifeCircles: { '5': { kindergarten: 1 }, '10': { supermarket: 0.5 } }, sixOnes: { elderly: true }, extra: {},
    facilityIds: [], estimates: [], status: 'pass', failures: [], ...over,
  };
}

export const PARAMETERS: AuditParameters = {
  mode: 'euclidean', tiers: { '5': 300, '10': 500 }, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3, detourFactor: 1, lifeCircleThreshold: 0.9,
};
