// Walking bands while dragging a facility in the app, at demo density: the work the network worker
// does for each pointer move (join the new position, one Dijkstra to the largest tier, the band
// polygons at the app's 2 m drawing tolerance), through the same session the worker uses
// (planning/whatIf/networkSession.ts). Each drag is 20 steps of about 10 m from a kindergarten;
// "before" is the session at PREVIOUS_BANDS_COMMIT (or NETWORK_BENCH_PREVIOUS), "after" today's,
// alternating per facility in one run. Target: one update under a frame (16 ms). Rendering is not included.
// Run: `npm run bench -- dragBands` or `npx tsx bench/dragBands.bench.ts`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getPreset } from '../src/engine/presets';
import type { Position } from '../src/engine/types';
import { createNetworkSession, type NetworkSession } from '../src/planning/whatIf/networkSession';
import { generateDemo } from '../scripts/demo/generate';
import { baselineDir, PREVIOUS_BANDS_COMMIT } from './lib/baseline';

const BAND_TOLERANCE_M = 2;
const STEPS = 20;
const FACILITIES = 12;

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

export async function run(): Promise<void> {
  const demo = generateDemo().dataset;
  const preset = getPreset('national-2022')!;
  const sessions: { name: string; session: NetworkSession; cpu: number[] }[] = [];
  // NETWORK_BENCH_PREVIOUS (as in network.bench.ts) takes "before" from another commit.
  const previousCommit = process.env.NETWORK_BENCH_PREVIOUS || PREVIOUS_BANDS_COMMIT;
  const base = baselineDir(previousCommit);
  if ('dir' in base) {
    const mod = (await import(pathToFileURL(join(base.dir, 'src', 'planning', 'whatIf', 'networkSession.ts')).href)) as { createNetworkSession: () => NetworkSession };
    sessions.push({ name: `before (${previousCommit.slice(0, 7)})`, session: mod.createNetworkSession(), cpu: [] });
  } else {
    console.log(`before: skipped, ${base.reason}`);
  }
  sessions.push({ name: 'after', session: createNetworkSession(), cpu: [] });
  for (const s of sessions) { s.session.setDataset(demo); s.session.graphInfo(preset); }

  const kindergartens = demo.facilities.map((f, i) => ({ f, i })).filter(({ f }) => f.category === 'kindergarten');
  const picked = kindergartens.filter((_, k) => k % Math.max(1, Math.floor(kindergartens.length / FACILITIES)) === 0).slice(0, FACILITIES);
  console.log(`demo district: ${demo.roads?.length ?? 0} road lines; ${picked.length} kindergartens × ${STEPS} drag steps of ~10 m; tolerance ${BAND_TOLERANCE_M} m`);
  for (const { f, i } of picked) {
    for (const s of sessions) {
      s.session.bands(preset, { facility: i, position: f.position }, { tolerance_m: BAND_TOLERANCE_M }); // warm
      for (let k = 1; k <= STEPS; k++) {
        const p: Position = [f.position[0] + k * 0.0001, f.position[1] + k * 0.00004];
        const c0 = cpu();
        s.session.bands(preset, { facility: i, position: p }, { tolerance_m: BAND_TOLERANCE_M });
        s.cpu.push(cpu() - c0);
      }
    }
  }
  console.log('session | updates | median CPU ms | p90 CPU ms | under 16 ms');
  for (const s of sessions) {
    const under = s.cpu.filter((x) => x < 16).length / s.cpu.length;
    console.log(`${s.name} | ${s.cpu.length} | ${quantile(s.cpu, 0.5).toFixed(1)} | ${quantile(s.cpu, 0.9).toFixed(1)} | ${(under * 100).toFixed(0)} %`);
  }
  if (sessions.length === 2) console.log(`median ratio before/after: ${(quantile(sessions[0].cpu, 0.5) / quantile(sessions[1].cpu, 0.5)).toFixed(2)}×`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
