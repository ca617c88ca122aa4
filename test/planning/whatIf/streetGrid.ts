// A small synthetic district laid out in metres and converted to lon/lat around (120°E, 30°N), so
// that walking distances can be worked out by hand:
// - a main road along y = 0 from x = −1500 to 1500 with a vertex every 100 m;
// - side streets going north from the main road at x = ±100, ±300, …, ±900, each 300 m long
//   (they share the main road's vertex at y = 0, so they connect);
// - ten 200 m × 200 m communities side by side, x ∈ [−1000 + 200 i, −800 + 200 i], y ∈ [50, 250];
// - one kindergarten K at (0, 10): 10 m south-north connector to the main road, inside no community.
import { createLocalProjection } from '../../../src/engine/geo/localProjection';
import type { Community, Dataset, Facility, Position, RoadLine } from '../../../src/engine/types';
import type { XY } from '../../../src/engine/reach/reachProvider';

export const gridProjection = createLocalProjection([120, 30]);
export const ll = (x: number, y: number): Position => gridProjection.inverse([x, y] as XY);

export function streetGrid(): Dataset {
  const main: Position[] = [];
  for (let x = -1500; x <= 1500; x += 100) main.push(ll(x, 0));
  const roads: RoadLine[] = [{ id: 'main', kind: 'main', coordinates: main }];
  for (let x = -900; x <= 900; x += 200) roads.push({ id: `side${x}`, kind: 'street', coordinates: [ll(x, 0), ll(x, 300)] });
  const communities: Community[] = [];
  for (let i = 0; i < 10; i++) {
    const x0 = -1000 + 200 * i;
    const ring = [ll(x0, 50), ll(x0 + 200, 50), ll(x0 + 200, 250), ll(x0, 250), ll(x0, 50)];
    communities.push({ id: `C${i}`, name: `社区${i}`, households: 1000, setting: 'urban', geometry: [[ring]] });
  }
  const facilities: Facility[] = [
    { id: 'K', name: '幼儿园K', category: 'kindergarten', floorArea: 1500, position: ll(0, 10) },
    // A community service station inside C5 ([0, 200] × [50, 250]).
    { id: 'S', name: '服务站S', category: 'community_service', floorArea: 400, position: ll(100, 150) },
  ];
  return { communities, facilities, green: [], roads };
}
