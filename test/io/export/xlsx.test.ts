// XLSX export: read back with an independent reader (readBackXlsx: fflate + fast-xml-parser), the
// workbook holds the audit's numbers as number cells, text as shared strings (never a formula),
// and formula-like text carries Excel's quotePrefix so that editing the cell keeps it text.
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../../src/engine/types';
import { communityResult, PARAMETERS } from './auditFixture';
import { getPreset } from '../../../src/engine/presets';
import { ruleCitation } from '../../../src/engine/citation';
import { auditToCsv, auditToXlsx, writeXlsx } from '../../../src/io/export/index';
import { columnName, xmlText } from '../../../src/io/export/xlsxWriter';
import { readBackXlsx, sheetRecords } from './readBackXlsx';


const audit: AuditResult = {
  preset: 'national-2022',
  parameters: PARAMETERS,
  communities: [
    communityResult({}),
    communityResult({ id: 'C2', name: '=HYPERLINK("http://x","y")', street: '-2+3', households: 1800, serviceArea_m2: 350, areaPer100Households_m2: 19.444444444, status: 'fail',
      failures: [
        { rule: 'areaPer100Households', actual: 19.444444444, required: 30, bound: 'min', source: { zh: '依据 <b>', en: 'source <b>' } },
        { rule: 'lifeCircle', actual: 0.4, required: 0.9, bound: 'min', tier: '5', category: 'kindergarten', source: { zh: '生活圈依据', en: 'life-circle source' } },
      ] }),
    communityResult({ id: 'C3', name: '<b>=1+1</b>', street: '@x', households: null, areaPer100Households_m2: null }),
  ],
  summary: { communities: 3, failing: 1, byRule: { areaPer100Households: 1, lifeCircle: 1 }, households: 4300 },
  warnings: [],
};

describe('XLSX writer', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('keeps the XML well-formed whatever the text holds', () => {
    expect(xmlText('a\u0001b<&>"')).toBe('a\uFFFDb&lt;&amp;&gt;&quot;');
    const wb = readBackXlsx(writeXlsx([{ name: 'x', rows: [['bell\u0007', 'ok \uD800 lone', '  padded  ']] }]));
    expect(wb[0].rows[0]!.map((c) => c?.value)).toEqual(['bell\uFFFD', 'ok \uFFFD lone', '  padded  ']);
  });

  it('refuses sheet names Excel refuses', () => {
    expect(() => writeXlsx([{ name: 'a/b', rows: [] }])).toThrow(/invalid sheet name/);
    expect(() => writeXlsx([{ name: 'x'.repeat(32), rows: [] }])).toThrow(/invalid sheet name/);
    expect(() => writeXlsx([{ name: 'A', rows: [] }, { name: 'a', rows: [] }])).toThrow(/given twice/);
  });
});

describe('XLSX export of an audit', () => {
  const national = getPreset('national-2022')!;
  const sheets = readBackXlsx(auditToXlsx(audit, { preset: national }));

  it('has the sheets communities, failures and parameters', () => {
    expect(sheets.map((s) => s.name)).toEqual(['communities', 'failures', 'parameters']);
  });

  it('communities: the CSV columns in the same order, numbers as number cells equal to the result', () => {
    const csvHeader = auditToCsv(audit).replace(/^\uFEFF/, '').split('\r\n')[0].split(',');
    expect(sheets[0].rows[0]!.map((c) => c?.value)).toEqual(csvHeader);
    const rows = sheetRecords(sheets[0]);
    expect(rows.map((r) => r.id?.value)).toEqual(['C1', 'C2', 'C3']);
    expect(rows[1].households).toMatchObject({ type: 'n', value: 1800 });
    expect(rows[1].areaPer100Households_m2).toMatchObject({ type: 'n' });
    expect(rows[1].areaPer100Households_m2!.value as number).toBeCloseTo(19.444444, 6);
    expect(rows[0].lifeCircle_10_supermarket).toMatchObject({ type: 'n', value: 0.5 });
    expect(rows[0].populationEstimated).toMatchObject({ type: 'b', value: true });
    // Unknown households: an empty cell, not 0 or "null".
    expect(rows[2].households).toBeUndefined();
  });

  it('no cell is a formula; formula-like text is stored literally, marked quotePrefix', () => {
    for (const s of sheets) expect(s.xml).not.toMatch(/<f[ >]/);
    const rows = sheetRecords(sheets[0]);
    expect(rows[1].name).toMatchObject({ type: 's', value: '=HYPERLINK("http://x","y")', quotePrefix: true });
    expect(rows[1].street).toMatchObject({ type: 's', value: '-2+3', quotePrefix: true });
    expect(rows[2].name).toMatchObject({ type: 's', value: '<b>=1+1</b>', quotePrefix: false });
    expect(rows[2].street).toMatchObject({ type: 's', value: '@x', quotePrefix: true });
  });

  it('failures: one row per failure with community, rule, actual, required and source', () => {
    const f = sheetRecords(sheets[1]);
    expect(f).toHaveLength(2);
    expect(f.map((r) => [r.communityId?.value, r.communityName?.value, r.rule?.value, r.tier?.value, r.category?.value, r.actual?.value, r.required?.value, r.source?.value])).toEqual([
      ['C2', '=HYPERLINK("http://x","y")', 'areaPer100Households', undefined, undefined, 19.444444444, 30, 'source <b>'],
      ['C2', '=HYPERLINK("http://x","y")', 'lifeCircle', '5', 'kindergarten', 0.4, 0.9, 'life-circle source'],
    ]);
  });

  it('parameters: preset, mode, tier distances and rule thresholds with their sources', () => {
    const p = new Map(sheetRecords(sheets[2]).map((r) => [r.parameter?.value, r]));
    expect(p.get('preset')?.value?.value).toBe('national-2022');
    expect(p.get('mode')?.value?.value).toBe('euclidean');
    expect(p.get('tiers.5.distance_m')?.value).toMatchObject({ type: 'n', value: 300 });
    expect(p.get('rules.areaPer100Households.threshold')?.value?.value).toBe(30);
    expect(p.get('rules.areaPer100Households.threshold')?.source?.value).toBe(ruleCitation(national, 'areaPer100Households', 'en'));
    expect(p.get('rules.outdoorVenue.minArea')).toBeUndefined(); // off in national-2022
  });

  it('Chinese sheet names and headers on request', () => {
    const zh = readBackXlsx(auditToXlsx(audit, { chineseHeaders: true }));
    expect(zh.map((s) => s.name)).toEqual(['社区', '未达标项', '参数']);
    expect(zh[0].rows[0]!.slice(0, 3).map((c) => c?.value)).toEqual(['编码', '名称', '城乡']);
    // Citations in the headers' language.
    expect(sheetRecords(zh[1]).map((r) => r['依据']?.value)).toEqual(['依据 <b>', '生活圈依据']);
  });
});
