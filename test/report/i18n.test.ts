// The report's strings: the same keys in both languages, and the rule, category, unit and warning
// names worded as in the app (so a failure reads the same in the app and in the report).
import { describe, expect, it } from 'vitest';
import zh from '../../src/report/i18n/zh.json';
import en from '../../src/report/i18n/en.json';
import appZh from '../../src/ui/i18n/zh.json';
import appEn from '../../src/ui/i18n/en.json';
import { reportTranslator } from '../../src/report/translate';

const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));

describe('report strings', () => {
  it('have identical keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('name rules, categories, units and warnings as the app does', () => {
    for (const [report, app] of [[zh, appZh], [en, appEn]] as const) {
      expect(report.rule).toEqual(app.rule);
      expect(report.category).toEqual(app.category);
      expect(report.unit).toEqual(app.unit);
      expect(report.warning).toEqual(app.warning);
      expect(report.failure).toEqual(app.failure);
    }
  });

  it('interpolate and fall back to the key for an unknown one', () => {
    const t = reportTranslator('zh');
    expect(t('unit.m2', { value: '1,200' })).toBe('1,200 m²');
    expect(t('no.such.key')).toBe('no.such.key');
  });
});
