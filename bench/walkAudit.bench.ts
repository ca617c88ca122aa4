// The demo district's walking audit (`--mode network`, graph building included), before and after
// in one run: "before" is the engine at WALK_BASELINE_COMMIT (extracted from git into
// node_modules/.cache, as bench/lib/baseline.ts does), "previous" at REACH_PREVIOUS_COMMIT,
// "after" this tree. CPU time of this process
// (user + system), the two alternating three times, medians; the straight-line audit of the same
// data in the same run for scale; and the largest difference of any community's share between the
// two. Target (issue "Speed"): under 2 000 ms.
// Run: `npm run bench -- walkAudit`.
import { recordTarget } from './lib/targets';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as audit from '../src/engine/audit';
import * as networkReach from '../src/engine/network/networkReach';
import { getPreset } from '../src/engine/presets';
import { centerOf, createLocalProjection } from '../src/engine/geo/localProjection';
import type { CommunityResult } from '../src/engine/types';
import { generateDemo } from '../scripts/demo/generate';
import { REACH_PREVIOUS_COMMIT, root } from './lib/baseline';

/** main before the share-only integral and the per-set Dijkstra (2 Dec 2026). */
export const WALK_BASELINE_COMMIT = 'd276197011bc22c6a2ce0b9f86d6b393359bbcdc';

type Audit = typeof audit;
type Reach = typeof networkReach;

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function baseline(pinned: string = WALK_BASELINE_COMMIT): Promise<{ audit: Audit; reach: Reach } | string> {
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', `${pinned.slice(0, 7)}^{commit}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `baseline ${pinned.slice(0, 7)} not in this clone`;
  }
  const dir = join(root, 'node_modules', '.cache', `lifecircle-walk-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, 'src', 'engine', 'audit.ts'))) {
    const tar = execFileSync('git', ['archive', commit, 'src', 'scripts'], { cwd: root, maxBuffer: 1 << 30 });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  const mod = async <T>(m: string) => (await import(pathToFileURL(join(dir, 'src', 'engine', `${m}.ts`)).href)) as T;
  return { audit: await mod<Audit>('audit'), reach: await mod<Reach>('network/networkReach') };
}

/** Largest difference of any share (0..1) between two audits of the same data, and status changes. */
function compare(a: CommunityResult[], b: CommunityResult[]): { maxShare: number; shares: number; statusChanges: number } {
  let maxShare = 0, shares = 0, statusChanges = 0;
  const walk = (x: unknown, y: unknown): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (x >= 0 && x <= 1) {
        shares++;
        maxShare = Math.max(maxShare, Math.abs(x - y));
      }
      return;
    }
    if (x && typeof x === 'object' && y && typeof y === 'object') for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]);
  };
  a.forEach((r, i) => {
    walk(r.lifeCircles, b[i].lifeCircles);
    walk(r.greenCoverage, b[i].greenCoverage);
    walk(r.parkCoverage, b[i].parkCoverage);
    if (r.status !== b[i].status) statusChanges++;
  });
  return { maxShare, shares, statusChanges };
}

export async function run(): Promise<void> {
  const demo = generateDemo();
  const preset = getPreset('national-2022')!;
  const projection = createLocalProjection(centerOf(demo.dataset.communities.flatMap((c) => c.geometry.flat(2))));
  const walkAudit = (eng: { audit: Audit; reach: Reach }) => {
    const t = cpu();
    const reach = eng.reach.createNetworkReach(demo.dataset.roads, projection);
    const r = eng.audit.auditDataset(demo.dataset, preset, { mode: 'network', reach });
    return { ms: cpu() - t, results: r.communities, runs: reach.runs };
  };
  audit.auditDataset(demo.dataset, preset, { mode: 'euclidean' });
  const t = cpu();
  audit.auditDataset(demo.dataset, preset, { mode: 'euclidean' });
  const straight = cpu() - t;
  const old = await baseline();
  if (typeof old === 'string') console.log(`(${old}: no "before")`);
  const was = await baseline(REACH_PREVIOUS_COMMIT);
  if (typeof was === 'string') console.log(`(${was}: no "previous")`);
  const before: number[] = [], previous: number[] = [], after: number[] = [];
  let last: { b: ReturnType<typeof walkAudit> | null; p: ReturnType<typeof walkAudit> | null; a: ReturnType<typeof walkAudit> } | null = null;
  for (let k = 0; k < 3; k++) {
    const b = typeof old === 'string' ? null : walkAudit(old);
    const p = typeof was === 'string' ? null : walkAudit(was);
    const a = walkAudit({ audit, reach: networkReach });
    if (b) before.push(b.ms);
    if (p) previous.push(p.ms);
    after.push(a.ms);
    last = { b, p, a };
  }
  const n = demo.dataset.communities.length;
  console.log(`demo walking audit (${n} communities, residential basis, graph included), CPU ms, median of 3, target < 2 000 ms`);
  console.log(`  before ${before.length ? Math.round(median(before)) : '–'} (${WALK_BASELINE_COMMIT.slice(0, 7)}, ${last?.b?.runs ?? '–'} Dijkstra runs)  after ${Math.round(median(after))} (${last!.a.runs} runs)  straight-line ${Math.round(straight)}  after/straight ${(median(after) / straight).toFixed(1)}×${before.length ? `  before/after ${(median(before) / median(after)).toFixed(2)}×` : ''}`);
  recordTarget({ bench: 'walkAudit', target: 'demo walking audit < 2 s (CPU, median of 3)', before: before.length ? `${Math.round(median(before))} ms` : null, after: `${Math.round(median(after))} ms`, met: median(after) < 2000 });
  if (previous.length) console.log(`  previous ${Math.round(median(previous))} (${REACH_PREVIOUS_COMMIT.slice(0, 7)}, ${last?.p?.runs ?? '–'} runs)  previous/after ${(median(previous) / median(after)).toFixed(2)}×`);
  if (last?.b) {
    const c = compare(last.b.results, last.a.results);
    console.log(`  same figures: ${c.shares} shares, largest difference ${c.maxShare.toExponential(1)}, ${c.statusChanges} status changes`);
  }
  if (last?.p) {
    const c = compare(last.p.results, last.a.results);
    console.log(`  against previous: ${c.shares} shares, largest difference ${c.maxShare.toExponential(1)}, ${c.statusChanges} status changes`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
