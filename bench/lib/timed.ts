// A command run as its own process under /usr/bin/time (Debian package `time`): CPU (user +
// system), wall time and peak memory of the whole process, for benches that compare programs.
import { spawnSync } from 'node:child_process';
import { root } from './baseline';

/** Runs a command under /usr/bin/time: CPU (user + system) and peak RSS of the whole process. */
export function timed(cmd: string, args: string[]): { cpu_ms: number; wall_ms: number; maxRss_MB: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], { cwd: root, maxBuffer: 1 << 28, encoding: 'utf8' });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-500)}`);
  return { wall_ms: Number(m[1]) * 1000, cpu_ms: (Number(m[2]) + Number(m[3])) * 1000, maxRss_MB: Number(m[4]) / 1024, stdout: r.stdout };
}
