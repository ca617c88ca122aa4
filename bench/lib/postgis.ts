// A throwaway PostgreSQL + PostGIS server for benches that compare with a SQL audit: its own data
// directory and Unix socket under the temp folder, no TCP, durability off (nothing in it is kept).
// Runs as the `postgres` user when the bench runs as root (PostgreSQL refuses root). Queries go
// through one psql session per call.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgisServer {
  /** Runs SQL in one psql session (ON_ERROR_STOP); returns stdout (unaligned, tuples only). */
  sql(text: string): string;
  /** Stops the server and deletes its data directory. */
  stop(): void;
  version: string;
}

/** The newest installed PostgreSQL's bin folder that has PostGIS, or why there is none. */
function postgresBin(): { bin: string } | { reason: string } {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = join(base, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`)) return { bin };
  }
  return { reason: versions.length ? `PostGIS is not installed for PostgreSQL ${versions.join(', ')} (Debian: apt-get install postgresql-${versions[0]}-postgis-3)` : 'PostgreSQL is not installed (Debian: apt-get install postgresql postgresql-15-postgis-3)' };
}

const asRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[], input?: string): string {
  const [c, a] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { input, encoding: 'utf8', maxBuffer: 1 << 30, cwd: '/' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 4).join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || '').slice(-800)}`);
  return r.stdout;
}

/** Starts a server with PostGIS created in database `postgres`, or says why it cannot. */
export function startPostgis(settings: Record<string, string> = {}): PostgisServer | { reason: string } {
  const found = postgresBin();
  if ('reason' in found) return found;
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) return { reason: 'no `postgres` user to run the server as' };
  const dir = mkdtempSync(join(tmpdir(), 'lc-postgis-'));
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = String(54000 + (process.pid % 1000));
  run(join(found.bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = {
    listen_addresses: "''", unix_socket_directories: `'${dir}'`, port, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off',
    shared_buffers: '256MB', work_mem: '64MB', maintenance_work_mem: '256MB', max_wal_size: '4GB', ...settings,
  };
  run(join(found.bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', Object.entries(opts).map(([k, v]) => `-c ${k}=${v}`).join(' '), 'start']);
  const psql = (text: string) => run('psql', ['-h', dir, '-p', port, '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'], text);
  const stop = () => {
    spawnSync(asRoot ? 'runuser' : join(found.bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(found.bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'], { cwd: '/' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    psql('CREATE EXTENSION postgis;');
    return { sql: psql, stop, version: psql('SELECT version() || \' / PostGIS \' || postgis_lib_version();').trim() };
  } catch (e) {
    stop();
    return { reason: (e as Error).message };
  }
}
