// Walking-network benchmark, before and after in the same run: "before" is the code at
// BASELINE_COMMIT (bench/lib/baseline.ts, extracted from git), "after" this tree. Figures are CPU
// time of this process (user + system): the machine is shared, and wall time there measures the
// other developers' load. Compared methods alternate item by item, because garbage collection
// (counted in CPU time) bills whichever runs later. Each row names its target (issue "Speed").
//   A. city density (335 × 60 m jittered grid, 206k edges): one facility's bands 300/500/1000 m;
//   B. dense 42 km² lattice of 18 m blocks (bench/lib/denseLattice.ts, 260k edges): one
//      facility's bands, and all 200 kindergartens (engine, and the service-areas command in a
//      child process for its peak memory);
//   C. the audit's share-only reach for all facilities of the city (5 categories × their tier):
//      each category's Dijkstra once, the per-community calls on 1 in 10 communities, scaled;
//   D. the demo district's walking audit, against its straight-line audit;
//   C and D also against REACH_PREVIOUS_COMMIT ("previous"), with their shares compared;
//   E. the same figures: band areas (symmetric difference), network lengths, audit shares.
// Run: `npm run bench -- network` or `npx tsx bench/network.bench.ts`; NETWORK_BENCH_PARTS=A,B,…
// runs some parts only; NETWORK_BENCH_PREVIOUS=<commit> takes the "previous" bands from another
// commit (e.g. the start of a piece of work, for its before and after in one run).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ClipperLib from 'clipper-lib';
import { buildGraph, type RoadGraph } from '../src/engine/network/graph';
import * as networkReach from '../src/engine/network/networkReach';
import * as facilityAreas from '../src/engine/network/facilityAreas';
import * as audit from '../src/engine/audit';
import { getPreset } from '../src/engine/presets';
import { centerOf, createLocalProjection } from '../src/engine/geo/localProjection';
import { ringsArea, toPaths } from '../src/engine/network/clip';
import type { MetricRings, PreparedCommunity, ReachSource, XY } from '../src/engine/reach/reachProvider';
import type { CommunityResult } from '../src/engine/types';
import { generateDemo } from '../scripts/demo/generate';
import { mulberry32 } from './lib/random';
import { jitteredGrid } from './lib/jitteredGrid';
import { denseLattice, latticeGeoJSON } from './lib/denseLattice';
import { BASELINE_COMMIT, baselineDir, importBaseline, PREVIOUS_BANDS_COMMIT, REACH_PREVIOUS_COMMIT, root } from './lib/baseline';
import { timed } from './lib/timed';
import { blockCommunities, prefilter } from './lib/blockCommunities';
import { recordTarget } from './lib/targets';

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];



