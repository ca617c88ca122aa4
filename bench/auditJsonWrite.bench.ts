// The audit JSON's output step alone, as the command runs it once: each round is a fresh process
// (the audit command's V8 settings, so the writer runs as cold as in the command) that computes
// the 10k straight-line audit of the r30 city and then times only the write of its JSON to a file
// (scripts/lib/writeAtomic.ts over io/export auditJsonChunks) at --threads 1: the communities'
// texts are made on the writing thread (audit threads need the bundled command, whose whole
// process is measured instead). "Before"
// is src and scripts at JSON_WRITE_BASE_COMMIT, extracted and run from there; before and after
// alternate, and every pair of files is compared byte for byte. CPU is the process's user and
// system time over the step (system: mostly the kernel's page cache, which varies most).
// Env: AUDIT_JSON_ROUNDS (default 8), AUDIT_JSON_RESIDENTIAL (1: with the residential layer;
// default the area basis).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, snapshotDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';
import { COMMAND_V8_FLAGS } from '../scripts/lib/v8Settings.mjs';

/** main before the audit JSON was written as bytes (3 Dec 2026). */
export const JSON_WRITE_BASE_COMMIT = '96930c8e0fe20f6e98b3459abb71848430844fab';

const ROUNDS = Number(process.env.AUDIT_JSON_ROUNDS ?? 8);
/** With the residential layer: the coverage measured over residential land (households). */
const RESIDENTIAL = process.env.AUDIT_JSON_RESIDENTIAL === '1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const self = fileURLToPath(import.meta.url);

/** In a child process: the audit with the tree at `dir`, then its JSON written to `out`, timed. */
async function writeOnce(dir: string, out: string): Promise<void> {
  const { runAuditCommand } = (await import(pathToFileURL(join(dir, 'scripts', 'audit.ts')).href)) as typeof import('../scripts/audit');
  const { writeOutput } = (await import(pathToFileURL(join(dir, 'scripts', 'lib', 'writeAtomic.ts')).href)) as typeof import('../scripts/lib/writeAtomic');
  const flags = cityFiles(10000, 30);
  if (!RESIDENTIAL) flags.splice(flags.indexOf('--residential'), 2);
  const audit = await runAuditCommand([...flags, '--threads', '1', '--out', out], { streamed: true });
  const u0 = process.cpuUsage();
  await writeOutput(out, audit.output);
  const u = process.cpuUsage(u0);
  console.log(`WRITE ${u.user / 1000} ${u.system / 1000}`);
}

export async function run(): Promise<void> {
  const snap = snapshotDir(JSON_WRITE_BASE_COMMIT, ['src', 'scripts']);
  if ('reason' in snap) {
    console.log(snap.reason);
    return;
  }
  cityFiles(10000, 30);
  const tmp = mkdtempSync(join(tmpdir(), 'audit-json-write-'));
  const dirs = { before: snap.dir, after: root };
  const user = { before: [] as number[], after: [] as number[] };
  const sys = { before: [] as number[], after: [] as number[] };
  let same = true;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const files: Record<string, string> = {};
      for (const tag of r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
        const out = join(tmp, `${tag}.json`);
        const c = spawnSync('node', [...COMMAND_V8_FLAGS.audit, '--import', 'tsx', self, '--write-once', dirs[tag], out], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
        const m = /WRITE (\S+) (\S+)/.exec(c.stdout ?? '');
        if (c.status !== 0 || !m) throw new Error(`${tag} failed (${c.status}): ${(c.stderr ?? '').slice(-500)}`);
        user[tag].push(Number(m[1]));
        sys[tag].push(Number(m[2]));
        files[tag] = out;
      }
      same &&= readFileSync(files.before).equals(readFileSync(files.after));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const row = (name: string, t: typeof user) => ({
    cpu: name, before_ms: Math.round(median(t.before)), after_ms: Math.round(median(t.after)), ratio: (median(t.after) / median(t.before)).toFixed(2),
  });
  console.log(`10k city, the audit JSON written (--threads 1${RESIDENTIAL ? ', residential basis' : ''}), CPU ms of the write alone, fresh process per round (median of ${ROUNDS} interleaved rounds; load average ${loadavg()[0].toFixed(1)}), before = ${JSON_WRITE_BASE_COMMIT.slice(0, 7)}; files identical: ${same}`);
  console.table([row('user', user), row('system', sys), row('user+system', { before: user.before.map((x, i) => x + sys.before[i]), after: user.after.map((x, i) => x + sys.after[i]) })]);
  console.log('per round (user ms): before', user.before.map(Math.round).join(' '), '| after', user.after.map(Math.round).join(' '));
}

if (process.argv[1] === self && process.argv[2] === '--write-once') void writeOnce(process.argv[3], process.argv[4]);
