// The XLSX indicators sheet, read back with the independent reader, on the hand-computed town of
// test/engine/indicators (floor area per 100 households 1200 / 4000 × 100 = 30, met; 东街 has a
// service facility in both its communities).
import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../../src/engine/audit';
import { defaultPreset } from '../../../src/engine/presets';
import { auditToXlsx } from '../../../src/io/export/index';
import { town } from '../../engine/indicators/town';
import { readBackXlsx, sheetRecords } from './readBackXlsx';

describe('XLSX indicators sheet', () => {
  const preset = defaultPreset();
  const result = auditDataset(town(), preset);

  it('whole area first, numbers as numbers, target, met and source', () => {
    const sheets = readBackXlsx(auditToXlsx(result, { preset }));
    expect(sheets.map((s) => s.name)).toEqual(['communities', 'failures', 'parameters', 'indicators']);
    const rows = sheetRecords(sheets[3]);
    const per100 = rows.find((r) => r.scope?.value === 'all' && r.indicator?.value === 'areaPer100Households')!;
    expect(per100.value?.value).toBeCloseTo(30, 9);
    expect(per100.numerator?.value).toBe(1200);
    expect(per100.denominator?.value).toBe(4000);
    expect(per100.target?.value).toBe(30);
    expect(per100.targetBound?.value).toBe('≥');
    expect(per100.met?.value).toBe(true);
    expect(String(per100.source?.value)).toContain('action 5');
    expect(per100.sentence?.value).toBe('"community service facilities of at least 30 m² per 100 resident households"');
    const east = rows.find((r) => r.scope?.value === '东街' && r.indicator?.value === 'serviceFacilityCoverage')!;
    expect(east.value?.value).toBe(1);
    expect(rows.filter((r) => r.scope?.value === 'no street').length).toBeGreaterThan(0);
  });

  it('Chinese sheet name and headers', () => {
    const sheets = readBackXlsx(auditToXlsx(result, { preset, chineseHeaders: true }));
    expect(sheets[3].name).toBe('整体指标');
    expect(sheets[3].rows[0]!.map((c) => c?.value).slice(0, 4)).toEqual(['范围', '指标', '名称', '数值']);
    expect(sheets[3].rows[1]![0]?.value).toBe('全域');
  });
});
