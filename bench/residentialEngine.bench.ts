// Coverage basis benchmark with the layers in memory: the engine's whole work for one audit of the
// 10,000-community synthetic city (~30 residential footprints per community), without reading or
// decoding files. The whole-process comparison (residential.bench.ts) charges the residential basis
// for reading a 96 MB GeoJSON layer the area basis does not have; this one asks whether the audit
// itself is as fast on the residential basis as on the community-area basis.
//
// In one process the layers are read once, as the `audit` command reads them (loadAuditInput, the
// residential layer flat), outside the timing. Then, in interleaved rounds, each case runs
// runAuditOf on one thread, the function the command calls: the projection, indexes and
// residential bases (prepareAudit) and the audit, up to the result object (no JSON written). CPU is
// process.cpuUsage (user + system, every thread of the process: garbage collection and the
// optimising compiler included) and wall time; a full garbage collection before every timed run,
// so each run pays for its own garbage. The command's V8 settings (scripts/lib/v8Settings.mjs) are
// set before the audit's code is loaded, and one untimed run of each case comes first, so the
// rounds measure warm code (a whole process also compiles it: residential.bench.ts).
//
// The untimed runs are checked against the command itself: the bundled `audit` (one thread) on the
// same files must write the same communities, summary and warnings as the in-process result, so the
// bench measures the command's own path. The residential layer's reading cost (flat reader, from
// the file to ResidentialLayerFlat) is timed on its own in the same rounds.
//
// Code compiled in one process serves every case, and the V8 compiler specialises it for the data
// it has seen, so the same cases then run each in their own process too (lib/inMemoryAudit.ts, a
// process per case and round, interleaved): the first run of the audit there also compiles its
// code, as in a command, and the second is warm.
//
// Cases: community area (no residential layer); residential, households-weighted; residential,
// area-weighted (the same footprints without households). Target: the households-weighted audit's
// CPU ≤ 1.1 × the area basis's (the one-process figure; the own-process ratios beside it). Env:
// RESIDENTIAL_ENGINE_BENCH_ROUNDS (default 5), RESIDENTIAL_ENGINE_BENCH_PROCESS_ROUNDS (default 3,
// 0: none), RESIDENTIAL_ENGINE_BENCH_COMMUNITIES (default 10,000),
// RESIDENTIAL_ENGINE_BENCH_PER_COMMUNITY (30).
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { cityFiles } from './lib/cityFiles';
import { withoutHouseholds } from './lib/residentialWithoutHouseholds';
import { recordTarget } from './lib/targets';
import { timed } from './lib/timed';
import { root } from './lib/baseline';
import { auditV8Settings, fullGc, measure } from './lib/inMemoryAudit';
import type { AuditResult } from '../src/engine/types';

const N = Number(process.env.RESIDENTIAL_ENGINE_BENCH_COMMUNITIES ?? 10_000);
const PER = Number(process.env.RESIDENTIAL_ENGINE_BENCH_PER_COMMUNITY ?? 30);
const ROUNDS = Number(process.env.RESIDENTIAL_ENGINE_BENCH_ROUNDS ?? 5);
const PROCESS_ROUNDS = Number(process.env.RESIDENTIAL_ENGINE_BENCH_PROCESS_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The file a layer flag names in a cityFiles list. */
const flagValue = (files: string[], layer: string) => files[files.indexOf(`--${layer}`) + 1];

/** The parts of an audit the check compares, as the audit JSON holds them. */
const comparable = (r: Pick<AuditResult, 'communities' | 'summary' | 'warnings'>) => JSON.stringify([r.communities, r.summary, r.warnings]);

/** How many communities differ between two audits' communities, and the first that does. */
function communitiesDiffering(a: AuditResult['communities'], b: AuditResult['communities']): { count: number; first?: string } {
  let count = 0, first: string | undefined;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) { count++; first ??= a[i]?.id ?? b[i]?.id; }
  }
  return { count, first };
}

