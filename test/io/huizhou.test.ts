// Real bureau data: Huizhou 仲恺 regulatory-plan parcels (/work/shared/data/real/huizhou-zhongkai,
// not in the repository). Its .qpj claims WGS 84, there is no .prj, and the numbers are CGCS2000
// 3-degree Gauss-Krüger metres, CM 114°E (README of the data folder).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../src/io/import/readLayer';

const DIR = join(__dirname, '..', '..', '..', 'shared', 'data', 'real', 'huizhou-zhongkai');
const present = existsSync(DIR);
if (!present) console.log(`huizhou.test.ts skipped: real data folder ${DIR} is absent`);

const files = (stem: string, rename = (n: string) => n) =>
  readdirSync(DIR).filter((f) => f.startsWith(`${stem}.`)).map((f) => ({ name: rename(join(DIR, f)), bytes: new Uint8Array(readFileSync(join(DIR, f))) }));

describe.skipIf(!present)('Huizhou parcels with a lying .qpj', () => {
  it('is detected as projected and EPSG:4547 suggested (location hint from the folder name)', async () => {
    const l = await readLayer(files('land'), 'green');
    expect(l.features).toEqual([]);
    expect(l.crs.from).toBe('qpj');
    expect(l.problems[0].message).toMatch(/cannot be longitude\/latitude but the file claims WGS 84 \(from the \.qpj\)/);
    expect(l.crs.suggestions?.[0].crs).toBe('EPSG:4547');
  });

  it('EPSG:4547 is suggested without any name hint too (population prior)', async () => {
    const l = await readLayer(files('land', (n) => n.replace(DIR, '/data/x')), 'green');
    expect(l.crs.suggestions?.[0].crs).toBe('EPSG:4547');
  });

  it('with another city loaded (Chengdu, 30.7°N) every plausible zone is offered from the file\'s own coordinates, EPSG:4547 first', async () => {
    // Northings 2,545,681…2,547,982 put the parcels at ≈23.0°N whatever the zone; at 23°N China spans
    // about 97.5°E (Yunnan) to 122°E (Taiwan), so with the easting 33 km east of a central meridian
    // the plausible 3-degree zones are CM 96…123°E: EPSG:4541…4550. Chengdu is not in that band.
    const l = await readLayer(files('land', (n) => n.replace(DIR, '/data/x')), 'green', { hint: { lon: 104.07, lat: 30.67 } });
    const codes = l.crs.suggestions!.map((s) => s.crs);
    expect([...codes].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `EPSG:${4541 + i}`));
    expect(codes[0]).toBe('EPSG:4547');
    expect(l.crs.suggestions![0].reason.zh).toMatch(/位置提示（已载入的其他图层）在 30\.7°N，与本文件的纬度不符，未采用/);
  });

  it('once applied the 79 parcels land in Huizhou Zhongkai (≈114.3°E, 23.0°N)', async () => {
    const l = await readLayer(files('land'), 'green', { crs: 'EPSG:4547' });
    expect(l.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(l.features).toHaveLength(79);
    const pts = l.features.flatMap((g) => g.geometry.flat(2));
    const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    // Extent per ogrinfo: E 532189…533924, N 2545681…2547982; 33 km east of CM 114 at 23°N ≈ +0.32°.
    expect(lon).toBeGreaterThan(114.3);
    expect(lon).toBeLessThan(114.36);
    expect(lat).toBeGreaterThan(22.99);
    expect(lat).toBeLessThan(23.05);
  });

  it('the main roads read as road lines in the same CRS', async () => {
    const l = await readLayer(files('mainroad'), 'roads', { crs: 'EPSG:4547' });
    expect(l.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(l.features.length).toBeGreaterThanOrEqual(3);
  });
});
