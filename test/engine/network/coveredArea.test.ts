// The share-only area integral (coveredArea.ts): hand areas, random sets against clipper (second
// method: polygon booleans), and the walking audit's shares on the demo district and on real
// Haidian data against a point sample of the walking distance W(p) (docs/network-areas.md §4),
// computed here from the edges' distance profiles without any polygon.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ClipperLib from 'clipper-lib';
import { PolygonStore } from '../../../src/engine/network/capsules';
import { convexifyStore, CoveredArea, RingSet } from '../../../src/engine/network/coveredArea';
import { createNetworkReach, type NetworkReach } from '../../../src/engine/network/networkReach';
import { networkDistances, edgeProfile, type NetworkDistances } from '../../../src/engine/network/distances';
import { joinPoint } from '../../../src/engine/network/join';
import { pointOrigins } from '../../../src/engine/network/origins';
import type { LinearPiece } from '../../../src/engine/network/serviceArea';
import { prepareAudit, datasetProjection } from '../../../src/engine/audit';
import { defaultPreset } from '../../../src/engine/presets';
import type { Dataset } from '../../../src/engine/types';
import type { PreparedCommunity, ReachSource, XY } from '../../../src/engine/reach/reachProvider';
import { generateDemo } from '../../../scripts/demo/generate';
import { readOsm } from '../../../src/io/osm/index';
import { insideRings, mulberry32 } from './helpers';

type Poly = [number, number][];
const storeOf = (polys: Poly[]) => {
  const s = new PolygonStore();
  for (const p of polys) {
    for (const [x, y] of p) s.vertex(x, y);
    s.end();
  }
  convexifyStore(s);
  return s;
};
const ringsOf = (rings: Poly[]) => {
  const r = new RingSet();
  for (const ring of rings) {
    for (const [x, y] of ring) r.vertex(x, y);
    r.end();
  }
  return r;
};
const all = (n: number) => Array.from({ length: n }, (_, i) => i);
const areaOf = (A: Poly[], B: Poly[], E: Poly[], P: Poly[]) => {
  const a = storeOf(A), b = storeOf(B);
  return new CoveredArea().area(a, all(a.n), a.n, b, all(b.n), b.n, ringsOf(E), ringsOf(P));
};
const square = (x: number, y: number, s: number): Poly => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

