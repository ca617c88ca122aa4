// The audit with its layers in memory, timed: a full garbage collection, then CPU (process.cpuUsage:
// user + system of every thread, collections and the optimising compiler included) and wall time
// of one call. Run as a script it is one case's own process for residentialEngine.bench.ts:
// `<node + tsx> bench/lib/inMemoryAudit.ts '<JSON {"files": [audit flags], "runs": n}>'` reads the
// layers as the `audit` command does (outside the timing), runs runAuditOf on one thread `runs`
// times and prints one JSON line { cpu: ms[], wall: ms[] }: the first run pays for compiling the
// audit's code as a command does, the later ones run warm code.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { v8FlagsFor } from '../../scripts/lib/v8Settings.mjs';

/** A full garbage collection: global.gc under --expose-gc, else the same function exposed at run time. */
export function fullGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** CPU (user + system, ms) and wall time (ms) of `f`, after a full garbage collection. */
export async function measure<T>(gc: () => void, f: () => Promise<T>): Promise<{ cpu: number; wall: number; value: T }> {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall, value };
}

/** Sets the `audit` command's V8 settings (scripts/lib/v8Settings.mjs); call before its code is loaded. */
export function auditV8Settings(): void {
  for (const f of v8FlagsFor('audit', [], '')) setFlagsFromString(f);
}

async function main(): Promise<void> {
  const { files, runs } = JSON.parse(process.argv[2]) as { files: string[]; runs: number };
  auditV8Settings();
  const gc = fullGc();
  const lib = await import('../../scripts/lib/index');
  const silent = lib.createProgress({ write: () => undefined });
  const args = lib.parseFlags([...files, '--threads', '1'], lib.AUDIT_INPUT_FLAGS, 'inMemoryAudit', lib.AUDIT_INPUT_REPEATABLE);
  const input = await lib.loadAuditInput(args, 'inMemoryAudit', silent, { residentialFlat: true });
  const cpu: number[] = [], wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = await measure(gc, () => lib.runAuditOf(input, silent));
    cpu.push(t.cpu); wall.push(t.wall);
  }
  console.log(JSON.stringify({ cpu, wall }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
