// Human text for rule failures: "社区综合服务设施每百户面积 22.1 m²/百户 < 要求 30 m²/百户", each figure
// in the rule's unit. Pure: takes the translate function, so the app and the report (each with its
// own strings) word failures alike.
import type { Failure, RuleId, RulePreset } from '../engine/types';
import { formatNumber, formatSharePercent, type Locale } from './format';

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

type UnitKind = 'm2per100' | 'm2' | 'percent' | 'm2perPerson' | 'm2per1000' | 'households';

export const RULE_UNITS: Record<RuleId, { unit: UnitKind; digits: number }> = {
  areaPer100Households: { unit: 'm2per100', digits: 1 },
  stationMinArea: { unit: 'm2', digits: 0 },
  greenCoverage: { unit: 'percent', digits: 1 },
  parkCoverage: { unit: 'percent', digits: 1 },
  lifeCircle: { unit: 'percent', digits: 1 },
  sixOnes: { unit: 'percent', digits: 1 },
  outdoorVenue: { unit: 'm2', digits: 0 },
  perCapitaPark: { unit: 'm2perPerson', digits: 1 },
  perCapitaSports: { unit: 'm2perPerson', digits: 1 },
  healthPer1000: { unit: 'm2per1000', digits: 1 },
  communitySize: { unit: 'households', digits: 0 },
};

export function formatValue(t: Translate, lang: Locale, unit: UnitKind, v: number | null, digits: number): string {
  if (v === null || !Number.isFinite(v)) return t('failure.unknown');
  if (unit === 'percent') return t('unit.percent', { value: formatSharePercent(v) });
  // Required values are shown as given (30, not 30.0).
  const d = Number.isInteger(v) ? 0 : digits;
  return t(`unit.${unit}`, { value: formatNumber(v, lang, d) });
}

export interface FailureText {
  rule: string;
  /** "5分钟 幼儿园" for lifeCircle, the missing group for sixOnes. */
  qualifier: string;
  actual: string;
  op: string;
  required: string;
  /** The rule's citation in the UI's language (engine citation.ts). */
  source: string;
  line: string;
}

export function failureText(f: Failure, t: Translate, lang: Locale, preset?: RulePreset): FailureText {
  const u = RULE_UNITS[f.rule] ?? { unit: 'm2', digits: 1 };
  const rule = t(`rule.${f.rule}`);
  let qualifier = '';
  if (f.tier && f.category) qualifier = t('failure.tierCategory', { tier: t('tier.label', { minutes: preset?.tiers[f.tier]?.minutes ?? f.tier }), category: t(`category.${f.category}`) });
  else if (f.category) qualifier = t(`category.${f.category}`);
  if (f.group) {
    const g = preset?.rules.sixOnes.groups.find((x) => x.key === f.group);
    qualifier = t('detail.missingGroup', { group: g ? g.label[lang] : f.group });
  }
  const actual = formatValue(t, lang, u.unit, f.actual, u.digits);
  const required = formatValue(t, lang, u.unit, f.required, u.digits);
  const op = f.bound === 'max' ? '>' : '<';
  const name = qualifier ? `${rule} · ${qualifier}` : rule;
  return { rule, qualifier, actual, op, required, source: f.source[lang], line: t('failure.line', { rule: name, actual, op, required }) };
}
