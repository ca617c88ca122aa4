// Exports of an audit result: CSV (BOM, formula-safe, numbers stay numbers), GeoJSON and
// FlatGeobuf (communities with the scalar results, read back).
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { AuditResult, Community } from '../../../src/engine/types';
import { communityResult, PARAMETERS } from './auditFixture';
import { auditToCsv, auditToFlatGeobuf, auditToGeoJSON, auditToJson, neutraliseFormula } from '../../../src/io/export/index';
import { readFlatGeobuf } from '../../../src/io/flatgeobuf';

const square: Community['geometry'] = [[[[104, 30], [104.01, 30], [104.01, 30.01], [104, 30.01], [104, 30]]]];

const audit: AuditResult = {
  preset: 'national-2022',
  parameters: PARAMETERS,
  communities: [
    communityResult({}),
    communityResult({ id: 'C2', name: '=HYPERLINK("http://x","y")', street: '-2+3', households: 100, areaPer100Households_m2: -3.5, status: 'fail',
      failures: [{ rule: 'areaPer100Households', actual: -3.5, required: 30, bound: 'min', source: { zh: '来源', en: 'source' } }] }),
    communityResult({ id: 'C3', name: '@SUM(A1)', street: '\tx', households: null, areaPer100Households_m2: null }),
    communityResult({ id: 'C4', name: '+1, "quoted"', street: '\rcr' }),
  ],
  summary: { communities: 4, failing: 1, byRule: { areaPer100Households: 1 }, households: 2600 },
  warnings: [],
};
const communities: Community[] = ['C1', 'C2', 'C3', 'C4'].map((id) => ({ id, name: id, households: 1, setting: 'urban', geometry: square }));

describe('CSV export', () => {
  const csv = auditToCsv(audit);
  const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

  it('starts with the UTF-8 BOM and has one row per community', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(rows.map((r) => r.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
  });

  it('no cell starts with = + - @ tab or CR unless it is a number', () => {
    for (const r of rows)
      for (const [k, v] of Object.entries(r)) if (/^[=+\-@\t\r]/.test(v)) expect(Number.isFinite(Number(v)), `${k}: ${v}`).toBe(true);
    expect(rows[1].name).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[1].street).toBe(`'-2+3`);
    expect(rows[2].name).toBe(`'@SUM(A1)`);
    expect(rows[2].street).toBe(`'\tx`);
    expect(rows[3].name).toBe(`'+1, "quoted"`);
    expect(rows[3].street).toBe(`'\rcr`);
  });

  it('negative numbers stay numbers; null is empty', () => {
    expect(rows[1].areaPer100Households_m2).toBe('-3.5');
    expect(rows[2].households).toBe('');
    expect(rows[1].failures).toBe('areaPer100Households -3.5 < 30');
  });

  it('life-circle columns by tier then category', () => {
    expect(Object.keys(rows[0]).filter((k) => k.startsWith('lifeCircle'))).toEqual(['lifeCircle_5_kindergarten', 'lifeCircle_10_supermarket']);
  });

  it('Chinese headers on request', () => {
    const zh = auditToCsv(audit, { chineseHeaders: true });
    expect(zh.split('\r\n')[0]).toMatch(/^\uFEFF编码,名称,城乡,街道,户数,人口/);
    expect(zh).toContain('5分钟_kindergarten_覆盖率');
  });

  it('neutraliseFormula leaves ordinary text alone', () => {
    expect(neutraliseFormula('玉林社区')).toBe('玉林社区');
    expect(neutraliseFormula('a=b')).toBe('a=b');
  });
});

describe('GeoJSON, FlatGeobuf and JSON exports', () => {
  it('GeoJSON: community geometry with scalar properties', () => {
    const fc = auditToGeoJSON(audit, communities);
    expect(fc.features).toHaveLength(4);
    expect(fc.features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: square });
    expect(fc.features[1].properties).toMatchObject({ id: 'C2', areaPer100Households_m2: -3.5, status: 'fail', lifeCircle_5_kindergarten: 1 });
  });

  it('FlatGeobuf reads back with the same values', async () => {
    const { collection, epsg } = await readFlatGeobuf(auditToFlatGeobuf(audit, communities));
    expect(epsg).toBe(4326);
    expect(collection.features.map((f) => f.properties?.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(collection.features[1].properties).toMatchObject({ name: '=HYPERLINK("http://x","y")', areaPer100Households_m2: -3.5, greenCoverage: 0.5, status: 'fail' });
    expect(Number.isNaN(collection.features[2].properties?.areaPer100Households_m2)).toBe(true);
    const ring = (collection.features[0].geometry as { coordinates: number[][][][] }).coordinates[0][0];
    expect(ring).toEqual(square[0][0]);
  });

  it('JSON has the audit-cli.md keys', () => {
    const j = JSON.parse(auditToJson(audit));
    expect(Object.keys(j)).toEqual(['preset', 'parameters', 'communities', 'summary', 'warnings']);
    expect(j.communities[1]).toMatchObject({ id: 'C2', serviceArea_m2: 800, areaPer100Households_m2: -3.5, lifeCircles: { '5': { kindergarten: 1 } }, failures: [{ rule: 'areaPer100Households', actual: -3.5, required: 30 }] });
  });
});