/** Area (m²) of the symmetric difference of two sets of rings (clipper, centimetres). */
function xorArea(a: MetricRings, b: MetricRings): number {
  const c = new ClipperLib.Clipper();
  c.AddPaths(toPaths(a), ClipperLib.PolyType.ptSubject, true);
  c.AddPaths(toPaths(b), ClipperLib.PolyType.ptClip, true);
  const out: ClipperLib.Paths = [];
  c.Execute(ClipperLib.ClipType.ctXor, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
  let s = 0;
  for (const p of out) for (let i = 0, j = p.length - 1; i < p.length; j = i++) s += (p[j].X - p[i].X) * (p[j].Y + p[i].Y);
  return Math.abs(s) / 2 / 1e4;
}
const perimeter = (rings: MetricRings) => rings.reduce((s, r) => s + r.reduce((t, p, i) => t + Math.hypot(r[(i + 1) % r.length][0] - p[0], r[(i + 1) % r.length][1] - p[1]), 0), 0);

interface Row {
  part: string;
  what: string;
  before: number | null;
  /** The code before the single-band work (PREVIOUS_BANDS_COMMIT), where measured. */
  previous?: number | null;
  after: number;
  unit: string;
  target: string;
  note?: string;
}

type Bands = typeof facilityAreas;
type Reach = typeof networkReach;
type Audit = typeof audit;

/** Figures compared between before and after (section E). */
const same = { bands: 0, maxXorPerPerimeter_m: 0, maxRelArea: 0, maxXorRel: 0, maxLength_m: 0, shares: 0, maxShare: 0 };
/** The same, after against the previous bands (PREVIOUS_BANDS_COMMIT). */
const samePrev = { ...same };
/** The same, after against the previous reach (REACH_PREVIOUS_COMMIT, parts C and D). */
const samePrevReach = { ...same };
/** Part D's shares on the residential basis (this tree) against the baseline's community-area shares. */
const basisChange = { ...same, differ: 0 };

function compareBands(a: ReturnType<Bands['facilityBands']>, b: ReturnType<Bands['facilityBands']>, into = same): void {
  for (let k = 0; k < a.bands.length; k++) {
    const A = a.bands[k].area;
    const B = b.bands[k].area;
    const x = xorArea(A, B);
    into.bands++;
    into.maxXorPerPerimeter_m = Math.max(into.maxXorPerPerimeter_m, x / Math.max(1, perimeter(A)));
    into.maxXorRel = Math.max(into.maxXorRel, x / Math.max(1, ringsArea(A)));
    into.maxRelArea = Math.max(into.maxRelArea, Math.abs(ringsArea(A) - ringsArea(B)) / Math.max(1, ringsArea(A)));
    into.maxLength_m = Math.max(into.maxLength_m, Math.abs(a.bands[k].network.length_m - b.bands[k].network.length_m));
  }
}

/** One facility's three bands: median CPU ms, before, previous and after alternating facility by facility. */
function bandsMedian(g: RoadGraph, facs: { id: string; xy: XY }[], n: number, old: Bands | null, prev: Bands | null, tolerance?: number): { before: number | null; previous: number | null; after: number } {
  const opt = { maxOffset_m: 100, ...(tolerance ? { tolerance_m: tolerance } : {}) };
  // Warm the JIT up on other facilities (the app's worker is warm when a user edits).
  for (let i = n; i < n + 4; i++) {
    facilityAreas.facilityBands(g, facs[i], [300, 500, 1000], opt);
    old?.facilityBands(g, facs[i], [300, 500, 1000], opt);
    prev?.facilityBands(g, facs[i], [300, 500, 1000], opt);
  }
  const tb: number[] = [];
  const tp: number[] = [];
  const ta: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = cpu();
    const b = old ? old.facilityBands(g, facs[i], [300, 500, 1000], opt) : null;
    tb.push(cpu() - t);
    t = cpu();
    const p = prev ? prev.facilityBands(g, facs[i], [300, 500, 1000], opt) : null;
    tp.push(cpu() - t);
    t = cpu();
    const a = facilityAreas.facilityBands(g, facs[i], [300, 500, 1000], opt);
    ta.push(cpu() - t);
    if (b) compareBands(b, a);
    if (p) compareBands(p, a, samePrev);
  }
  return { before: old ? median(tb) : null, previous: prev ? median(tp) : null, after: median(ta) };
}

async function partA(rows: Row[], old: Bands | null, prev: Bands | null): Promise<void> {
  const rand = mulberry32(42);
  const n = 335;
  const step = 60;
  const extent = (n - 1) * step;
  const lines = jitteredGrid(rand, n, step);
  const t = cpu();
  const g = buildGraph(lines);
  console.log(`  city graph: ${g.edgeCount} edges, ${g.nodeCount} nodes, built in ${fmt(cpu() - t)} ms`);
  const facs = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, xy: [rand() * extent, rand() * extent] as XY }));
  const m = bandsMedian(g, facs, 21, old, prev);
  rows.push({ part: 'A', what: "city (206k edges): one facility's bands 300/500/1000, median of 21", ...m, unit: 'ms', target: '< 25 ms' });
  const d = bandsMedian(g, facs, 11, old, prev, 2);
  rows.push({ part: 'A', what: '  same, tolerance 2 m (the app draws with it)', ...d, unit: 'ms', target: '' });
}

