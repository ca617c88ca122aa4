// The residential bases on real building footprints: OpenStreetMap buildings (../shared/data/real,
// read by ogr2ogr: lib/osmFootprints.ts) as the residential layer of square 200 m communities
// tiling their extent, both weightings (households: one per 50 m² of footprint, as an estimate
// would give; area-weighted: none). Real footprints touch one another far more than they overlap
// (overlapShare.ts), and half of them are not convex, unlike the synthetic city's. Times
// communityBases (warm, in process, medians of interleaved rounds), and prints the pieces.
// Run: `npx tsx bench/realFootprintBases.ts` (BASES_ROUNDS, default 15).
import { communityBases, type ResidentialFeatures } from '../src/engine/residentialBasis';
import { PolygonStoreBuilder } from '../src/engine/residentialPieces';
import { storeIndex } from '../src/engine/residentialLayer';
import { ringsArea } from '../src/engine/geo/metricRings';
import type { PreparedCommunity } from '../src/engine/reach/reachProvider';
import { osmBuildings, polygonsOf, realBuildingLayers, type XY } from './lib/osmFootprints';

const ROUNDS = Number(process.env.BASES_ROUNDS ?? 15);
const BLOCK = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Square communities of BLOCK m tiling the footprints' extent (edges shared, as real ones are). */
function tiles(polys: XY[][][]): PreparedCommunity[] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of polys) for (const [x, y] of p[0]) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  const out: PreparedCommunity[] = [];
  for (let x = x0; x < x1; x += BLOCK) {
    for (let y = y0; y < y1; y += BLOCK) {
      out.push({ index: out.length, id: `c${out.length}`, rings: [[[x, y], [x + BLOCK, y], [x + BLOCK, y + BLOCK], [x, y + BLOCK]]], area_m2: BLOCK * BLOCK, bbox: [x, y, x + BLOCK, y + BLOCK] });
    }
  }
  return out;
}

function features(polys: XY[][][], households: boolean): ResidentialFeatures {
  const b = new PolygonStoreBuilder();
  const hh: number[] = [];
  for (const p of polys) {
    // Outer ring counter-clockwise, holes clockwise, as the projected layer holds them.
    const rings = p.map((r, i) => ((ringsArea([r]) > 0) === (i === 0) ? r : [...r].reverse()));
    b.polygon(rings);
    hh.push(Math.max(1, Math.round(ringsArea(rings) / 50)));
  }
  const store = b.finish();
  return {
    store, households: households ? Float64Array.from(hh) : new Float64Array(hh.length).fill(NaN),
    estimated: new Uint8Array(hh.length), index: storeIndex(store), weighting: households ? 'households' : 'area',
  };
}

const layers = realBuildingLayers();
if (!layers) console.log('(no real layers: ../shared/data/real is absent)');
for (const { name, file } of layers ?? []) {
  const g = osmBuildings(file);
  if (!g) { console.log(`(${name}: ogr2ogr not available)`); continue; }
  const polys = polygonsOf(g, Infinity).filter((p) => Math.abs(ringsArea(p)) > 0);
  const communities = tiles(polys);
  const all = communities.map((_, i) => i);
  const cases = [['households-weighted', features(polys, true)], ['area-weighted', features(polys, false)]] as const;
  const ms: number[][] = cases.map(() => []);
  const pieces: number[] = [];
  for (const [k, [, f]] of cases.entries()) pieces[k] = communityBases(f, communities, all, []).reduce((s, b) => s + b.count, 0); // untimed, warms up
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 ? [1, 0] : [0, 1]) {
      const t = performance.now();
      communityBases(cases[k][1], communities, all, []);
      ms[k].push(performance.now() - t);
    }
  }
  console.log(`${name}: ${polys.length} footprints, ${communities.length} communities of ${BLOCK} m`);
  console.table(cases.map(([c], k) => ({ weighting: c, 'bases (ms, median)': median(ms[k]).toFixed(1), pieces: pieces[k], 'per-round ratio to households': k ? median(ms[k].map((v, r) => v / ms[0][r])).toFixed(2) : '1' })));
}
