// How often building footprints overlap one another: real OpenStreetMap layers (../shared/data/real,
// buildings converted by ogr2ogr, an independent reader) against the synthetic city's residential
// layer and its footprints-apart variant (lib/residentialApart.ts). Two footprints overlap when
// clipper's intersection of them (geo/clip.ts) has more than 0.01 m² of area. The share of
// footprints in an overlap is what the area-weighted residential basis adds intersections for
// (residentialBasis.ts landPieces); footprints that touch another (a shared wall: within 2 cm)
// without overlapping it add none, where a union had to merge them.
// Run: `npx tsx bench/overlapShare.ts` (the synthetic layers are written first when missing).
import Flatbush from 'flatbush';
import { CLIP_SCALE, intersection } from '../src/engine/geo/clip';
import { isConvexOnGrid } from '../src/engine/geo/gridConvexClip';
import { ringsArea } from '../src/engine/geo/metricRings';
import { pointSegmentDistance } from '../src/engine/geo/pointInPolygon';
import { cityFiles } from './lib/cityFiles';
import { residentialApart } from './lib/residentialApart';
import { osmBuildings, polygonsOf, realBuildingLayers, type XY } from './lib/osmFootprints';

/** Polygons a and b come within `d` metres of each other (a vertex of one within d of an edge of the other). */
function within(a: XY[][], b: XY[][], d: number): boolean {
  const near = (p: XY[][], q: XY[][]) => p.some((r) => r.some((v) => q.some((s) => s.some((x, i) => pointSegmentDistance(v, x, s[(i + 1) % s.length]) <= d))));
  return near(a, b) || near(b, a);
}

/** Overlapping pairs and the share of polygons in at least one; the share of polygons touching another (within 2 cm) without overlapping it. */
export function overlapShare(polys: XY[][][]): { pairs: number; share: number; touching: number } {
  const boxes = polys.map((p) => {
    const xs = p[0].map((q) => q[0]), ys = p[0].map((q) => q[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  const index = new Flatbush(Math.max(1, polys.length));
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  if (!polys.length) index.add(0, 0, 0, 0);
  index.finish();
  const inOverlap = new Uint8Array(polys.length), touches = new Uint8Array(polys.length);
  let pairs = 0;
  polys.forEach((p, i) => {
    for (const j of index.search(boxes[i][0] - 0.02, boxes[i][1] - 0.02, boxes[i][2] + 0.02, boxes[i][3] + 0.02)) {
      if (j <= i) continue;
      if (Math.abs(ringsArea(intersection(p, polys[j]))) > 0.01) { pairs++; inOverlap[i] = inOverlap[j] = 1; }
      else if (within(p, polys[j], 0.02)) touches[i] = touches[j] = 1;
    }
  });
  const share = (a: Uint8Array) => (polys.length ? a.reduce((s, x) => s + x, 0) / polys.length : 0);
  return { pairs, share: share(inOverlap), touching: share(touches) };
}

/** The share of polygons that are one ring, convex on the centimetre grid (counter-clockwise or not): what inclusion–exclusion takes. */
function convexShare(polys: XY[][][]): number {
  const convex = polys.filter((p) => {
    if (p.length !== 1) return false;
    const r = ringsArea(p) < 0 ? [...p[0]].reverse() : p[0];
    const g = Float64Array.from(r.flatMap(([x, y]) => [Math.round((x - r[0][0]) * CLIP_SCALE), Math.round((y - r[0][1]) * CLIP_SCALE)]));
    return isConvexOnGrid(g, r.length);
  });
  return polys.length ? convex.length / polys.length : 0;
}

const rows: { layer: string; footprints: number; 'overlapping pairs': number; 'footprints in an overlap': string; 'touching another (2 cm), no overlap': string; 'one convex ring': string }[] = [];
const add = (layer: string, polys: XY[][][]) => {
  const r = overlapShare(polys);
  rows.push({ layer, footprints: polys.length, 'overlapping pairs': r.pairs, 'footprints in an overlap': `${(100 * r.share).toFixed(2)} %`, 'touching another (2 cm), no overlap': `${(100 * r.touching).toFixed(2)} %`, 'one convex ring': `${(100 * convexShare(polys)).toFixed(2)} %` });
};
const real = realBuildingLayers();
if (real) {
  for (const { name, file } of real) {
    const g = osmBuildings(file);
    if (g) add(name, polygonsOf(g, Infinity)); else console.log(`(${name}: ogr2ogr not available)`);
  }
} else console.log('(no real layers: ../shared/data/real is absent)');
const res = cityFiles(10_000, 30);
const resFile = res[res.indexOf('--residential') + 1];
const LIMIT = 30_000; // the first 1,000 communities' footprints
add('synthetic 10k city, first 30k footprints', polygonsOf(resFile, LIMIT));
add('the same, footprints apart (lib/residentialApart.ts)', polygonsOf(residentialApart(resFile), LIMIT));
console.table(rows);
