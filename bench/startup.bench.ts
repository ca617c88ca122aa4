// Command start-up: CPU of `npm run audit -- --help` and of a whole demo audit, before (TypeScript
// compiled on every start by tsx) and after (the precompiled bundle behind scripts/cli.mjs), each
// as its own process under /usr/bin/time, interleaved in one run. npm's own start is measured too
// (`npm run` of a script that does nothing), since the target counts the whole command.
// Target: `npm run audit -- --help` under 0.3 s CPU.
import { recordTarget } from './lib/targets';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib/baseline';
import { timed } from './lib/timed';

const ROUNDS = Number(process.env.STARTUP_BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const demo = join(root, 'data/demo');
  const haveDemo = existsSync(join(demo, 'communities.fgb'));
  const out = join(tmpdir(), 'lc-startup-bench.json');
  const auditArgs = ['--communities', join(demo, 'communities.fgb'), '--facilities', join(demo, 'facilities.fgb'), '--green', join(demo, 'green.fgb'), '--out', out];
  // An empty npm script: what npm itself costs before any command starts.
  const empty = join(tmpdir(), 'lc-startup-bench-npm');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: 'empty', private: true, scripts: { noop: 'node -e 0' } }));

  timed('node', ['scripts/cli.mjs', 'audit', '--help']); // build the bundle if stale, outside the timing
  const cases: [string, string, string[]][] = [
    ['npm run (an empty script)', 'npm', ['run', '-s', '--prefix', empty, 'noop']],
    ['--help, before: npx tsx scripts/audit.ts', 'npx', ['tsx', 'scripts/audit.ts', '--help']],
    ['--help, after: npm run audit', 'npm', ['run', '-s', 'audit', '--', '--help']],
    ['--help, after: node scripts/cli.mjs', 'node', ['scripts/cli.mjs', 'audit', '--help']],
  ];
  if (haveDemo) {
    cases.push(['demo audit, before: tsx', 'npx', ['tsx', 'scripts/audit.ts', ...auditArgs]]);
    cases.push(['demo audit, after: npm run audit', 'npm', ['run', '-s', 'audit', '--', ...auditArgs]]);
  } else console.log('(no data/demo: run `npm run demo` to include the demo audit)');
  const cpu = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (let i = 0; i < ROUNDS; i++) for (const [name, cmd, args] of cases) cpu.get(name)!.push(timed(cmd, args).cpu_ms);
  const med = new Map([...cpu].map(([k, v]) => [k, median(v)]));
  const before = med.get('--help, before: npx tsx scripts/audit.ts')!;
  console.table(cases.map(([name]) => ({
    case: name,
    'CPU median (ms)': Math.round(med.get(name)!),
    'vs tsx --help': (med.get(name)! / before).toFixed(2),
  })));
  const help = med.get('--help, after: npm run audit')!;
  console.log(`target: npm run audit -- --help under 300 ms CPU: ${Math.round(help)} ms, ${help < 300 ? 'met' : 'NOT met'} (npm itself: ${Math.round(med.get('npm run (an empty script)')!)} ms)`);
  recordTarget({ bench: 'startup', target: 'npm run audit -- --help, CPU < 300 ms', before: `${Math.round(before)} ms (tsx)`, after: `${Math.round(help)} ms`, met: help < 300 });
  if (haveDemo) {
    const b = med.get('demo audit, before: tsx')!, a = med.get('demo audit, after: npm run audit')!;
    console.log(`demo audit, whole process: ${Math.round(b)} → ${Math.round(a)} ms CPU (${(b / a).toFixed(2)}× less)`);
  }
}
