// The same small dataset (5 communities, 11 facilities, 2 green polygons near Chengdu) imported
// from every format the bureaus send: GeoJSON WGS84 (reference), Shapefile in EPSG:4544 with
// Chinese field names as UTF-8 (.cpg) and GBK (no .cpg), a zipped Shapefile, CSV in GCJ-02 with
// Chinese headers and category names, XLSX. Fixtures made with GDAL/gcoord (fixtures/io/build.sh).
// Checks: coordinates within 1 m of the reference (haversine, not proj4), attributes equal, and
// the audit gives the same figures.
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../src/io/import/readLayer';
import type { LayerImport, LayerKind } from '../../src/io/import/types';
import type { Community, Dataset, Facility, GreenSpace } from '../../src/engine/types';
import { auditDataset } from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import { fixtureFiles, haversine } from './fixtureFiles';

async function layer<K extends LayerKind>(rel: string, kind: K, options = {}): Promise<LayerImport<K>> {
  const l = await readLayer(fixtureFiles(rel), kind, options);
  expect(l.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return l;
}

/** Every vertex of a within 1 m of some vertex of b, and the same number of vertices. */
function sameOutline(a: Community | GreenSpace, b: Community | GreenSpace): number {
  const pa = a.geometry.flat(2);
  const pb = b.geometry.flat(2);
  expect(pb.length).toBe(pa.length);
  let worst = 0;
  for (const p of pa) worst = Math.max(worst, Math.min(...pb.map((q) => haversine(p, q))));
  return worst;
}

async function reference() {
  const communities = (await layer('base/communities.geojson', 'communities')).features;
  const facilities = (await layer('base/facilities.geojson', 'facilities')).features;
  const green = (await layer('base/green.geojson', 'green')).features;
  return { communities, facilities, green } satisfies Dataset;
}

describe('round trip of one dataset through every import format', () => {
  it('GeoJSON reference reads as written', async () => {
    const ref = await reference();
    expect(ref.communities.map((c) => [c.id, c.name, c.households, c.setting])).toEqual([
      ['C001', '锦苑社区', 2500, 'urban'], ['C002', '桂花社区', 1800, 'urban'], ['C003', '玉林社区', 3200, 'urban'],
      ['C004', '芳草社区', 1200, 'urban'], ['C005', '三河村', 600, 'rural'],
    ]);
    expect(ref.facilities).toHaveLength(11);
    expect(ref.green.map((g) => g.kind)).toEqual(['park', 'green']);
  });

  for (const [label, dir, encoding] of [['UTF-8 with .cpg', 'shp-utf8', 'utf-8'], ['GBK without .cpg', 'shp-gbk', 'gb18030']] as const) {
    it(`Shapefile EPSG:4544, Chinese field names, ${label}: same features within 1 m and same audit`, async () => {
      const ref = await reference();
      const c = await layer(`${dir}/communities.shp`, 'communities');
      const f = await layer(`${dir}/facilities.shp`, 'facilities');
      const g = await layer(`${dir}/green.shp`, 'green');
      expect(c.crs.source).toBe('EPSG:4544');
      expect(c.crs.from).toBe('prj');
      expect(c.encoding?.encoding).toBe(encoding);
      expect(c.encoding?.from).toBe(encoding === 'utf-8' ? 'cpg' : 'detected');
      expect(c.fieldMap).toMatchObject({ id: '编码', name: '名称', households: '户数', setting: '城乡' });
      expect(f.fieldMap).toMatchObject({ id: '编码', name: '名称', category: '类型', area: '面积' });
      expect(c.features.map((x) => [x.id, x.name, x.households, x.setting])).toEqual(ref.communities.map((x) => [x.id, x.name, x.households, x.setting]));
      c.features.forEach((x, i) => expect(sameOutline(x, ref.communities[i])).toBeLessThan(1));
      g.features.forEach((x, i) => expect(sameOutline(x, ref.green[i])).toBeLessThan(1));
      expect(g.features.map((x) => x.kind)).toEqual(['park', 'green']);
      f.features.forEach((x, i) => {
        expect([x.id, x.name, x.category, x.floorArea]).toEqual([ref.facilities[i].id, ref.facilities[i].name, ref.facilities[i].category, ref.facilities[i].floorArea]);
        expect(haversine(x.position, ref.facilities[i].position)).toBeLessThan(1);
      });
      const preset = defaultPreset();
      const a = auditDataset(ref, preset);
      const b = auditDataset({ communities: c.features, facilities: f.features, green: g.features }, preset);
      b.communities.forEach((r, i) => {
        const s = a.communities[i];
        expect(r.serviceArea_m2).toBe(s.serviceArea_m2);
        expect(r.largestStation_m2).toBe(s.largestStation_m2);
        expect(r.area_m2).toBeCloseTo(s.area_m2, -1); // < 5 m² on ~170,000 m²
        expect(Math.abs(r.greenCoverage - s.greenCoverage)).toBeLessThan(0.005);
        expect(Math.abs(r.parkCoverage - s.parkCoverage)).toBeLessThan(0.005);
        expect(r.status).toBe(s.status);
      });
    });
  }

  it('zipped Shapefile reads like the loose set', async () => {
    const z = await layer('shp-utf8-communities.zip', 'communities');
    const s = await layer('shp-utf8/communities.shp', 'communities');
    expect(z.format).toBe('shapefile');
    expect(z.features).toEqual(s.features);
  });

  it('CSV in GCJ-02 with Chinese headers and category names: WGS84 within 1 m, correction recorded', async () => {
    const ref = await reference();
    const f = await layer('tables/facilities-gcj02.csv', 'facilities', { crs: 'GCJ02' });
    expect(f.crs.correction).toBe('GCJ02→WGS84');
    expect(f.fieldMap).toMatchObject({ id: '编码', category: '设施类型', area: '建筑面积' });
    f.features.forEach((x, i) => {
      expect(x.category).toBe(ref.facilities[i].category);
      expect(x.floorArea).toBe(ref.facilities[i].floorArea);
      expect(haversine(x.position, ref.facilities[i].position)).toBeLessThan(1);
    });
    // Without the correction the points sit hundreds of metres off (GCJ-02 offset in Chengdu ≈ 300 m+).
    const raw = await layer('tables/facilities-gcj02.csv', 'facilities');
    expect(haversine(raw.features[0].position, ref.facilities[0].position)).toBeGreaterThan(100);
  });

  it('XLSX facilities table (lng/lat columns) matches the reference', async () => {
    const ref = await reference();
    const f = await layer('tables/facilities.xlsx', 'facilities');
    expect(f.format).toBe('xlsx');
    expect(f.features.map((x) => [x.id, x.name, x.category, x.floorArea])).toEqual(ref.facilities.map((x: Facility) => [x.id, x.name, x.category, x.floorArea]));
    f.features.forEach((x, i) => expect(haversine(x.position, ref.facilities[i].position)).toBeLessThan(0.01));
  });
});
