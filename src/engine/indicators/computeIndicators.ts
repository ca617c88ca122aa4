// City-wide indicators for the whole audited area and per street (街道) or town (乡镇), each with
// the target and reference value its preset's documents give (preset.indicators) and met / not
// met. Pure over the community results, so a what-if or a scenario recomputes them from its own
// results without the audit context.
import type {
  CommunityResult, IndicatorFigure, IndicatorId, IndicatorResult, IndicatorsSummary, IndicatorTarget, RulePreset, StreetIndicators,
} from '../types';
import { figuresAsCited, indicatorCitation } from '../citation';
import { INDICATORS, unitScale, type IndicatorDefinition } from './catalogue';

/** Relative tolerance for "reaches the target" (float sums of shares). */
const TOLERANCE = 1e-9;

/** Whether a value meets a target; null without either. */
export function meetsTarget(value: number | null, target: IndicatorTarget | null | undefined): boolean | null {
  if (value === null || !target) return null;
  const tol = TOLERANCE * Math.max(1, Math.abs(target.value));
  if (target.bound === 'max') return value <= target.value + tol;
  return target.exclusive ? value > target.value + tol : value >= target.value - tol;
}

function figure(def: IndicatorDefinition, communities: readonly CommunityResult[], target: IndicatorTarget | null): IndicatorFigure {
  const { numerator, denominator } = def.measure(communities);
  const value = denominator > 0 ? (numerator / denominator) * unitScale(def.unit) : null;
  return { value, numerator, denominator, met: meetsTarget(value, target) };
}

/** The whole area's indicators (in catalogue order) with their documents' targets and sources. */
export function areaIndicators(communities: readonly CommunityResult[], preset: RulePreset): IndicatorResult[] {
  return INDICATORS.map((def) => {
    const spec = preset.indicators?.[def.id];
    const target = spec?.target ?? null;
    const note = spec?.note;
    return {
      id: def.id,
      name: spec?.name ?? def.name,
      definition: note ? { zh: `${def.definition.zh}。文件口径：${note.zh}`, en: `${def.definition.en}. The document's scope: ${note.en}` } : def.definition,
      unit: def.unit,
      ...figure(def, communities, target),
      target,
      reference: spec?.reference ?? null,
      source: { zh: indicatorCitation(preset, def.id, 'zh'), en: indicatorCitation(preset, def.id, 'en') },
      sentences: (spec?.cite ?? []).filter((c) => c.sentence && figuresAsCited(preset, c)).map((c) => ({ label: c.label ?? null, text: c.sentence! })),
    };
  });
}

/** Communities grouped by street, sorted by name (zh collation); those without a street last, as ''. */
export function streetsOf(communities: readonly CommunityResult[]): { street: string; communities: CommunityResult[] }[] {
  const groups = new Map<string, CommunityResult[]>();
  for (const c of communities) {
    const k = c.street?.trim() ?? '';
    const g = groups.get(k);
    if (g) g.push(c); else groups.set(k, [c]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh')));
  return keys.map((street) => ({ street, communities: groups.get(street)! }));
}

export function streetIndicators(communities: readonly CommunityResult[], preset: RulePreset): StreetIndicators[] {
  return streetsOf(communities).map(({ street, communities: cs }) => {
    const values: Partial<Record<IndicatorId, IndicatorFigure>> = {};
    for (const def of INDICATORS) values[def.id] = figure(def, cs, preset.indicators?.[def.id]?.target ?? null);
    let households = 0;
    for (const c of cs) if (c.households !== null && Number.isFinite(c.households) && c.households > 0) households += c.households;
    return { street, communities: cs.length, households, values };
  });
}

/** summary.indicators: the whole area and each street. */
export function computeIndicators(communities: readonly CommunityResult[], preset: RulePreset): IndicatorsSummary {
  return { area: areaIndicators(communities, preset), streets: streetIndicators(communities, preset) };
}