export async function run(): Promise<void> {
  auditV8Settings();
  const gc = fullGc();
  // Loaded after the V8 settings, as the command loads its bundle after setting them.
  const lib = await import('../scripts/lib/index');
  const { loadResidentialLayer } = await import('../scripts/lib/loadLayer');
  const silent = lib.createProgress({ write: () => undefined });

  const plain = cityFiles(N);
  const res = cityFiles(N, PER);
  const resFile = flagValue(res, 'residential');
  const noHhFile = withoutHouseholds(resFile);
  const noHh = [...res.slice(0, res.indexOf('--residential')), '--residential', noHhFile];
  const area = 'community area (no residential layer)', hh = 'residential, households-weighted', ha = 'residential, area-weighted';
  const cases: [string, string[]][] = [[area, plain], [hh, res], [ha, noHh]];
  const reads: [string, string][] = [['read residential layer (flat), households', resFile], ['read residential layer (flat), no households', noHhFile]];

  // Read once, as the command does, outside the timing. The cases' other layers are the same files'
  // bytes, so they share the area case's objects: one copy held, and every case's garbage
  // collections trace the same live heap.
  const inputs = new Map<string, Awaited<ReturnType<typeof lib.loadAuditInput>>>();
  for (const [k, files] of cases) {
    const args = lib.parseFlags([...files, '--threads', '1'], lib.AUDIT_INPUT_FLAGS, 'bench', lib.AUDIT_INPUT_REPEATABLE);
    const input = await lib.loadAuditInput(args, 'bench', silent, { residentialFlat: true });
    const first = inputs.get(area);
    const same = first && (['communities', 'facilities', 'green'] as const).every((l) => readFileSync(flagValue(files, l)).equals(readFileSync(flagValue(plain, l))));
    inputs.set(k, same ? { ...input, data: { ...first.data, residentialLayer: input.data.residentialLayer }, layers: { ...first.layers, residential: input.layers.residential } } : input);
  }

  // Untimed first run of each case (warm code), checked against the bundled command's output.
  const expected = new Map<string, string>();
  const out = join(tmpdir(), `lc-residential-engine-bench-${process.pid}.json`);
  timed('node', ['scripts/cli.mjs', 'audit', '--help']); // builds the bundle
  const checks: string[] = [];
  try {
    for (const [k, files] of cases) {
      const { result } = await lib.runAuditOf(inputs.get(k)!, silent);
      timed('node', ['scripts/cli.mjs', 'audit', ...files, '--threads', '1', '--out', out]);
      const written = JSON.parse(readFileSync(out, 'utf8')) as AuditResult;
      const same = comparable(written) === comparable(result);
      const diff = communitiesDiffering(result.communities, written.communities);
      const bases = new Map<string, number>();
      for (const c of result.communities) bases.set(c.coverageBasis ?? 'community-area', (bases.get(c.coverageBasis ?? 'community-area') ?? 0) + 1);
      checks.push(`  ${k}: ${same ? 'same' : `DIFFERENT (${diff.count} communities differ, first ${diff.first}; summary or warnings otherwise)`} as \`audit --threads 1\` writes (${result.communities.length} communities; bases ${[...bases].map(([b, n]) => `${b} ${n}`).join(', ')})`);
      if (!same) throw new Error(`${k}: the in-process audit differs from the command's output; the bench would not measure the command's path`);
      expected.set(k, comparable(result));
    }
  } finally {
    rmSync(out, { force: true });
  }
  for (const [, file] of reads) await loadResidentialLayer(file); // warm the reader's code too

  const m = new Map([...cases.map(([k]) => k), ...reads.map(([k]) => k)].map((k) => [k, { cpu: [] as number[], wall: [] as number[] }]));
  for (let r = 0; r < ROUNDS; r++) {
    // Each round starts at another case, so that no case always follows the same one.
    for (let i = 0; i < cases.length; i++) {
      const [k] = cases[(i + r) % cases.length];
      const t = await measure(gc, () => lib.runAuditOf(inputs.get(k)!, silent));
      m.get(k)!.cpu.push(t.cpu); m.get(k)!.wall.push(t.wall);
      if (comparable(t.value.result) !== expected.get(k)) throw new Error(`${k}: round ${r + 1} gave another result than the first run`);
    }
    for (const [k, file] of reads) {
      const t = await measure(gc, () => loadResidentialLayer(file));
      m.get(k)!.cpu.push(t.cpu); m.get(k)!.wall.push(t.wall);
    }
  }

  const base = m.get(area)!;
  const ratio = (k: string) => median(m.get(k)!.cpu) / median(base.cpu);
  // Per round, the case's CPU over the area basis's of the same round: drift of the machine's load cancels.
  const roundRatio = (k: string) => median(m.get(k)!.cpu.map((c, i) => c / base.cpu[i]));
  console.log(`${N} communities, ~${PER} residential footprints each; layers in memory, runAuditOf on 1 thread (prepare + audit, to the result object), warm, medians of ${ROUNDS} interleaved rounds; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`);
  console.log(checks.join('\n'));
  console.table([...m.keys()].map((k) => {
    const v = m.get(k)!;
    const audit = cases.some(([c]) => c === k);
    return {
      case: k, CPU: s(median(v.cpu)), wall: s(median(v.wall)),
      'CPU ÷ area basis': audit ? Number(ratio(k).toFixed(2)) : '',
      'per-round CPU ratio (median)': audit ? Number(roundRatio(k).toFixed(2)) : '',
      'wall ÷ area basis': audit ? Number((median(v.wall) / median(base.wall)).toFixed(2)) : '',
    };
  }));
  // The same cases each in its own process (lib/inMemoryAudit.ts), one per case and round,
  // interleaved: no case's code is compiled for another's data, and the first run pays for
  // compiling the audit's code as a command does.
  const pm = new Map(cases.map(([k]) => [k, { cold: [] as number[], warm: [] as number[], coldWall: [] as number[], warmWall: [] as number[] }]));
  for (let r = 0; r < PROCESS_ROUNDS; r++) {
    for (let i = 0; i < cases.length; i++) {
      const [k, files] = cases[(i + r) % cases.length];
      const p = spawnSync(process.execPath, [...process.execArgv, join(root, 'bench', 'lib', 'inMemoryAudit.ts'), JSON.stringify({ files, runs: 2 })], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (p.status !== 0) throw new Error(`${k}: in-memory audit process failed (${p.status}): ${(p.stderr ?? '').slice(-500)}`);
      const t = JSON.parse(p.stdout.trim().split('\n').pop()!) as { cpu: number[]; wall: number[] };
      const v = pm.get(k)!;
      v.cold.push(t.cpu[0]); v.warm.push(t.cpu[1]); v.coldWall.push(t.wall[0]); v.warmWall.push(t.wall[1]);
    }
  }
  const pa = PROCESS_ROUNDS > 0 ? pm.get(area)! : null;
  if (pa) {
    console.log(`Each case in its own process (read, then runAuditOf twice: the first run compiles the code, the second is warm), medians of ${PROCESS_ROUNDS} interleaved rounds; load average ${loadavg()[0].toFixed(1)}:`);
    console.table(cases.map(([k]) => {
      const v = pm.get(k)!;
      return {
        case: k, 'first run CPU': s(median(v.cold)), 'first run wall': s(median(v.coldWall)), 'first ÷ area basis': Number((median(v.cold) / median(pa.cold)).toFixed(2)),
        'second run CPU': s(median(v.warm)), 'second run wall': s(median(v.warmWall)), 'second ÷ area basis': Number((median(v.warm) / median(pa.warm)).toFixed(2)),
      };
    }));
  }
  const own = pa ? `; own process: first run ${(median(pm.get(hh)!.cold) / median(pa.cold)).toFixed(2)}×, second ${(median(pm.get(hh)!.warm) / median(pa.warm)).toFixed(2)}×` : '';
  recordTarget({
    bench: 'residentialEngine', target: `${N / 1000}k audit on the residential basis, layers in memory, as fast as on the area basis (CPU ratio, 1 thread; ≤ 1.1)`,
    before: null, after: `${ratio(hh).toFixed(2)}× (${s(median(m.get(hh)!.cpu))} vs ${s(median(base.cpu))})${own}`, met: ratio(hh) <= 1.1,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
