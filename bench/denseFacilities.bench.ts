// Dense facilities: the same communities with 1×, 2× and 4× as many facilities (uniformly spread).
// Straight-line coverage measures the union of the discs that reach a community exactly, comparing
// every circle with every other: quadratic in their number, until the discs lying inside the others
// are dropped first (geo/coveredDiscs.ts). The ratio of times between consecutive rows is the
// claim: about 2 when linear, about 4 when quadratic.
import { prepareAudit, runAudit } from '../src/engine/audit';
import { defaultPreset } from '../src/engine/presets';
import type { Facility, FacilityCategory } from '../src/engine/types';
import { syntheticCity } from './lib/syntheticCity';

const BASE = Number(process.env.DENSE_BENCH_FACILITIES ?? 10_000);
const CATEGORIES: FacilityCategory[] = ['community_service', 'kindergarten', 'health_station', 'elderly_care', 'primary_school', 'supermarket'];

export async function run(): Promise<void> {
  // Communities of about 1.2 km across, like the demo's: larger than the 5- and 10-minute tiers.
  const city = syntheticCity({ communities: 100, cell_m: 1200 });
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const c of city.communities) for (const poly of c.geometry) for (const p of poly[0]) {
    minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
  }
  let prev = 0;
  const rows: Record<string, string | number>[] = [];
  for (const k of [1, 2, 4]) {
    const n = BASE * k;
    let s = 1;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const facilities: Facility[] = Array.from({ length: n }, (_, i) => ({
      id: `F${i}`, category: CATEGORIES[i % CATEGORIES.length], floorArea: 300, position: [minX + rnd() * (maxX - minX), minY + rnd() * (maxY - minY)],
    }));
    const t0 = performance.now();
    runAudit(prepareAudit({ ...city, facilities }, defaultPreset()));
    const ms = performance.now() - t0;
    rows.push({ facilities: n, seconds: (ms / 1000).toFixed(2), ratio: prev ? (ms / prev).toFixed(2) : '' });
    prev = ms;
  }
  console.table(rows);
}
