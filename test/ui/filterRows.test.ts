import { describe, expect, it } from 'vitest';
import { filterRows, streetsOf, type Row } from '../../src/ui/table/filterRows';
import { DEFAULT_UI } from '../../src/ui/state/uiChoices';
import type { CommunityResult, Failure } from '../../src/engine/types';

const fail = (rule: Failure['rule']): Failure => ({ rule, actual: 1, required: 2, bound: 'min', source: { zh: 's', en: 's' } });
const row = (index: number, id: string, name: string, street: string, setting: 'urban' | 'rural', failures: Failure[]): Row => ({
  index, id, name, street, setting, failures, status: failures.length ? 'fail' : 'pass',
} as Partial<CommunityResult> as Row);

const rows = [
  row(0, 'SQ001', '东关社区', '东城街道', 'urban', [fail('areaPer100Households')]),
  row(1, 'SQ002', '西门社区', '西城街道', 'urban', []),
  row(2, 'SQ003', '南苑村', '西城街道', 'rural', [fail('parkCoverage'), fail('lifeCircle')]),
];
const f = DEFAULT_UI.filters;

describe('filterRows', () => {
  it('filters failing only, by rule, street, setting and search', () => {
    expect(filterRows(rows, f).map((r) => r.id)).toEqual(['SQ001', 'SQ002', 'SQ003']);
    expect(filterRows(rows, { ...f, failingOnly: true }).map((r) => r.id)).toEqual(['SQ001', 'SQ003']);
    expect(filterRows(rows, { ...f, rule: 'parkCoverage' }).map((r) => r.id)).toEqual(['SQ003']);
    expect(filterRows(rows, { ...f, street: '西城街道' }).map((r) => r.id)).toEqual(['SQ002', 'SQ003']);
    expect(filterRows(rows, { ...f, setting: 'rural' }).map((r) => r.id)).toEqual(['SQ003']);
    expect(filterRows(rows, { ...f, search: '西门' }).map((r) => r.id)).toEqual(['SQ002']);
    expect(filterRows(rows, { ...f, search: 'sq00' }).map((r) => r.id)).toEqual(['SQ001', 'SQ002', 'SQ003']);
    expect(filterRows(rows, { ...f, search: 'zzz' })).toEqual([]);
  });

  it('lists distinct streets', () => {
    expect(streetsOf(rows)).toHaveLength(2);
  });
});
