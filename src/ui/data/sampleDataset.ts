// A tiny hand-made dataset (6 communities on a 3 × 2 grid of 600 m × 500 m blocks) so the app
// opens even before the demo district has been generated. Metres → degrees with a local
// equirectangular approximation (fine for a 2 km sample; the engine re-projects properly).
import type { Community, Facility, FacilityCategory, GreenSpace, Position, RoadLine } from '../../engine/types';
import type { ProjectLayers } from '../../planning/project';

const LON0 = 118.78;
const LAT0 = 32.04;
const ll = (x: number, y: number): Position => [LON0 + x / (111320 * Math.cos((LAT0 * Math.PI) / 180)), LAT0 + y / 110540];
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [ll(x0, y0), ll(x1, y0), ll(x1, y1), ll(x0, y1), ll(x0, y0)];

const NAMES = ['东关社区', '西门社区', '南苑社区', '北湖社区', '锦绣苑社区', '翠竹社区'];
const HOUSEHOLDS = [2400, 3100, 1800, 2600, 3500, 1200];

export function sampleLayers(): ProjectLayers {
  const communities: Community[] = [];
  for (let k = 0; k < 6; k++) {
    const col = k % 3;
    const row = Math.floor(k / 3);
    communities.push({
      id: `SQ00${k + 1}`,
      name: NAMES[k],
      households: HOUSEHOLDS[k],
      setting: k === 5 ? 'rural' : 'urban',
      street: row === 0 ? '东城街道' : '西城街道',
      geometry: [[rect(col * 600, row * 500, col * 600 + 600, row * 500 + 500)]],
    });
  }
  const fac = (id: string, category: FacilityCategory, x: number, y: number, floorArea: number, name: string): Facility => ({ id, category, position: ll(x, y), floorArea, name });
  const facilities: Facility[] = [
    fac('F01', 'community_service', 300, 250, 800, '东关社区服务站'),
    fac('F02', 'community_service', 900, 250, 400, '西门社区服务站'),
    fac('F03', 'community_service', 1500, 250, 600, '南苑社区服务站'),
    fac('F04', 'community_service', 300, 750, 900, '北湖党群服务中心'),
    fac('F05', 'community_service', 900, 750, 180, '锦绣苑服务点'),
    fac('F06', 'kindergarten', 600, 500, 2000, '实验幼儿园'),
    fac('F07', 'elderly_care', 500, 300, 400, '日间照料中心'),
    fac('F08', 'health_station', 800, 600, 200, '卫生服务站'),
    fac('F09', 'supermarket', 1200, 400, 1200, '综合超市'),
    fac('F10', 'activity_venue', 700, 450, 600, '文化活动站'),
    fac('F11', 'health_center', 900, 500, 1800, '社区卫生服务中心'),
    fac('F12', 'primary_school', 1000, 800, 9000, '第一小学'),
    fac('F13', 'middle_school', 400, 100, 16000, '第二中学'),
    fac('F14', 'culture_center', 1300, 700, 4000, '文化中心'),
    fac('F15', 'sports_venue', 200, 900, 3000, '体育馆'),
  ];
  const green: GreenSpace[] = [
    { id: 'G1', name: '中心公园', kind: 'park', geometry: [[rect(520, 420, 700, 580)]] },
    { id: 'G2', name: '街头绿地', kind: 'green', geometry: [[rect(1100, 100, 1200, 200)]] },
  ];
  const roads: RoadLine[] = [];
  for (let x = 0; x <= 1800; x += 600) roads.push({ id: `RX${x}`, kind: x === 600 ? 'main' : 'street', coordinates: [ll(x, 0), ll(x, 500), ll(x, 1000)] });
  for (let y = 0; y <= 1000; y += 500) roads.push({ id: `RY${y}`, kind: y === 500 ? 'main' : 'street', coordinates: [ll(0, y), ll(600, y), ll(1200, y), ll(1800, y)] });
  return { communities, facilities, green, roads, water: [] };
}
