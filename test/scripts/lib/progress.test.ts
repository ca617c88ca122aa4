// Long command runs report progress on stderr; short ones stay silent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../scripts/lib/progress';
import { MAX_BANDS, MAX_DISTANCES, runServiceAreas } from '../../../scripts/serviceAreas';
import { InputError } from '../../../scripts/lib/index';
import { FIXTURES } from '../../io/fixtureFiles';

function clocked() {
  let t = 0;
  const lines: string[] = [];
  const p = createProgress({ now: () => t, write: (l) => lines.push(l) });
  return { p, lines, at: (ms: number) => { t = ms; } };
}

describe('progress on stderr', () => {
  it('silent for the first 2 s, then at most one line a second per stage, and the last step', () => {
    const { p, lines, at } = clocked();
    p.report('auditing communities', 10, 100);
    at(1999); p.report('auditing communities', 20, 100);
    expect(lines).toEqual([]);
    at(2000); p.report('auditing communities', 30, 100);
    at(2500); p.report('auditing communities', 40, 100);
    at(3000); p.report('auditing communities', 50, 100);
    at(3100); p.report('auditing communities', 100, 100);
    expect(lines).toEqual(['auditing communities: 30/100 (30%), 2 s', 'auditing communities: 50/100 (50%), 3 s', 'auditing communities: 100/100 (100%), 3 s']);
  });

  it('a stage that ends before it was ever shown prints nothing', () => {
    const { p, lines, at } = clocked();
    at(5000); p.report('reading x.geojson', 10, 10);
    expect(lines).toEqual([]);
  });
});

describe('service-areas bounds the work it accepts', () => {
  const fac = `${FIXTURES}/base/facilities.geojson`;
  it(`more than ${MAX_DISTANCES} distances are refused before any file is read`, async () => {
    const many = Array.from({ length: 2000 }, (_, i) => 10 + i).join(',');
    const e = await runServiceAreas(['--facilities', '/nonexistent.geojson', '--mode', 'euclidean', '--distances', many]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/--distances: 2000 distances; at most 20/);
  });

  it(`more than ${MAX_BANDS} bands (facilities × distances) are refused naming the file`, async () => {
    // 10,001 facilities × 20 distances = 200,020 bands.
    const features = Array.from({ length: 10_001 }, (_, i) => ({ type: 'Feature', properties: { id: `F${i}`, category: 'kindergarten' }, geometry: { type: 'Point', coordinates: [104 + (i % 100) * 1e-4, 30 + Math.floor(i / 100) * 1e-4] } }));
    const dir = mkdtempSync(join(tmpdir(), 'bands-'));
    const many = join(dir, 'many.geojson');
    writeFileSync(many, JSON.stringify({ type: 'FeatureCollection', features }));
    const twenty = Array.from({ length: 20 }, (_, i) => 50 * (i + 1)).join(',');
    const e = await runServiceAreas(['--facilities', many, '--mode', 'euclidean', '--distances', twenty]).catch((x: unknown) => x);
    rmSync(dir, { recursive: true, force: true });
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/many\.geojson: 10001 facilities × 20 distances = 200020 bands; at most 200000/);
    // The small fixture with the same 20 distances runs.
    const r = await runServiceAreas(['--facilities', fac, '--mode', 'euclidean', '--distances', twenty]);
    expect(r.collection.features.length % 20).toBe(0);
  });
});
