// An output that resolves to an input is refused with exit 2 before anything is read or written:
// the same path, another spelling (./, ..), a symlink, a hard link, and a shapefile's sidecar.
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../scripts/audit';
import { runReportCommand } from '../../../scripts/report';
import { runServiceAreas } from '../../../scripts/serviceAreas';
import { InputError, refuseOutputOverInput } from '../../../scripts/lib/index';

const ROOT = join(__dirname, '..', '..', '..');
const FX = join(ROOT, 'test', 'fixtures', 'io', 'base');
const tmp = mkdtempSync(join(tmpdir(), 'out-guard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Copies of the inputs, so a failing guard could only damage the copies.
const comm = join(tmp, 'communities.geojson');
const fac = join(tmp, 'facilities.geojson');
copyFileSync(join(FX, 'communities.geojson'), comm);
copyFileSync(join(FX, 'facilities.geojson'), fac);
const facBytes = readFileSync(fac);
mkdirSync(join(tmp, 'sub'));
symlinkSync(fac, join(tmp, 'link.geojson'));
linkSync(fac, join(tmp, 'hard.geojson'));

const SPELLINGS: [string, string][] = [
  ['the same path', fac],
  ['a ./ and .. spelling', join(tmp, 'sub', '..', '.', 'facilities.geojson')],
  ['a relative path', relative(process.cwd(), fac)],
  ['a symlink to the input', join(tmp, 'link.geojson')],
  ['a hard link to the input', join(tmp, 'hard.geojson')],
];

async function refused(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
}

describe('output path resolving to an input', () => {
  for (const [what, out] of SPELLINGS)
    it(`audit --out refuses ${what}`, async () => {
      const msg = await refused(runAuditCommand(['--communities', comm, '--facilities', fac, '--out', out]));
      expect(msg).toContain('--facilities');
      expect(msg).toContain('refusing to overwrite an input');
      expect(readFileSync(fac).equals(facBytes)).toBe(true);
    });

  it('report --out refuses the communities file through a symlink', async () => {
    symlinkSync(comm, join(tmp, 'report.html'));
    const msg = await refused(runReportCommand(['--communities', comm, '--facilities', fac, '--out', join(tmp, 'report.html')]));
    expect(msg).toContain('--communities');
  });

  it('service-areas --out refuses the facilities file', async () => {
    const msg = await refused(runServiceAreas(['--facilities', fac, '--mode', 'euclidean', '--distances', '300', '--out', join(tmp, 'sub', '..', 'facilities.geojson')]));
    expect(msg).toContain('--facilities');
  });

  it('a shapefile sidecar counts as an input', () => {
    const dir = join(tmp, 'shp');
    mkdirSync(dir);
    for (const ext of ['shp', 'shx', 'DBF']) copyFileSync(fac, join(dir, `layer.${ext}`));
    expect(() => refuseOutputOverInput('--out', join(dir, 'layer.DBF'), { communities: join(dir, 'layer.shp') })).toThrow(/layer\.DBF/);
  });

  it('a new file beside the inputs is fine', () => {
    expect(() => refuseOutputOverInput('--out', join(tmp, 'new.json'), { communities: comm, facilities: fac })).not.toThrow();
  });

  it('the command exits 2 and leaves the input as it was', () => {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit.ts', '--communities', comm, '--facilities', fac, '--out', join(tmp, 'link.geojson')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to overwrite an input');
    expect(readFileSync(fac).equals(facBytes)).toBe(true);
  }, 150_000);
});
