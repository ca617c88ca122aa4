// The audit pass alone (auditCommunities over every community, after preparation), on the
// residential basis and on the community-area basis: what the shares cost once the bases are
// built. residentialEngine.bench.ts times preparation and audit together, where the share
// kernels are a sixth of the figure and the machine's noise hides a change to them.
//
// In one process the 10k synthetic city is read once (the residential layer flat, as the `audit`
// command reads it). Each round prepares a fresh context per case (prepareAudit on one thread,
// bases built eagerly, outside the timing: so no cache of source primitives or boxes is carried
// from one round to the next, as none is in a command) and then times the pass over all
// communities: process CPU (user + system, garbage collection included) and wall time, a full
// garbage collection before each. One untimed pass per case first (warm code); every timed pass
// must give that pass's communities. Cases alternate, and each round starts at another case.
//
// Env: RESIDENTIAL_AUDIT_PASS_ROUNDS (default 7), RESIDENTIAL_AUDIT_PASS_COMMUNITIES (10,000),
// RESIDENTIAL_AUDIT_PASS_PER_COMMUNITY (30).
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cityFiles } from './lib/cityFiles';
import { auditV8Settings, fullGc, measure } from './lib/inMemoryAudit';

const N = Number(process.env.RESIDENTIAL_AUDIT_PASS_COMMUNITIES ?? 10_000);
const PER = Number(process.env.RESIDENTIAL_AUDIT_PASS_PER_COMMUNITY ?? 30);
const ROUNDS = Number(process.env.RESIDENTIAL_AUDIT_PASS_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;

export async function run(): Promise<void> {
  auditV8Settings();
  const gc = fullGc();
  const lib = await import('../scripts/lib/index');
  const { auditContextOf } = await import('../scripts/lib/auditContext');
  const { auditCommunities } = await import('../src/engine/audit');
  const silent = lib.createProgress({ write: () => undefined });

  const cases: [string, string[]][] = [['community area', cityFiles(N)], ['residential, households', cityFiles(N, PER)]];
  const inputs = new Map<string, Awaited<ReturnType<typeof lib.loadAuditInput>>>();
  for (const [k, files] of cases) {
    const args = lib.parseFlags([...files, '--threads', '1'], lib.AUDIT_INPUT_FLAGS, 'bench', lib.AUDIT_INPUT_REPEATABLE);
    inputs.set(k, await lib.loadAuditInput(args, 'bench', silent, { residentialFlat: true }));
  }
  const contextOf = (k: string) => {
    const input = inputs.get(k)!;
    return auditContextOf(input.data, input.preset, input.mode);
  };
  const all = Array.from({ length: N }, (_, i) => i);
  const expected = new Map<string, string>();
  for (const [k] of cases) expected.set(k, JSON.stringify(auditCommunities(contextOf(k), all)));

  const m = new Map(cases.map(([k]) => [k, { cpu: [] as number[], wall: [] as number[] }]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < cases.length; i++) {
      const [k] = cases[(i + r) % cases.length];
      const ctx = contextOf(k);
      const t = await measure(gc, async () => auditCommunities(ctx, all));
      m.get(k)!.cpu.push(t.cpu); m.get(k)!.wall.push(t.wall);
      if (JSON.stringify(t.value) !== expected.get(k)) throw new Error(`${k}: round ${r + 1} gave other communities than the first pass`);
    }
  }
  const area = m.get('community area')!;
  console.log(`${N} communities, ~${PER} residential footprints each: auditCommunities over all, fresh context per pass, medians of ${ROUNDS} interleaved rounds; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`);
  console.table([...m].map(([k, v]) => ({
    case: k, CPU: ms(median(v.cpu)), wall: ms(median(v.wall)),
    'CPU ÷ area basis': Number((median(v.cpu) / median(area.cpu)).toFixed(2)),
    'per-round CPU ratio (median)': Number(median(v.cpu.map((c, i) => c / area.cpu[i])).toFixed(2)),
    'CPU, each round': v.cpu.map((c) => Math.round(c)).join(' '),
  })));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
