// One scenario edit on the demo district: the incremental update (planning/scenario.ts,
// applyEditIncremental: only the communities the edit can reach are re-audited) against a full
// audit of the edited data, straight-line and walking. CPU time of this process (user + system;
// the machine is shared), each edit timed on its own; the two figures are checked equal.
// Run: `npm run bench -- scenario` or `npx tsx bench/scenario.bench.ts`; SCENARIO_BENCH_MODES=euclidean
// runs one mode only.
import { pathToFileURL } from 'node:url';
import { datasetProjection } from '../src/engine/audit';
import { buildRoadGraph } from '../src/engine/network/graph';
import { createNetworkReachFromGraph } from '../src/engine/network/networkReach';
import { getPreset } from '../src/engine/presets';
import type { Dataset, DistanceMode } from '../src/engine/types';
import { applyEditIncremental, fullScenarioAudit, scenarioData, type Edit, type ScenarioAudit } from '../src/planning/scenario';
import { generateDemo } from '../scripts/demo/generate';

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function editsFor(data: Dataset): Edit[] {
  const k = data.facilities.find((f) => f.category === 'kindergarten')!;
  const s = data.facilities.find((f) => f.category === 'community_service')!;
  const c = data.communities[Math.floor(data.communities.length / 2)];
  return [
    { type: 'moveFacility', id: k.id, position: [k.position[0] + 0.002, k.position[1] + 0.001] },
    { type: 'addFacility', facility: { id: 'bench-new', category: 'elderly_care', floorArea: 400, position: [k.position[0] - 0.003, k.position[1]], proposed: true } },
    { type: 'changeFacility', id: s.id, floorArea: 1200 },
    { type: 'setHouseholds', communityId: c.id, households: (c.households ?? 0) + 500 },
    { type: 'addGreen', green: { id: 'bench-park', kind: 'park', geometry: [[[[k.position[0], k.position[1]], [k.position[0] + 0.002, k.position[1]], [k.position[0] + 0.002, k.position[1] + 0.002], [k.position[0], k.position[1] + 0.002], [k.position[0], k.position[1]]]]] } },
  ];
}

async function oneMode(base: Dataset, mode: DistanceMode): Promise<void> {
  const preset = getPreset('national-2022')!;
  const projection = datasetProjection(base);
  const graph = mode === 'network' ? buildRoadGraph(base.roads ?? [], projection) : null;
  const reach = () => (graph ? createNetworkReachFromGraph(graph) : undefined);
  let state: ScenarioAudit = fullScenarioAudit(base, preset, { projection, reach: reach() });
  const edits: Edit[] = [];
  console.log(`\n${mode}: ${base.communities.length} communities`);
  console.log('edit | incremental CPU ms (re-audited) | full audit CPU ms | ratio | same figures');
  for (const e of editsFor(base)) {
    edits.push(e);
    const c0 = cpu();
    const next = applyEditIncremental(state, e);
    const inc = cpu() - c0;
    const changed = next.result.communities.filter((r, i) => r !== state.result.communities[i]).length;
    const c1 = cpu();
    const full = fullScenarioAudit(scenarioData(base, edits, projection), preset, { projection, reach: reach() });
    const fullMs = cpu() - c1;
    const same = next.result.communities.every((r, i) => JSON.stringify(r) === JSON.stringify(full.result.communities[i]));
    console.log(`${e.type} | ${inc.toFixed(0)} (${changed}) | ${fullMs.toFixed(0)} | ${(fullMs / Math.max(inc, 0.01)).toFixed(0)}× | ${same ? 'yes' : 'NO'}`);
    state = next;
  }
}

export async function run(): Promise<void> {
  const demo = generateDemo();
  const modes = (process.env.SCENARIO_BENCH_MODES ?? 'euclidean,network').split(',') as DistanceMode[];
  for (const m of modes) await oneMode(demo.dataset, m);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
