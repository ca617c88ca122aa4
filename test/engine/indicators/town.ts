// A five-community town for the city-wide indicators, small enough to count by hand.
import type { Dataset } from '../../../src/engine/types';
import { community, facility, green, rect } from '../helpers';

const sq = (x0: number) => [[rect(x0, 0, x0 + 1000, 1000)]];

/**
 * A (东街, urban, 2000 hh, 6000 people): service 600 m², elderly care, health station 200 m², park
 *   P1 = its lower half (500,000 m²) → park coverage 1, green coverage (300 m) 0.8.
 * B (东街, urban, 1000 hh, population from 3 per household = 3000): service 200 m²; park P2 is a
 *   strip 50 m west of it (300,000 m², nearest community B: counted with B) → park coverage 0.5
 *   (x ≤ 500 m in), green coverage 0.3.
 * C (西街, rural, 500 hh, 1500 people): elderly care only.
 * D (西街, rural, resettlement, 500 hh → 1500 people): service 400 m²; fails other rules.
 * E (no street, urban, households unknown): service 100 m².
 * P3, a park 17 km from every community, is counted with none.
 */
export function town(): Dataset {
  return {
    communities: [
      community('A', sq(0), { households: 2000, population: 6000, street: '东街' }),
      community('B', sq(3000), { households: 1000, street: '东街' }),
      community('C', sq(6000), { households: 500, population: 1500, setting: 'rural', street: '西街' }),
      community('D', sq(9000), { households: 500, setting: 'rural', street: '西街', resettlement: true }),
      community('E', sq(12000), { households: null }),
    ],
    facilities: [
      facility('S-A', 'community_service', 500, 500, { floorArea: 600 }),
      facility('E-A', 'elderly_care', 400, 400, { floorArea: 300 }),
      facility('H-A', 'health_station', 600, 600, { floorArea: 200 }),
      facility('S-B', 'community_service', 3500, 500, { floorArea: 200 }),
      facility('E-C', 'elderly_care', 6500, 500, { floorArea: 250 }),
      facility('S-D', 'community_service', 9500, 500, { floorArea: 400 }),
      facility('S-E', 'community_service', 12500, 500, { floorArea: 100 }),
    ],
    green: [
      green('P1', [[rect(0, 0, 1000, 500)]], 'park'),
      green('P2', [[rect(2900, -1000, 3000, 2000)]], 'park'),
      green('P3', [[rect(30000, 0, 30100, 100)]], 'park'),
    ],
  };
}