/** ((∪A − ∪B) ∪ E) ∩ P by clipper (non-zero fills), cm². */
function clipperArea(A: Poly[], B: Poly[], E: Poly[], P: Poly[]): number {
  const paths = (ps: Poly[]) => ps.map((p) => p.map(([X, Y]) => ({ X, Y })));
  const run = (type: ClipperLib.ClipType, s: ClipperLib.Paths, c: ClipperLib.Paths) => {
    const cl = new ClipperLib.Clipper();
    cl.AddPaths(s, ClipperLib.PolyType.ptSubject, true);
    cl.AddPaths(c, ClipperLib.PolyType.ptClip, true);
    const out: ClipperLib.Paths = [];
    cl.Execute(type, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
    return out;
  };
  let u = run(ClipperLib.ClipType.ctUnion, paths(A), []);
  if (B.length) u = run(ClipperLib.ClipType.ctDifference, u, paths(B));
  if (E.length) u = run(ClipperLib.ClipType.ctUnion, u, paths(E));
  u = run(ClipperLib.ClipType.ctIntersection, u, paths(P));
  return u.reduce((s, p) => s + ClipperLib.Clipper.Area(p), 0);
}

describe('CoveredArea: area of ((∪A − ∪B) ∪ E) ∩ P by Green\'s theorem', () => {
  it('hand areas, with shared and touching edges counted once', () => {
    const P = [square(-1000, -1000, 3000)];
    // One 100 × 100 square.
    expect(areaOf([square(0, 0, 100)], [], [], P)).toBeCloseTo(10_000, 6);
    // The same square twice (every edge shared, same direction): still 10 000.
    expect(areaOf([square(0, 0, 100), square(0, 0, 100)], [], [], P)).toBeCloseTo(10_000, 6);
    // Two squares side by side (a shared edge, opposite directions): 20 000.
    expect(areaOf([square(0, 0, 100), square(100, 0, 100)], [], [], P)).toBeCloseTo(20_000, 6);
    // Overlapping by half: 15 000; a 20 × 100 cut across the overlap: 13 000.
    expect(areaOf([square(0, 0, 100), [[50, 0], [150, 0], [150, 100], [50, 100]]], [], [], P)).toBeCloseTo(15_000, 6);
    expect(areaOf([square(0, 0, 100), [[50, 0], [150, 0], [150, 100], [50, 100]]], [[[60, -10], [80, -10], [80, 110], [60, 110]]], [], P)).toBeCloseTo(13_000, 6);
    // Clip ring along the square's own edges (coincident with A): the square's half, 5 000.
    expect(areaOf([square(0, 0, 100)], [], [], [[[0, 0], [50, 0], [50, 100], [0, 100]]])).toBeCloseTo(5_000, 6);
    // E adds where A is cut away: the cut 20 × 100 refilled by E over [60, 70]: 14 000.
    expect(areaOf([square(0, 0, 100), [[50, 0], [150, 0], [150, 100], [50, 100]]], [[[60, -10], [80, -10], [80, 110], [60, 110]]], [[[60, 0], [70, 0], [70, 100], [60, 100]]], P)).toBeCloseTo(14_000, 6);
    // P with a hole [20, 40]² inside the square: 10 000 − 400.
    expect(areaOf([square(0, 0, 100)], [], [], [square(-1000, -1000, 3000), [[20, 20], [20, 40], [40, 40], [40, 20]]])).toBeCloseTo(9_600, 6);
  });

  it('overlapping E rings (two green spaces grown into each other): each E edge is cut where it crosses another E ring', () => {
    const P = [square(-1000, -1000, 5000)];
    // Two 1000-squares overlapping by 500 × 700: 2 000 000 − 350 000.
    expect(areaOf([], [], [square(0, 0, 1000), square(500, 300, 1000)], P)).toBeCloseTo(1_650_000, 6);
    // A cross of two 1200 × 400 bars, every edge crossing the other bar's edges between vertices:
    // 2 × 480 000 − 400².
    const bars = [[[0, 400], [1200, 400], [1200, 800], [0, 800]], [[400, 0], [800, 0], [800, 1200], [400, 1200]]] as Poly[];
    expect(areaOf([], [], bars, P)).toBeCloseTo(800_000, 6);
    // The same with a capsule (A) elsewhere, as in a walking share: + 100².
    expect(areaOf([square(2000, 2000, 100)], [], bars, P)).toBeCloseTo(810_000, 6);
    // And clipped by a community ring through the overlap (x ≤ 600): 600 × 400 + 200 × 1200 − 200 × 400.
    expect(areaOf([], [], bars, [[[-1000, -1000], [600, -1000], [600, 3000], [-1000, 3000]]])).toBeCloseTo(400_000, 6);
    // The same E ring twice (a green space listed twice), and two E rings sharing a side in the
    // same direction (grown sources in line): each boundary stretch once, 1 000 000.
    expect(areaOf([], [], [square(0, 0, 1000), square(0, 0, 1000)], P)).toBeCloseTo(1_000_000, 6);
    expect(areaOf([], [], [square(0, 0, 1000), [[0, 0], [1000, 0], [1000, 500], [0, 500]]], P)).toBeCloseTo(1_000_000, 6);
  });

  it('agrees with clipper on random capsules, cuts, rings and clip rings with holes', () => {
    const rand = mulberry32(7);
    const convex = (cx: number, cy: number, r: number, n: number): Poly => {
      const out: Poly = [];
      const rot = rand() * Math.PI;
      for (let k = 0; k < n; k++) out.push([Math.round(cx + r * Math.cos(rot + (2 * Math.PI * k) / n)), Math.round(cy + r * Math.sin(rot + (2 * Math.PI * k) / n))]);
      return out;
    };
    let worst = 0;
    for (let trial = 0; trial < 40; trial++) {
      const A: Poly[] = [];
      // Disks on a grid of nodes, some repeated exactly (shared disks), and hull-like quads between them.
      for (let k = 0; k < 25; k++) {
        const p = convex(rand() * 400000, rand() * 400000, 30000 + rand() * 90000, 8 + 4 * Math.floor(rand() * 4));
        A.push(p);
        if (rand() < 0.2) A.push(p.map(([x, y]) => [x, y] as [number, number]));
      }
      const B: Poly[] = [];
      for (let k = 0; k < 4; k++) {
        const x = rand() * 400000, y = rand() * 400000, a = rand() * Math.PI, L = 50000 + rand() * 200000, w = 3000;
        const ux = Math.cos(a), uy = Math.sin(a);
        B.push([[x - uy * w, y + ux * w], [x - uy * w + ux * L, y + ux * w + uy * L], [x + uy * w + ux * L, y - ux * w + uy * L], [x + uy * w, y - ux * w]].map(([px, py]) => [Math.round(px), Math.round(py)] as [number, number]).reverse());
      }
      // A concave E ring (an L), and a clip ring with a hole.
      const E: Poly[] = trial % 2 ? [[[100000, 100000], [250000, 100000], [250000, 160000], [160000, 160000], [160000, 260000], [100000, 260000]]] : [];
      const P: Poly[] = [[[20000, 30000], [380000, 10000], [390000, 370000], [200000, 250000], [30000, 390000]], [[150000, 150000], [150000, 200000], [220000, 200000], [220000, 150000]]];
      const a = areaOf(A, B, E, P);
      const c = clipperArea(storePolys(A), storePolys(B), E, P);
      worst = Math.max(worst, Math.abs(a - c) / c);
    }
    // Integer inputs: only clipper's rounding of its intersection points to the unit grid differs
    // (about 0.3 unit² per unit of boundary; the same sets 100× smaller differ 100× more, relatively).
    expect(worst).toBeLessThan(5e-6);
  });

  it('agrees with clipper on small clip windows over nested and overlapping polygons (those inside another within the window are dropped)', () => {
    const rand = mulberry32(11);
    const convex = (cx: number, cy: number, r: number, n: number): Poly => {
      const out: Poly = [];
      for (let k = 0; k < n; k++) out.push([Math.round(cx + r * Math.cos((2 * Math.PI * k) / n)), Math.round(cy + r * Math.sin((2 * Math.PI * k) / n))]);
      return out;
    };
    let worst = 0;
    let windows = 0;
    for (let trial = 0; trial < 60; trial++) {
      const A: Poly[] = [];
      // Disks of one radius on jittered nodes (as capsules of fully reached pieces), smaller disks
      // inside some of them, and bands between neighbours: inside a window many lie within another.
      for (let k = 0; k < 30; k++) {
        const cx = rand() * 300000, cy = rand() * 300000;
        A.push(convex(cx, cy, 100000, 24));
        if (rand() < 0.3) A.push(convex(cx + 20000 * (rand() - 0.5), cy + 20000 * (rand() - 0.5), 20000 + 40000 * rand(), 24));
        if (rand() < 0.5) {
          const a = rand() * 2 * Math.PI, L = 60000;
          const ux = Math.cos(a), uy = Math.sin(a);
          A.push([[cx + uy * 100000, cy - ux * 100000], [cx + uy * 100000 + ux * L, cy - ux * 100000 + uy * L], [cx - uy * 100000 + ux * L, cy + ux * 100000 + uy * L], [cx - uy * 100000, cy + ux * 100000]].map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]));
        }
      }
      const B: Poly[] = trial % 3 ? [] : [[[100000, 95000], [200000, 95000], [200000, 96000], [100000, 96000]]];
      const x = Math.round(rand() * 250000), y = Math.round(rand() * 250000), w = 5000 + Math.round(rand() * 10000);
      const P: Poly[] = [square(x, y, w)];
      const a = areaOf(A, B, [], P);
      const c = clipperArea(storePolys(A), storePolys(B), [], P);
      if (c > 0) windows++;
      worst = Math.max(worst, Math.abs(a - c) / Math.max(c, w * w));
    }
    expect(windows).toBeGreaterThan(30);
    expect(worst).toBeLessThan(5e-6);
  });
});