async function partB(rows: Row[], old: Bands | null, prev: Bands | null): Promise<void> {
  const L = denseLattice();
  const t = cpu();
  const g = buildGraph(L.lines);
  console.log(`  lattice graph: ${g.edgeCount} edges, ${g.nodeCount} nodes, built in ${fmt(cpu() - t)} ms`);
  const m = bandsMedian(g, L.facilities, 11, old, prev);
  rows.push({ part: 'B', what: "dense lattice (260k edges): one facility's bands, median of 11", ...m, unit: 'ms', target: '< 100 ms' });
  // All 200 kindergartens (engine only): after on all of them, before on 10 of them, scaled.
  let t0 = cpu();
  for (const f of L.facilities) facilityAreas.facilityBands(g, f, [300, 500, 1000], { maxOffset_m: 100 });
  const after = cpu() - t0;
  let before: number | null = null;
  if (old) {
    t0 = cpu();
    for (const f of L.facilities.slice(0, 10)) old.facilityBands(g, f, [300, 500, 1000], { maxOffset_m: 100 });
    before = ((cpu() - t0) * L.facilities.length) / 10;
  }
  let previous: number | null = null;
  if (prev) {
    t0 = cpu();
    for (const f of L.facilities.slice(0, 20)) prev.facilityBands(g, f, [300, 500, 1000], { maxOffset_m: 100 });
    previous = ((cpu() - t0) * L.facilities.length) / 20;
  }
  rows.push({ part: 'B', what: 'dense lattice: all 200 × 300/500/1000 (engine)', before, previous, after, unit: 'ms', target: '< 20 000 ms', note: old || prev ? 'before: 10 facilities, previous: 20, scaled' : undefined });
  // The service-areas command on all 200 (GeoJSON files in EPSG:4547), each in a child process:
  // CPU and peak memory of the whole process.
  const dir = join(root, 'bench', 'out', 'lattice');
  mkdirSync(dir, { recursive: true });
  const files = latticeGeoJSON(L);
  writeFileSync(join(dir, 'roads.geojson'), files.roads);
  writeFileSync(join(dir, 'facilities.geojson'), files.facilities);
  const cmd = (script: string) => timed('node', ['--import', 'tsx', script, '--facilities', join(dir, 'facilities.geojson'), '--roads', join(dir, 'roads.geojson'), '--distances', '300,500,1000', '--category', 'kindergarten', '--out', join(dir, 'service-areas.geojson')]);
  const now = cmd(join(root, 'scripts', 'serviceAreas.ts'));
  rows.push({ part: 'B', what: 'service-areas command, all 200 (whole process, CPU)', before: null, after: now.cpu_ms, unit: 'ms', target: '< 20 000 ms' });
  rows.push({ part: 'B', what: '  peak memory (RSS)', before: null, after: now.maxRss_MB, unit: 'MB', target: '< 1 024 MB' });
}

/**
 * CPU ms of the audit's per-community reach on one provider: each category's set announced
 * (prepareSources) and its one Dijkstra are counted once, the per-community calls are scaled by
 * `scale` (1 in `scale` communities asked). The call that ran the Dijkstra is timed again without
 * it; the difference is the Dijkstra's.
 */
