// Synthetic cities for the audit benchmark: a grid of irregular communities (~400 m cells, 8-vertex
// jittered outlines) around 114°E 23°N, ~10 facilities and ~1 green space per community, and
// optionally ~N residential polygons per community (small rotated building footprints with
// households, some crossing the community's edge; from their own random stream, so the rest of the
// city is the same with or without them).
import proj4 from 'proj4';
import type { Community, Dataset, Facility, FacilityCategory, GreenSpace, Position, ResidentialLand } from '../../src/engine/types';
import { mulberry32 } from './random';

const CATS: FacilityCategory[] = [
  'community_service', 'elderly_care', 'kindergarten', 'health_station', 'activity_venue', 'supermarket',
  'primary_school', 'health_center', 'middle_school', 'culture_center', 'sports_venue',
];

export interface CityOptions {
  communities: number;
  facilitiesPerCommunity?: number;
  greenPerCommunity?: number;
  cell_m?: number;
  seed?: number;
  /** Residential polygons per community (about; 0 = no residential layer). */
  residentialPerCommunity?: number;
  /** Give every residential polygon households (default true). */
  residentialHouseholds?: boolean;
}

export function syntheticCity(opts: CityOptions): Dataset {
  const cell = opts.cell_m ?? 400;
  const fpc = opts.facilitiesPerCommunity ?? 10;
  const gpc = opts.greenPerCommunity ?? 1;
  const rnd = mulberry32(opts.seed ?? 42);
  const side = Math.ceil(Math.sqrt(opts.communities));
  const def = '+proj=tmerc +lat_0=23 +lon_0=114 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs';
  const conv = proj4(def, 'EPSG:4326');
  const ll = (x: number, y: number): Position => conv.forward([x, y]) as Position;
  const half = (side * cell) / 2;
  // Shared jittered grid corners keep neighbours gap-free; edge midpoints jitter along the edge normal only.
  const jit = () => (rnd() - 0.5) * cell * 0.2;
  const corners: [number, number][][] = [];
  for (let i = 0; i <= side; i++) {
    corners.push([]);
    for (let j = 0; j <= side; j++) corners[i].push([i * cell - half + (i > 0 && i < side ? jit() : 0), j * cell - half + (j > 0 && j < side ? jit() : 0)]);
  }
  const communities: Community[] = [];
  const facilities: Facility[] = [];
  const green: GreenSpace[] = [];
  const residential: ResidentialLand[] = [];
  const rpc = opts.residentialPerCommunity ?? 0;
  const rr = mulberry32((opts.seed ?? 42) + 7919);
  let n = 0;
  for (let i = 0; i < side && n < opts.communities; i++) {
    for (let j = 0; j < side && n < opts.communities; j++, n++) {
      const a = corners[i][j], b = corners[i + 1][j], c = corners[i + 1][j + 1], d = corners[i][j + 1];
      const ring = [a, b, c, d, a].map(([x, y]) => ll(x, y));
      const id = `C${String(n).padStart(5, '0')}`;
      communities.push({
        id, name: `Community ${n}`, households: 800 + Math.floor(rnd() * 4000), setting: rnd() < 0.1 ? 'rural' : 'urban', geometry: [[ring]],
      });
      const cx = (a[0] + b[0] + c[0] + d[0]) / 4, cy = (a[1] + b[1] + c[1] + d[1]) / 4;
      const inCell = (): [number, number] => [cx + (rnd() - 0.5) * cell * 0.7, cy + (rnd() - 0.5) * cell * 0.7];
      const k = Math.max(0, Math.round(fpc * (0.5 + rnd())));
      for (let f = 0; f < k; f++) {
        const [x, y] = inCell();
        const category = f === 0 ? 'community_service' : CATS[Math.floor(rnd() * CATS.length)];
        facilities.push({ id: `${id}-F${f}`, category, floorArea: rnd() < 0.1 ? null : Math.round(100 + rnd() * 900), position: ll(x, y) });
      }
      const g = gpc >= 1 ? (rnd() < gpc - Math.floor(gpc) ? Math.ceil(gpc) : Math.floor(gpc)) : rnd() < gpc ? 1 : 0;
      for (let q = 0; q < g; q++) {
        const [x, y] = inCell();
        const w = 30 + rnd() * 90, h = 30 + rnd() * 90;
        const gr = [[x, y], [x + w, y], [x + w, y + h], [x + w * 0.3, y + h * 1.2], [x, y]].map(([u, v]) => ll(u, v));
        green.push({ id: `${id}-G${q}`, kind: rnd() < 0.35 ? 'park' : 'green', geometry: [[gr]] });
      }
      const r = rpc > 0 ? Math.max(1, Math.round(rpc * (0.7 + 0.6 * rr()))) : 0;
      for (let q = 0; q < r; q++) {
        // A building footprint 15–60 m by 10–25 m, rotated, anywhere in the cell's 90 % (some cross its edge).
        const x = cx + (rr() - 0.5) * cell * 0.9, y = cy + (rr() - 0.5) * cell * 0.9;
        const w = 15 + rr() * 45, h = 10 + rr() * 15, t = rr() * Math.PI;
        const cs = Math.cos(t), sn = Math.sin(t);
        const pts = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2], [-w / 2, -h / 2]].map(([u, v]) => ll(x + u * cs - v * sn, y + u * sn + v * cs));
        residential.push({ id: `${id}-R${q}`, geometry: [[pts]], ...(opts.residentialHouseholds === false ? {} : { households: 10 + Math.floor(rr() * 150) }) });
      }
    }
  }
  return { communities, facilities, green, ...(rpc > 0 ? { residential } : {}) };
}