/** The polygons as convexifyStore leaves them (the integral's own input), for clipper. */
function storePolys(polys: Poly[]): Poly[] {
  const s = storeOf(polys);
  const out: Poly[] = [];
  for (let i = 0; i < s.n; i++) {
    const p: Poly = [];
    for (let k = s.start[i]; k < s.start[i + 1]; k++) p.push([s.X[k], s.Y[k]]);
    out.push(p);
  }
  return out;
}

/**
 * W(p) ≤ d? from first principles (docs/network-areas.md §4): some walkable point q with |pq| ≤ M
 * and f(q) + |pq| ≤ d. On a straight piece where f is linear, f + |pq| is convex along it, so its
 * minimum over the part within M of p is the clamped stationary point or an end.
 */
function reached(x: number, y: number, d: number, M: number, reach: NetworkReach, nd: NetworkDistances, connectors: LinearPiece[]): boolean {
  const g = reach.graph;
  const pieceOk = (ax: number, ay: number, fa: number, bx: number, by: number, fb: number): boolean => {
    const L = Math.hypot(bx - ax, by - ay);
    if (L < 1e-9) return Math.hypot(x - ax, y - ay) <= M && fa + Math.hypot(x - ax, y - ay) <= d;
    const ux = (bx - ax) / L, uy = (by - ay) / L;
    const sp = (x - ax) * ux + (y - ay) * uy;
    const h = Math.abs((x - ax) * uy - (y - ay) * ux);
    if (h > M) return false;
    const w = Math.sqrt(M * M - h * h);
    const lo = Math.max(0, sp - w), hi = Math.min(L, sp + w);
    if (lo > hi) return false;
    const k = (fb - fa) / L;
    const val = (s: number) => fa + k * s + Math.hypot(s - sp, h);
    let best = Math.min(val(lo), val(hi));
    if (Math.abs(k) < 1) {
      const s = sp - (k * h) / Math.sqrt(1 - k * k);
      if (s > lo && s < hi) best = Math.min(best, val(s));
    }
    return best <= d + 1e-9;
  };
  for (const e of g.edgeIndex.search(x - M, y - M, x + M, y + M)) {
    const { s, f } = edgeProfile(g, nd, e);
    const ax = g.nodeX[g.edgeFrom[e]], ay = g.nodeY[g.edgeFrom[e]];
    const L = g.edgeLength[e];
    const ux = L > 0 ? (g.nodeX[g.edgeTo[e]] - ax) / L : 0, uy = L > 0 ? (g.nodeY[g.edgeTo[e]] - ay) / L : 0;
    for (let i = 0; i + 1 < s.length; i++) {
      if (!Number.isFinite(f[i]) || !Number.isFinite(f[i + 1])) continue;
      if (pieceOk(ax + ux * s[i], ay + uy * s[i], f[i], ax + ux * s[i + 1], ay + uy * s[i + 1], f[i + 1])) return true;
    }
  }
  for (const c of connectors) if (pieceOk(c.x0, c.y0, c.f0, c.x1, c.y1, c.f1)) return true;
  return false;
}