class ReachClock {
  fixed = 0;
  perCommunity = 0;
  constructor(readonly reach: { prepareSources(s: ReachSource[], d: number): void; reachedArea(c: PreparedCommunity, s: ReachSource[], d: number): number; readonly runs: number }) {}
  prepare(sources: ReachSource[], d: number): void {
    const t = cpu();
    this.reach.prepareSources(sources, d);
    this.fixed += cpu() - t;
  }
  area(c: PreparedCommunity, sources: ReachSource[], d: number): number {
    const runs = this.reach.runs;
    let t = cpu();
    const a = this.reach.reachedArea(c, sources, d);
    const first = cpu() - t;
    if (this.reach.runs === runs) {
      this.perCommunity += first;
      return a;
    }
    t = cpu();
    this.reach.reachedArea(c, sources, d);
    const again = cpu() - t;
    this.perCommunity += again;
    this.fixed += Math.max(0, first - again);
    return a;
  }
  total(scale: number): number {
    return this.fixed + this.perCommunity * scale;
  }
}

async function partC(rows: Row[], old: Reach | null, prev: Reach | null): Promise<void> {
  // The audit's question per community and category: the reached area (share), no rings. Before,
  // previous and after alternate community by community, each on its own provider.
  const rand = mulberry32(42);
  const n = 335;
  const step = 60;
  const extent = (n - 1) * step;
  const g = buildGraph(jitteredGrid(rand, n, step));
  const facilities: ReachSource[] = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'point' as const, id: `f${i}`, xy: [rand() * extent, rand() * extent] as XY }));
  const communities = blockCommunities(extent, 500);
  const every = 10;
  const sampled = communities.filter((_, i) => i % every === 0);
  const clocks = { before: [] as ReachClock[], previous: [] as ReachClock[], after: [] as ReachClock[] };
  let calls = 0;
  for (let k = 0; k < 5; k++) {
    const cat = facilities.filter((_, i) => i % 5 === k);
    const d = [300, 300, 500, 1000, 300][k];
    const now = new ReachClock(networkReach.createNetworkReachFromGraph(g, { maxOffset_m: 100 }));
    const then = old ? new ReachClock(old.createNetworkReachFromGraph(g, { maxOffset_m: 100 })) : null;
    const was = prev ? new ReachClock(prev.createNetworkReachFromGraph(g, { maxOffset_m: 100 })) : null;
    clocks.after.push(now);
    if (then) clocks.before.push(then);
    if (was) clocks.previous.push(was);
    now.prepare(cat, d);
    then?.prepare(cat, d);
    was?.prepare(cat, d);
    for (const c of sampled) {
      const subset = prefilter(cat, c, d);
      if (!subset.length) continue;
      calls++;
      const a = now.area(c, subset, d);
      if (then) {
        const b = then.area(c, subset, d);
        same.shares++;
        same.maxShare = Math.max(same.maxShare, Math.abs(a - b) / c.area_m2);
      }
      if (was) {
        const b = was.area(c, subset, d);
        samePrevReach.shares++;
        samePrevReach.maxShare = Math.max(samePrevReach.maxShare, Math.abs(a - b) / c.area_m2);
      }
    }
  }
  const total = (cs: ReachClock[]) => (cs.length ? cs.reduce((s, c) => s + c.total(every), 0) : null);
  const fixed = clocks.after.reduce((s, c) => s + c.fixed, 0);
  rows.push({
    part: 'C',
    what: `city audit reach, all 10 000 facilities, 5 categories × tier (${calls} queries, 1 in ${every} communities, scaled)`,
    before: total(clocks.before),
    previous: total(clocks.previous),
    after: total(clocks.after)!,
    unit: 'ms',
    target: '< 10 000 ms',
    note: `after: ${fmt(fixed)} ms once per category (prepareSources, Dijkstra), the rest per community`,
  });
}

