// The precompiled command-line entry (scripts/cli.mjs): `npm run audit` runs a bundle of the same
// sources that tsx runs, answers --help without loading the engine, and rebuilds when a source is
// newer than the bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const FX = join(ROOT, 'test/fixtures/io');
const BASE = ['--communities', join(FX, 'base/communities.geojson'), '--facilities', join(FX, 'base/facilities.geojson'), '--green', join(FX, 'base/green.geojson')];
const tmp = mkdtempSync(join(tmpdir(), 'lc-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[]) {
  return spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
}
/** The TypeScript source run by tsx itself (node_modules/.bin/tsx, without npx's own start-up). */
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const stamp = () => JSON.parse(readFileSync(join(ROOT, 'dist-cli/build.json'), 'utf8')) as { sourcesMtime: number };

describe('bundled command-line entry', { timeout: 400_000 }, () => {
  it('prints the same usage as the TypeScript source, for every command', () => {
    for (const [name, src] of [['audit', 'scripts/audit.ts'], ['report', 'scripts/report.ts'], ['service-areas', 'scripts/serviceAreas.ts']]) {
      const bundled = run('node', ['scripts/cli.mjs', name, '--help']);
      const source = run(TSX, [src, '--help']);
      expect(bundled.status, bundled.stderr).toBe(0);
      expect(source.status, source.stderr).toBe(0);
      expect(bundled.stdout).toContain('usage: npm run');
      expect(bundled.stdout).toBe(source.stdout);
    }
  });

  it('writes the same audit as the TypeScript source', () => {
    const a = run('node', ['scripts/cli.mjs', 'audit', ...BASE, '--out', join(tmp, 'bundled.json')]);
    const b = run(TSX, ['scripts/audit.ts', ...BASE, '--out', join(tmp, 'source.json')]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'bundled.json'), 'utf8')).toBe(readFileSync(join(tmp, 'source.json'), 'utf8'));
  });

  it('rebuilds when a source file is newer than the bundle', () => {
    expect(run('node', ['scripts/cli.mjs', 'audit', '--help']).status).toBe(0);
    const before = stamp().sourcesMtime;
    // Touch one engine source a second past the build: the next start must rebuild. Its times are
    // put back after: a source newer than dist/ would make every browser test file started later
    // build the app again.
    const src = join(ROOT, 'src/engine/types.ts');
    const was = statSync(src);
    const t = new Date(Math.max(before, Date.now()) + 1000);
    utimesSync(src, t, t);
    try {
      expect(run('node', ['scripts/cli.mjs', 'audit', '--help']).status).toBe(0);
      expect(stamp().sourcesMtime).toBeGreaterThanOrEqual(t.getTime() - 1);
    } finally {
      utimesSync(src, was.atime, was.mtime);
    }
  });

  it('names an unknown command and exits 2', () => {
    const r = run('node', ['scripts/cli.mjs', 'nonsense']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('audit');
  });
});
