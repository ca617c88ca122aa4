// Malformed input of every supported format: a clear problem naming the file, the feature (index
// or id) and the field; invalid features are left out, valid ones kept; nothing throws.
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../src/io/import/readLayer';
import type { ImportProblem, LayerKind } from '../../src/io/import/types';
import { fixtureFiles } from './fixtureFiles';

async function problems<K extends LayerKind>(rel: string, kind: K, options = {}) {
  const l = await readLayer(fixtureFiles(rel), kind, options);
  return { l, errors: l.problems.filter((p) => p.severity === 'error'), warnings: l.problems.filter((p) => p.severity === 'warning') };
}

const one = (errors: ImportProblem[]) => {
  expect(errors).toHaveLength(1);
  return errors[0];
};

describe('file-level format errors', () => {
  it('truncated .shp: records before the cut are kept, the cut record is named', async () => {
    const { l, errors } = await problems('malformed/truncated.shp', 'communities');
    const e = errors.find((x) => x.file.endsWith('truncated.shp'))!;
    expect(e.message).toMatch(/truncated in record 2/);
    expect(e.feature).toBe(2);
    expect(l.features.map((c) => c.id)).toEqual(['C001', 'C002']);
  });

  it('GeoJSON that is not JSON', async () => {
    const e = one((await problems('malformed/not-json.geojson', 'communities')).errors);
    expect(e.file).toMatch(/not-json\.geojson$/);
    expect(e.message).toMatch(/not valid JSON/);
  });

  it('CSV without coordinate columns lists the columns it has', async () => {
    const e = one((await problems('malformed/no-coordinates.csv', 'facilities')).errors);
    expect(e.message).toMatch(/no coordinate columns.*编码, 名称, 设施类型, 建筑面积.*经度\/纬度/);
  });

  it('XLSX that is not a zip', async () => {
    const e = one((await problems('malformed/not-a-zip.xlsx', 'facilities')).errors);
    expect(e.message).toMatch(/not an XLSX workbook/);
  });

  it('FlatGeobuf with bad magic bytes', async () => {
    const e = one((await problems('malformed/bad-magic.fgb', 'communities')).errors);
    expect(e.message).toMatch(/bad magic/);
  });
});

describe('feature-level errors name feature and field', () => {
  it('DBF with a bad record: households "abc" in record 2 (field 户数)', async () => {
    const { l, errors } = await problems('malformed/bad-record.shp', 'communities');
    const e = one(errors);
    expect(e).toMatchObject({ feature: '2 (id C003)', field: '户数' });
    expect(e.message).toMatch(/"abc" is not a number/);
    expect(l.features.map((c) => c.id)).toEqual(['C001', 'C002', 'C004', 'C005']);
  });

  it('non-numeric households', async () => {
    const e = one((await problems('malformed/non-numeric-households.geojson', 'communities')).errors);
    expect(e).toMatchObject({ feature: '1 (id C002)', field: 'households' });
    expect(e.message).toMatch(/"两千" is not a number/);
  });

  it('negative households', async () => {
    const e = one((await problems('malformed/negative-households.geojson', 'communities')).errors);
    expect(e).toMatchObject({ feature: '2 (id C003)', field: 'households' });
    expect(e.message).toMatch(/negative/);
  });

  it('unknown category', async () => {
    const { l, errors } = await problems('malformed/unknown-category.geojson', 'facilities');
    const e = one(errors);
    expect(e).toMatchObject({ feature: '2 (id F03)', field: 'category' });
    expect(e.message).toMatch(/"游泳馆" is not in the facility vocabulary/);
    expect(l.features).toHaveLength(10);
  });

  it('duplicate ids: the second one is rejected', async () => {
    const e = one((await problems('malformed/duplicate-ids.geojson', 'communities')).errors);
    expect(e).toMatchObject({ feature: '3 (id C001)', field: 'id' });
    expect(e.message).toMatch(/duplicate id "C001" \(also feature 0\)/);
  });

  it('unclosed ring', async () => {
    const e = one((await problems('malformed/unclosed-ring.geojson', 'communities')).errors);
    expect(e).toMatchObject({ feature: '0 (id C001)', field: 'geometry' });
    expect(e.message).toMatch(/outer ring is not closed/);
  });

  it('self-intersecting ring (bow-tie) is a warning on the feature', async () => {
    const { errors, warnings } = await problems('malformed/self-intersecting-ring.geojson', 'communities');
    expect(errors).toEqual([]);
    const w = one(warnings);
    expect(w).toMatchObject({ feature: '4 (id C005)', field: 'geometry' });
    expect(w.message).toMatch(/intersects itself/);
  });

  it('wrong geometry type', async () => {
    const e = one((await problems('malformed/point-as-community.geojson', 'communities')).errors);
    expect(e).toMatchObject({ feature: '0 (id C001)', field: 'geometry' });
    expect(e.message).toMatch(/Point, expected Polygon or MultiPolygon/);
  });

  it('a facility at longitude 204 is out of range', async () => {
    const e = one((await problems('malformed/coordinate-out-of-range.geojson', 'facilities')).errors);
    expect(e.message).toMatch(/cannot be longitude\/latitude/);
  });
});

describe('coordinates that do not fit the claimed CRS', () => {
  it('GeoJSON holding Gauss-Krüger metres: error, EPSG:4544 suggested from the hint, and it applies', async () => {
    const { errors, l } = await problems('malformed/metres-without-crs.geojson', 'communities', { hint: { lon: 104.07, lat: 30.67 } });
    expect(one(errors).message).toMatch(/cannot be longitude\/latitude.*EPSG:4544/);
    expect(l.features).toEqual([]);
    expect(l.crs.suggestions?.[0].crs).toBe('EPSG:4544');
    const ok = await problems('malformed/metres-without-crs.geojson', 'communities', { crs: 'EPSG:4544' });
    expect(ok.errors).toEqual([]);
    expect(ok.l.features).toHaveLength(5);
  });

  it('northing first is detected and the swap suggested; swapXY applies it', async () => {
    const { errors, l } = await problems('malformed/northing-first.geojson', 'communities', { crs: 'EPSG:4544' });
    expect(one(errors).message).toMatch(/with X\/Y swapped they land inside/);
    expect(l.crs.suggestions?.[0]).toMatchObject({ crs: 'EPSG:4544', swapXY: true });
    const ok = await problems('malformed/northing-first.geojson', 'communities', { crs: 'EPSG:4544', swapXY: true });
    expect(ok.errors).toEqual([]);
    const [lon, lat] = ok.l.features[0].geometry[0][0][0];
    expect(lon).toBeCloseTo(104.06, 2);
    expect(lat).toBeCloseTo(30.66, 2);
  });

  it('a CRS the user names that is not understood is an error, not an exception', async () => {
    const e = one((await problems('base/communities.geojson', 'communities', { crs: 'EPSG:9999' })).errors);
    expect(e.message).toMatch(/EPSG:9999 is not a supported CRS/);
  });

  it('an explicit field mapping to a missing field is an error', async () => {
    const e = one((await problems('base/communities.geojson', 'communities', { fieldMap: { households: 'HH_2023' } })).errors);
    expect(e.message).toMatch(/no field "HH_2023"/);
  });
});