async function partD(rows: Row[], old: { reach: Reach; audit: Audit } | null, prev: { reach: Reach; audit: Audit } | null): Promise<void> {
  const demo = generateDemo();
  const preset = getPreset('national-2022')!;
  const projection = createLocalProjection(centerOf(demo.dataset.communities.flatMap((c) => c.geometry.flat(2))));
  const run = (eng: { reach: Reach; audit: Audit }) => {
    const t = cpu();
    const reach = eng.reach.createNetworkReach(demo.dataset.roads, projection);
    const r = eng.audit.auditDataset(demo.dataset, preset, { mode: 'network', reach });
    return { ms: cpu() - t, results: r.communities };
  };
  // Warm-up: one straight-line audit (JIT), then straight-line, before and after.
  audit.auditDataset(demo.dataset, preset, { mode: 'euclidean' });
  const t = cpu();
  audit.auditDataset(demo.dataset, preset, { mode: 'euclidean' });
  const straight = cpu() - t;
  const b = old ? run(old) : null;
  const p = prev ? run(prev) : null;
  const a = run({ reach: networkReach, audit });
  if (b) {
    // The baseline predates the residential coverage basis and ignores the demo's residential
    // layer: it measures every share over the whole community area. Like for like is this tree
    // without that layer (untimed); the residential-basis shares are tallied apart.
    const areaBasis = { ...demo.dataset, residential: undefined };
    const reach = networkReach.createNetworkReach(demo.dataset.roads, projection);
    compareShares(b.results, audit.auditDataset(areaBasis, preset, { mode: 'network', reach }).communities);
    compareShares(b.results, a.results, basisChange);
  }
  if (p) compareShares(p.results, a.results, samePrevReach);
  rows.push({ part: 'D', what: `demo district walking audit (${demo.dataset.communities.length} communities, graph included)`, before: b?.ms ?? null, previous: p?.ms ?? null, after: a.ms, unit: 'ms', target: '< 2 000 ms', note: `straight-line audit ${fmt(straight)} ms: walking ${(a.ms / straight).toFixed(1)}× it${b ? ` (before ${(b.ms / straight).toFixed(1)}×)` : ''}` });
}

/** Largest difference of any share (0..1) between two audits of the same data. */
function compareShares(a: CommunityResult[], b: CommunityResult[], into = same): void {
  const walk = (x: unknown, y: unknown): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (x >= 0 && x <= 1) {
        into.shares++;
        into.maxShare = Math.max(into.maxShare, Math.abs(x - y));
        if ('differ' in into && Math.abs(x - y) > 1e-6) (into as typeof basisChange).differ++;
      }
      return;
    }
    if (x && typeof x === 'object' && y && typeof y === 'object') for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]);
  };
  walk(a, b);
}

