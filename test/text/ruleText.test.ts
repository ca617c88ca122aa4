import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import zh from '../../src/ui/i18n/zh.json';
import en from '../../src/ui/i18n/en.json';
import { failureText } from '../../src/text/ruleText';
import { getPreset } from '../../src/engine/presets';
import { ruleSources } from '../../src/engine/citation';
import type { RulePreset } from '../../src/engine/types';

const national = getPreset('national-2022') as RulePreset;
const sources = ruleSources(national);

async function translator(lng: 'zh' | 'en') {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { zh: { translation: zh }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i.t.bind(i) as (k: string, v?: Record<string, unknown>) => string;
}

describe('failure text', () => {
  it('states actual vs required with units (Chinese)', async () => {
    const t = await translator('zh');
    const f = failureText({ rule: 'areaPer100Households', actual: 22.14, required: 30, bound: 'min', source: sources.areaPer100Households }, t, 'zh', national);
    expect(f.line).toBe('社区综合服务设施每百户面积 22.1 m²/百户 < 要求 30 m²/百户');
    const lc = failureText({ rule: 'lifeCircle', actual: 0.4, required: 0.9, bound: 'min', tier: '5', category: 'kindergarten', source: sources.lifeCircle }, t, 'zh', national);
    expect(lc.line).toBe('生活圈覆盖 · 5分钟 幼儿园 40.0% < 要求 90.0%');
    expect(f.source).toBe('城乡社区服务能力提升行动方案（节选，未载明发文城市），（五）城乡社区服务效能提升行动');
  });
  it('is translated (English) and handles missing actual values', async () => {
    const t = await translator('en');
    const f = failureText({ rule: 'stationMinArea', actual: null, required: 300, bound: 'min', source: sources.stationMinArea }, t, 'en', national);
    expect(f.line).toBe('Community service station size cannot be computed < required 300 m²');
    expect(f.source).toMatch(/^urban: Yan'an Social Governance Plan Outline/);
  });
  it('every key used for rules and categories exists in both languages', () => {
    for (const k of Object.keys(zh.rule)) expect(Object.keys(en.rule)).toContain(k);
    for (const k of Object.keys(zh.category)) expect(Object.keys(en.category)).toContain(k);
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, p + k + '.') : [p + k]));
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
});