/** Every community's share within d of the category's facilities, by the reach and by ~n sample points. */
function compareShares(reach: NetworkReach, communities: PreparedCommunity[], points: XY[], d: number, n: number): { max: number; mean: number; compared: number } {
  const M = 100;
  const sources: ReachSource[] = points.map((xy, i) => ({ kind: 'point', id: `f${i}`, xy }));
  const { origins, pieces } = pointOrigins(points.map((xy, i) => ({ id: `f${i}`, xy, join: joinPoint(reach.graph, xy, reach.maxConnector_m) })));
  const nd = networkDistances(reach.graph, origins, d);
  let max = 0, sum = 0, compared = 0;
  for (const c of communities) {
    if (!c.rings.length || c.area_m2 < 2000) continue;
    const share = reach.reachedArea(c, sources, d) / c.area_m2;
    const step = Math.sqrt(c.area_m2 / n);
    let inside = 0, hit = 0;
    for (let x = c.bbox[0] + step / 2; x < c.bbox[2]; x += step)
      for (let y = c.bbox[1] + step / 2; y < c.bbox[3]; y += step) {
        if (!insideRings(x, y, c.rings)) continue;
        inside++;
        if (reached(x, y, d, M, reach, nd, pieces)) hit++;
      }
    if (inside < n / 2) continue;
    const diff = Math.abs(share - hit / inside);
    max = Math.max(max, diff);
    sum += diff;
    compared++;
  }
  return { max, mean: sum / Math.max(1, compared), compared };
}

describe('walking shares against a point sample of the walking distance', () => {
  it('the demo district: every community, kindergartens at 300 m and supermarkets at 500 m', () => {
    const { residential: _r, ...data } = generateDemo().dataset;
    const reach = createNetworkReach(data.roads!, datasetProjection(data));
    const ctx = prepareAudit(data, defaultPreset(), { reach });
    for (const [cat, d] of [['kindergarten', 300], ['supermarket', 500]] as const) {
      const pts = ctx.facilities.filter((f) => f.category === cat).map((f) => f.xy);
      const r = compareShares(reach, ctx.communities, pts, d, 400);
      expect(r.compared).toBeGreaterThan(100);
      // A 400-point grid resolves a share to about 1/20 at a long boundary; the area itself lies
      // between the inscribed capsules and the true set (deficit < 0.1 % here).
      expect(r.max).toBeLessThan(0.04);
      expect(r.mean).toBeLessThan(0.006);
    }
  }, 240_000);

  const haidian = resolve(process.cwd(), '../shared/data/real/beijing-haidian/haidian.osm');
  const present = existsSync(haidian);
  if (!present) console.warn(`skipping the Haidian walking-share comparison: ${haidian} not found`);
  it.skipIf(!present)('real Haidian OSM: every community, every facility category at 300 and 500 m', async () => {
    const layers = await readOsm(new Uint8Array(readFileSync(haidian)), 'haidian.osm');
    const data: Dataset = { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads };
    const reach = createNetworkReach(data.roads!, datasetProjection(data));
    const ctx = prepareAudit(data, defaultPreset(), { reach });
    const pts = ctx.facilities.filter((f) => f.category).map((f) => f.xy);
    expect(pts.length).toBeGreaterThan(0);
    for (const d of [300, 500]) {
      const r = compareShares(reach, ctx.communities, pts, d, 400);
      expect(r.compared).toBeGreaterThan(3);
      expect(r.max).toBeLessThan(0.04);
      expect(r.mean).toBeLessThan(0.01);
    }
  }, 240_000);
});