export async function run(): Promise<void> {
  const parts = (process.env.NETWORK_BENCH_PARTS ?? 'A,B,C,D').split(',');
  const base = baselineDir();
  if ('reason' in base) console.log(`  (no before figures: ${base.reason})`);
  const dir = 'dir' in base ? base.dir : null;
  const old = dir
    ? {
        bands: await importBaseline<Bands>(dir, 'network/facilityAreas'),
        reach: await importBaseline<Reach>(dir, 'network/networkReach'),
        audit: await importBaseline<Audit>(dir, 'audit'),
      }
    : null;
  const previousCommit = process.env.NETWORK_BENCH_PREVIOUS || PREVIOUS_BANDS_COMMIT;
  const pbase = baselineDir(previousCommit);
  if ('reason' in pbase) console.log(`  (no previous figures: ${pbase.reason})`);
  const prevBands = 'dir' in pbase ? await importBaseline<Bands>(pbase.dir, 'network/facilityAreas') : null;
  const rbase = parts.includes('C') || parts.includes('D') ? baselineDir(REACH_PREVIOUS_COMMIT) : null;
  const prevReach =
    rbase && 'dir' in rbase ? { reach: await importBaseline<Reach>(rbase.dir, 'network/networkReach'), audit: await importBaseline<Audit>(rbase.dir, 'audit') } : null;
  const rows: Row[] = [];
  const t0 = performance.now();
  if (parts.includes('A')) await partA(rows, old?.bands ?? null, prevBands);
  if (parts.includes('B')) await partB(rows, old?.bands ?? null, prevBands);
  if (parts.includes('C')) await partC(rows, old?.reach ?? null, prevReach?.reach ?? null);
  if (parts.includes('D')) await partD(rows, old, prevReach);
  console.log(`\nnetwork.bench: walking network, CPU time; before = ${BASELINE_COMMIT.slice(0, 12)}, previous = ${previousCommit.slice(0, 12)} (bands), ${REACH_PREVIOUS_COMMIT.slice(0, 12)} (C, D), after = this tree (${((performance.now() - t0) / 1000).toFixed(0)} s wall)`);
  const table = [['', 'what', 'before', 'previous', 'after', 'ratio', 'vs previous', 'target', 'met', 'note']];
  for (const r of rows) {
    const ratio = r.before !== null ? `${(r.before / r.after).toFixed(1)}×` : '';
    const vsPrev = r.previous != null ? `${(r.previous / r.after).toFixed(2)}×` : '';
    const goal = /< ([\d ]+)/.exec(r.target);
    const met = goal ? (r.after < Number(goal[1].replace(/ /g, '')) ? 'yes' : 'NO') : '';
    table.push([r.part, r.what, r.before !== null ? `${fmt(r.before)} ${r.unit}` : '', r.previous != null ? `${fmt(r.previous)} ${r.unit}` : '', `${fmt(r.after)} ${r.unit}`, ratio, vsPrev, r.target, met, r.note ?? '']);
  }
  // The engine rows of every part go to the run's summary of targets (bench/lib/targets.ts).
  for (const r of rows) {
    const goal = /< ([\d ]+)/.exec(r.target);
    if (!goal || !['A', 'B', 'C', 'D'].includes(r.part)) continue;
    const before = r.previous != null ? r.previous : r.before;
    const prevOf = r.part === 'C' || r.part === 'D' ? REACH_PREVIOUS_COMMIT : previousCommit;
    recordTarget({ bench: 'network', target: `${r.what.trim()} ${r.target}`, before: before !== null ? `${fmt(before)} ${r.unit}${r.previous != null ? ` (${prevOf.slice(0, 7)})` : ''}` : null, after: `${fmt(r.after)} ${r.unit}`, met: r.after < Number(goal[1].replace(/ /g, '')) });
  }
  const w = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
  if (old)
    console.log(
      `E. same figures: ${same.bands} bands, symmetric difference ≤ ${(same.maxXorPerPerimeter_m * 100).toFixed(2)} cm × perimeter, ` +
        `area within ${same.maxRelArea.toExponential(1)} (relative), network length within ${same.maxLength_m.toExponential(1)} m; ` +
        `${same.shares} shares within ${same.maxShare.toExponential(1)}${parts.includes('D') ? ' (D on the community-area basis, as the baseline measures)' : ''}`,
    );
  if (old && basisChange.shares)
    console.log(
      `E. D on the residential basis against the baseline: ${basisChange.differ} of ${basisChange.shares} shares differ by more than 1e-6, up to ${basisChange.maxShare.toExponential(1)}: ` +
        `not an error of either side but two definitions (the baseline predates the coverage basis and measures the whole community area; ` +
        `this tree the demo's residential land, households-weighted; a 5 m point sample agrees with each: bench/shareSample.ts)`,
    );
  if (samePrevReach.shares) console.log(`E. C, D against previous: ${samePrevReach.shares} shares within ${samePrevReach.maxShare.toExponential(1)}`);
  if (samePrev.bands)
    console.log(
      `E. against previous: ${samePrev.bands} bands, symmetric difference ≤ ${(samePrev.maxXorPerPerimeter_m * 100).toFixed(3)} cm × perimeter ` +
        `and ≤ ${samePrev.maxXorRel.toExponential(1)} of the area (bound: 1 cm × perimeter, 1e-5), network length within ${samePrev.maxLength_m.toExponential(1)} m`,
    );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
