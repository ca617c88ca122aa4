// The straight-line audit command's shared costs outside the engine, in process, before and after,
// interleaved: (1) reading the 10k city's facilities (100,299 points) as the command reads them
// (scripts/lib/loadLayer.ts), warm (repeated in this process) and cold (once, in a process of its
// own with the audit command's V8 settings, as the command reads it: the scanner is optimised
// later there), and (2) writing the 10k audit's JSON to a file as the command writes
// it (scripts/lib/writeAtomic.ts over io/export auditJsonChunks), with the communities' texts
// stringified on the writing thread (--threads 1) and made beforehand (what audit threads send).
// "Before" is src and scripts at SHARED_BASE_COMMIT, extracted and imported from there. CPU is the
// process's user + system time over the step (garbage collection and the kernel's page cache
// included); each step's output is compared with the other's (layers deep-equal, files cmp).
// Env: COMMAND_SHARED_ROUNDS (default 6).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, snapshotDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';
import type { AuditResult } from '../src/engine/types';
import type { LayerImport } from '../src/io/import/types';
import * as loadNow from '../scripts/lib/loadLayer';
import * as writeNow from '../scripts/lib/writeAtomic';
import * as exportNow from '../src/io/export/jsonExport';
import { runAuditCommand } from '../scripts/audit';
import { COMMAND_V8_FLAGS } from '../scripts/lib/v8Settings.mjs';

/** main before the output buffer and the point scanner in readGeoJson (3 Dec 2026). */
export const SHARED_BASE_COMMIT = '0619dc514fcf606b58bdd7ef0e060c01d0d0a435';

const ROUNDS = Number(process.env.COMMAND_SHARED_ROUNDS ?? 6);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** CPU ms so far: user + system, and user alone (the page cache's share of a write is system time, and varies most). */
const cpu = () => {
  const u = process.cpuUsage();
  return { all: (u.user + u.system) / 1000, user: u.user / 1000 };
};

const self = fileURLToPath(import.meta.url);

/** The facilities read once in a child process with the audit's V8 flags: CPU ms (all, user) of the read alone. */
function coldRead(dir: string, facilities: string): { all: number; user: number } {
  const r = spawnSync('node', [...COMMAND_V8_FLAGS.audit, '--import', 'tsx', self, '--read-once', dir, facilities], { cwd: root, encoding: 'utf8' });
  const m = /READ (\S+) (\S+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) throw new Error(`cold read failed (${r.status}): ${(r.stderr ?? '').slice(-500)}`);
  return { all: Number(m[1]), user: Number(m[2]) };
}

async function readOnce(dir: string, facilities: string): Promise<void> {
  const m = (await import(pathToFileURL(join(dir, 'scripts', 'lib', 'loadLayer.ts')).href)) as typeof loadNow;
  const t0 = cpu();
  await m.loadLayer(facilities, 'facilities');
  const t1 = cpu();
  console.log(`READ ${t1.all - t0.all} ${t1.user - t0.user}`);
}

type Steps = { load: typeof loadNow.loadLayer; write: typeof writeNow.writeOutput; exp: typeof exportNow };

export async function run(): Promise<void> {
  const snap = snapshotDir(SHARED_BASE_COMMIT, ['src', 'scripts']);
  if ('reason' in snap) {
    console.log(snap.reason);
    return;
  }
  const from = (p: string) => import(pathToFileURL(join(snap.dir, p)).href);
  const before: Steps = {
    load: ((await from('scripts/lib/loadLayer.ts')) as typeof loadNow).loadLayer,
    write: ((await from('scripts/lib/writeAtomic.ts')) as typeof writeNow).writeOutput,
    exp: (await from('src/io/export/jsonExport.ts')) as typeof exportNow,
  };
  const after: Steps = { load: loadNow.loadLayer, write: writeNow.writeOutput, exp: exportNow };

  const flags = cityFiles(10000);
  const facilities = flags[flags.indexOf('--facilities') + 1];
  const tmp = mkdtempSync(join(tmpdir(), 'command-shared-'));
  try {
    // The audit to write, computed once (today's engine; the writers only serialise it).
    const audit = await runAuditCommand([...flags, '--threads', '1', '--out', join(tmp, 'audit.json')], { streamed: true });
    const result: AuditResult = audit.result;
    const layers = audit.layers as Partial<Record<LayerImport['kind'], LayerImport>>;
    const texts = exportNow.communityTextList(exportNow.auditCommunityTexts(result.communities));

    const steps: Record<string, (s: Steps, tag: string) => Promise<unknown>> = {
      'read facilities (warm)': (s) => s.load(facilities, 'facilities'),
      'write JSON (1 thread)': async (s, tag) => {
        const path = join(tmp, `one-${tag}.json`);
        await s.write(path, s.exp.auditJsonChunks(result, layers));
        return path;
      },
      'write JSON (texts given)': async (s, tag) => {
        const path = join(tmp, `texts-${tag}.json`);
        await s.write(path, s.exp.auditJsonChunks(result, layers, texts));
        return path;
      },
    };
    const rows = [];
    const cold = { before: [] as number[], after: [] as number[] };
    const coldUser = { before: [] as number[], after: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const tag of r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
        const t = coldRead(tag === 'before' ? snap.dir : root, facilities);
        cold[tag].push(t.all);
        coldUser[tag].push(t.user);
      }
    }
    rows.push({
      step: 'read facilities (cold)', before_ms: Math.round(median(cold.before)), after_ms: Math.round(median(cold.after)), ratio: (median(cold.after) / median(cold.before)).toFixed(2),
      before_user_ms: Math.round(median(coldUser.before)), after_user_ms: Math.round(median(coldUser.after)), user_ratio: (median(coldUser.after) / median(coldUser.before)).toFixed(2), same: '(warm row)',
    });
    for (const [name, step] of Object.entries(steps)) {
      const t = { before: [] as number[], after: [] as number[] };
      const user = { before: [] as number[], after: [] as number[] };
      let same = true;
      for (let r = 0; r < ROUNDS; r++) {
        const out: Record<string, unknown> = {};
        for (const [tag, s] of (r % 2 ? [['after', after], ['before', before]] : [['before', before], ['after', after]]) as [keyof typeof t, Steps][]) {
          const t0 = cpu();
          out[tag] = await step(s, tag);
          const t1 = cpu();
          t[tag].push(t1.all - t0.all);
          user[tag].push(t1.user - t0.user);
        }
        if (typeof out.before === 'string') same &&= readFileSync(out.before).equals(readFileSync(out.after as string));
        else same &&= isDeepStrictEqual(out.before, out.after);
      }
      rows.push({
        step: name, before_ms: Math.round(median(t.before)), after_ms: Math.round(median(t.after)), ratio: (median(t.after) / median(t.before)).toFixed(2),
        before_user_ms: Math.round(median(user.before)), after_user_ms: Math.round(median(user.after)), user_ratio: (median(user.after) / median(user.before)).toFixed(2), same,
      });
    }
    console.log(`10k city, CPU ms per step (user + system, and user alone) (median of ${ROUNDS} interleaved rounds; load average ${loadavg()[0].toFixed(1)}), before = ${SHARED_BASE_COMMIT.slice(0, 7)}:`);
    console.table(rows);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === self && process.argv[2] === '--read-once') void readOnce(process.argv[3], process.argv[4]);
