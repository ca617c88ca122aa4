// Proposals (建议选址) on the demo district: K = 5 sites on a 100 m grid (inside communities,
// outside water) for the category with the most life-circle gaps, straight-line and walking.
// Reports the time of each phase (wall and CPU of this process: the machine is shared), the
// exact optimum's gap to greedy, and the failing communities before and after the sites are
// added as proposed facilities (a full audit of each).
// Run: `npm run bench -- suggest` or `npx tsx bench/suggest.bench.ts`.
import { pathToFileURL } from 'node:url';
import { auditDataset, datasetProjection, prepareAudit, type AuditContext } from '../src/engine/audit';
import { createNetworkReach } from '../src/engine/network/networkReach';
import { getPreset } from '../src/engine/presets';
import type { AuditResult, Dataset, DistanceMode, FacilityCategory } from '../src/engine/types';
import { gridCandidates, suggestSites, type SuggestPhase, type SuggestResult } from '../src/planning/suggest/index';
import { generateDemo } from '../scripts/demo/generate';

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** (tier, category) with the most communities below the life-circle threshold. */
function mostGaps(result: AuditResult): { tier: string; category: FacilityCategory; count: number } {
  const counts = new Map<string, number>();
  for (const c of result.communities) for (const f of c.failures) if (f.rule === 'lifeCircle' && f.tier && f.category) {
    const k = `${f.tier}|${f.category}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const [k, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const [tier, category] = k.split('|');
  return { tier, category: category as FacilityCategory, count };
}

async function oneMode(data: Dataset, water: Dataset['green'][number]['geometry'][], mode: DistanceMode): Promise<void> {
  const preset = getPreset('national-2022')!;
  const projection = datasetProjection(data);
  const w0 = performance.now(), c0 = cpu();
  const reach = mode === 'network' ? createNetworkReach(data.roads ?? [], projection) : undefined;
  const ctx: AuditContext = prepareAudit(data, preset, { mode, reach, projection });
  const base = auditDataset(data, preset, { mode, reach, projection });
  const auditMs = performance.now() - w0;
  const target = mostGaps(base);
  const d = ctx.tierDistances[target.tier];
  const candidates = gridCandidates(ctx, 100, water);
  const phases = new Map<SuggestPhase, number>();
  let last = performance.now(), lastPhase: SuggestPhase | null = null;
  const onProgress = (p: SuggestPhase) => {
    const now = performance.now();
    if (lastPhase) phases.set(lastPhase, (phases.get(lastPhase) ?? 0) + now - last);
    last = now; lastPhase = p;
  };
  const w1 = performance.now(), c1 = cpu();
  const r: SuggestResult = suggestSites(ctx, { category: target.category, distance_m: d, count: 5, candidates, exact: true, onProgress });
  onProgress('audit');
  const wall = performance.now() - w1, cpuMs = cpu() - c1;
  // Failing communities (any rule) before and after, by a full audit with the sites added.
  const withSites: Dataset = { ...data, facilities: [...data.facilities, ...r.sites.map((s) => ({ id: `proposed:${s.candidate}`, category: target.category, floorArea: null, position: [s.lon, s.lat] as [number, number], proposed: true }))] };
  const reach2 = mode === 'network' ? createNetworkReach(data.roads ?? [], projection) : undefined;
  const after = auditDataset(withSites, preset, { mode, reach: reach2, projection });
  const fmt = (v: number) => v.toFixed(0);
  console.log(`\n${mode}: audit (prepare + full audit${mode === 'network' ? ' + graph' : ''}) ${fmt(auditMs)} ms; category with the most gaps: ${target.category} at the ${target.tier}-minute tier (${d} m), ${target.count} communities below ${preset.rules.lifeCircle.threshold}`);
  console.log(`  proposals K = 5, ${candidates.length} grid candidates (100 m), ${r.model.demandPoints} demand points (${r.model.demandSpacing_m} m): wall ${fmt(wall)} ms, CPU ${fmt(cpuMs - 0)} ms (${(c1 - c0).toFixed(0)} ms CPU before it)`);
  console.log(`  phases (wall ms): ${[...phases].map(([p, ms]) => `${p} ${fmt(ms)}`).join(', ')}`);
  console.log(`  greedy evaluations ${r.model.evaluations}; exact: ${r.exact!.proven ? 'proven' : 'not proven'} in ${r.exact!.model.nodes} nodes; model optimum ${fmt(r.exact!.model.optimum)} vs greedy ${fmt(r.exact!.model.greedy)} (gap ${r.exact!.model.gapPercent.toFixed(2)} %); audit gain optimum ${fmt(r.exact!.householdsGain)} vs greedy ${fmt(r.exact!.greedyGain)} (gap ${r.exact!.gapPercent.toFixed(2)} %)`);
  for (const s of r.sites) console.log(`  #${s.rank} ${s.candidate} (${s.lon.toFixed(5)}, ${s.lat.toFixed(5)}): +${fmt(s.gainHouseholds)} households (model ${fmt(s.modelGainHouseholds)}), ${s.communities.length} communities changed, fixes ${s.communities.filter((c) => c.fixed).map((c) => c.id).join(' ') || 'none'}`);
  console.log(`  households within: ${fmt(r.before.householdsWithin)} → ${fmt(r.after.householdsWithin)} of ${fmt(r.households)}; communities below threshold for ${target.category}: ${r.before.communitiesBelowThreshold} → ${r.after.communitiesBelowThreshold}`);
  console.log(`  failing communities (full audit, any rule): ${base.summary.failing} → ${after.summary.failing}`);
}

export async function run(): Promise<void> {
  const demo = generateDemo();
  const modes = (process.env.SUGGEST_BENCH_MODES ?? 'euclidean,network').split(',') as DistanceMode[];
  for (const m of modes) await oneMode(demo.dataset, demo.water.map((w) => w.geometry), m);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
