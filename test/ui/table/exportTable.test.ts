// The table's CSV export writes what the table shows (filter and sort, or all rows on request),
// with the table's labels and rounding in the UI's language and no internal keys.
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import zh from '../../../src/ui/i18n/zh.json';
import en from '../../../src/ui/i18n/en.json';
import { tableCsv, type TableExportInput } from '../../../src/ui/table/exportTable';
import { DEFAULT_UI } from '../../../src/ui/state/uiChoices';
import { getPreset } from '../../../src/engine/presets';
import type { AuditResult, CommunityResult, Failure, RulePreset } from '../../../src/engine/types';

const preset = getPreset('national-2022') as RulePreset;
const src = { zh: '来源', en: 'source' };

async function translator(lng: 'zh' | 'en') {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { zh: { translation: zh }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i.t.bind(i) as (k: string, v?: Record<string, unknown>) => string;
}

function community(id: string, name: string, failures: Failure[], park = 0.5): CommunityResult {
  return {
    id, name, setting: 'urban', street: '东城街道', households: 1234, population: null, populationEstimated: false, area_m2: 1, serviceArea_m2: 0,
    areaPer100Households_m2: 31.25, largestStation_m2: 420.4, greenCoverage: 1, parkCoverage: park, lifeCircles: {}, sixOnes: {}, extra: {},
    facilityIds: [], estimates: [], status: failures.length ? 'fail' : 'pass', failures,
  };
}

const sixOnesGroup = preset.rules.sixOnes.groups[0];
const result: AuditResult = {
  preset: preset.id,
  parameters: {} as AuditResult['parameters'],
  communities: [
    community('510102001', '东关社区', [{ rule: 'sixOnes', actual: 0.592, required: 0.9, bound: 'min', group: sixOnesGroup.key, source: src }]),
    community('510102002', '西门社区', []),
    // 47.29 % is shown as 47.2 % in the UI (shares truncate at one decimal), never 47.3.
    community('510102003', '南苑社区', [
      { rule: 'parkCoverage', actual: 0.4729, required: 0.9, bound: 'min', source: src },
      { rule: 'lifeCircle', actual: 0.4, required: 0.9, bound: 'min', tier: '5', category: 'elderly_care', source: src },
    ], 0.4729),
  ],
  summary: {} as AuditResult['summary'],
  warnings: [],
};

const parse = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));

async function input(lang: 'zh' | 'en', patch: Partial<TableExportInput> = {}): Promise<TableExportInput> {
  return { result, preset, filters: DEFAULT_UI.filters, sort: DEFAULT_UI.tableSort, t: await translator(lang), lang, ...patch };
}

describe('table CSV export', () => {
  it('writes only the rows the filter shows, in the table order; "all" writes every row', async () => {
    const shown = parse(tableCsv(await input('zh', { filters: { ...DEFAULT_UI.filters, failingOnly: true } }), 'shown'));
    // Sorted by number of failures, most first: 南苑 (2), 东关 (1).
    expect(shown.slice(1).map((r) => r[0])).toEqual(['510102003', '510102001']);
    const all = parse(tableCsv(await input('zh', { filters: { ...DEFAULT_UI.filters, failingOnly: true }, sort: { id: 'id', desc: false } }), 'all'));
    expect(all.slice(1).map((r) => r[0])).toEqual(['510102001', '510102002', '510102003']);
  });

  it('has one header row with no repeated label, in the UI language', async () => {
    const zhRows = parse(tableCsv(await input('zh'), 'shown'));
    const header = zhRows[0];
    expect(new Set(header).size).toBe(header.length);
    expect(header).toEqual(['编号', '社区', '街道', '户数', '每百户面积 (m²)', '最大服务站 (m²)', '见绿 (%)', '见园 (%)', '未达标项', '状态', '未达标说明']);
    expect(zhRows.filter((r) => r[0] === '编号')).toHaveLength(1);
    const enHeader = parse(tableCsv(await input('en'), 'shown'))[0];
    expect(enHeader[0]).toBe('ID');
    expect(enHeader.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('rounds as the UI does and keeps 9-digit codes whole', async () => {
    const rows = parse(tableCsv(await input('zh', { sort: { id: 'id', desc: false } }), 'shown'));
    const nanyuan = rows.find((r) => r[1] === '南苑社区')!;
    expect(nanyuan[0]).toBe('510102003');
    expect(nanyuan[7]).toBe('47.2');
    expect(nanyuan[3]).toBe('1234');
    expect(nanyuan[4]).toBe('31.3');
    expect(nanyuan[5]).toBe('420');
    expect(nanyuan[9]).toBe('未达标');
  });

  it('spells failures out with no internal keys', async () => {
    const csv = tableCsv(await input('zh'), 'all');
    expect(csv).toContain(`缺少：${sixOnesGroup.label.zh}`);
    expect(csv).toContain('养老');
    expect(csv).not.toContain(sixOnesGroup.key);
    expect(csv).not.toMatch(/elderly|parkCoverage|lifeCircle|sixOnes/);
    const enCsv = tableCsv(await input('en'), 'all');
    expect(enCsv).toContain(sixOnesGroup.label.en);
  });
});
