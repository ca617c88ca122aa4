// Lists the walking shares of the network bench's parts C (city) and D (demo) that differ by
// more than 1e-6 between the baseline engine (BASELINE_COMMIT) and this tree: part, community,
// category, distance, both values. Run: `npx tsx bench/shareDiscrepancy.ts [C,D,D-area]`
// (SHARE_BASELINE=<commit> compares with another commit; D-area: the demo without its residential
// layer, so this tree measures the community area as the baseline does); writes
// bench/out/shareDiscrepancy.json for follow-up checks (bench/shareSample.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraph } from '../src/engine/network/graph';
import * as networkReach from '../src/engine/network/networkReach';
import * as audit from '../src/engine/audit';
import { getPreset } from '../src/engine/presets';
import { centerOf, createLocalProjection } from '../src/engine/geo/localProjection';
import type { ReachSource, XY } from '../src/engine/reach/reachProvider';
import { generateDemo } from '../scripts/demo/generate';
import { mulberry32 } from './lib/random';
import { jitteredGrid } from './lib/jitteredGrid';
import { baselineDir, importBaseline, root } from './lib/baseline';
import { blockCommunities, prefilter } from './lib/blockCommunities';

export interface Discrepancy {
  part: 'C' | 'D' | 'D-area';
  community: string;
  /** Category index (C) or the result's field path (D). */
  what: string;
  distance: number | null;
  baseline: number;
  current: number;
}

type Reach = typeof networkReach;
type Audit = typeof audit;



/** The bench's part C city: graph, facilities, communities, categories and their distances. */
export function benchCity() {
  const rand = mulberry32(42);
  const n = 335;
  const step = 60;
  const extent = (n - 1) * step;
  const lines = jitteredGrid(rand, n, step);
  const facilities: ReachSource[] = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'point' as const, id: `f${i}`, xy: [rand() * extent, rand() * extent] as XY }));
  const categories = [0, 1, 2, 3, 4].map((k) => ({ k, d: [300, 300, 500, 1000, 300][k], sources: facilities.filter((_, i) => i % 5 === k) }));
  return { lines, facilities, categories, communities: blockCommunities(extent, 500), every: 10 };
}

function partC(old: Reach, out: Discrepancy[]): number {
  const city = benchCity();
  const g = buildGraph(city.lines);
  const sampled = city.communities.filter((_, i) => i % city.every === 0);
  let n = 0;
  for (const { k, d, sources } of city.categories) {
    const now = networkReach.createNetworkReachFromGraph(g, { maxOffset_m: 100 });
    const then = old.createNetworkReachFromGraph(g, { maxOffset_m: 100 });
    now.prepareSources(sources, d);
    then.prepareSources(sources, d);
    for (const c of sampled) {
      const subset = prefilter(sources, c, d);
      if (!subset.length) continue;
      n++;
      const a = now.reachedArea(c, subset, d) / c.area_m2;
      const b = then.reachedArea(c, subset, d) / c.area_m2;
      if (Math.abs(a - b) > 1e-6) out.push({ part: 'C', community: c.id, what: `category ${k} (${subset.length} facilities near)`, distance: d, baseline: b, current: a });
    }
  }
  return n;
}

/**
 * The demo's walking audit, baseline against this tree. With `withoutResidential` the residential
 * layer is left out, so this tree measures shares over the community area as the baseline did (the
 * baseline predates the residential coverage basis and ignores the layer).
 */
function partD(old: { reach: Reach; audit: Audit }, out: Discrepancy[], withoutResidential = false): number {
  const generated = generateDemo();
  const demo = { dataset: withoutResidential ? { ...generated.dataset, residential: undefined } : generated.dataset };
  const part = withoutResidential ? 'D-area' : 'D';
  const preset = getPreset('national-2022')!;
  const projection = createLocalProjection(centerOf(demo.dataset.communities.flatMap((c) => c.geometry.flat(2))));
  const runOn = (eng: { reach: Reach; audit: Audit }) => eng.audit.auditDataset(demo.dataset, preset, { mode: 'network', reach: eng.reach.createNetworkReach(demo.dataset.roads, projection) }).communities;
  const b = runOn(old);
  const a = runOn({ reach: networkReach, audit });
  let n = 0;
  const walk = (x: unknown, y: unknown, path: string, id: string, ctx: Record<string, unknown>): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (x >= 0 && x <= 1) {
        n++;
        const dist = typeof ctx.distance_m === 'number' ? ctx.distance_m : typeof ctx.radius_m === 'number' ? ctx.radius_m : null;
        if (Math.abs(x - y) > 1e-6) out.push({ part, community: id, what: path, distance: dist as number | null, baseline: y, current: x });
      }
      return;
    }
    if (x && typeof x === 'object' && y && typeof y === 'object')
      for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`, id, x as Record<string, unknown>);
  };
  for (let i = 0; i < a.length; i++) walk(a[i], b[i], '', (a[i] as unknown as { id: string }).id, {});
  return n;
}

async function main(): Promise<void> {
  const parts = (process.argv[2] ?? 'C,D').split(',');
  const base = baselineDir(process.env.SHARE_BASELINE || undefined);
  if ('reason' in base) throw new Error(base.reason);
  const old = { reach: await importBaseline<Reach>(base.dir, 'network/networkReach'), audit: await importBaseline<Audit>(base.dir, 'audit') };
  const out: Discrepancy[] = [];
  const counts: Record<string, number> = {};
  if (parts.includes('C')) counts.C = partC(old.reach, out);
  if (parts.includes('D')) counts.D = partD(old, out);
  if (parts.includes('D-area')) counts['D-area'] = partD(old, out, true);
  out.sort((p, q) => Math.abs(q.current - q.baseline) - Math.abs(p.current - p.baseline));
  for (const p of Object.keys(counts)) console.log(`part ${p}: ${counts[p]} shares compared, ${out.filter((o) => o.part === p).length} differ by > 1e-6`);
  for (const o of out) console.log(`${o.part}  ${o.community.padEnd(8)} ${o.what.padEnd(40)} d=${o.distance}  baseline ${o.baseline.toFixed(6)}  current ${o.current.toFixed(6)}  diff ${(o.current - o.baseline).toExponential(2)}`);
  mkdirSync(join(root, 'bench', 'out'), { recursive: true });
  writeFileSync(join(root, 'bench', 'out', `shareDiscrepancy-${parts.join('+')}.json`), JSON.stringify(out, null, 1));
}

void main();
