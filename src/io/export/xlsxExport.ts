// Audit result → XLSX workbook (report-cli.md): a sheet of communities with the CSV's columns
// (numbers as numbers), a sheet of failures (one row per failure: community, rule, actual, required,
// source), a sheet of the parameters used (preset, mode, distances, thresholds and their sources) and,
// when the audit reports them, a sheet of the city-wide indicators (whole area, then per street).
import type { AuditResult, IndicatorResult, IndicatorsSummary, IndicatorTarget, RuleId, RulePreset } from '../../engine/types';
import { presetDocuments, ruleCitation } from '../../engine/citation';
import type { LayerImport, LayerKind } from '../import/types';
import { communityTable, headerZh } from './communityRow';
import { writeXlsx, type XlsxCell } from './xlsxWriter';
import { sentencesText } from '../../text/indicatorText';

export interface XlsxOptions {
  /** Chinese sheet names and column headers (as the CSV's --csv-headers zh). */
  chineseHeaders?: boolean;
  /** The preset the audit ran with: its thresholds and sources go to the parameters sheet. */
  preset?: RulePreset;
  /** What the import did per layer (files, CRS): listed on the parameters sheet. */
  inputs?: Partial<Record<LayerKind, LayerImport>>;
}

const FAILURE_COLUMNS = [
  ['communityId', '社区编码'], ['communityName', '社区名称'], ['rule', '规则'], ['tier', '生活圈（分钟）'],
  ['category', '设施类别'], ['group', '“6个1”项'], ['actual', '实际值'], ['required', '要求值'], ['bound', '要求方向'], ['source', '依据'],
] as const;

/** Rule thresholds of a preset as [parameter, value, citation] rows, enabled rules only. */
function ruleRows(preset: RulePreset, lang: 'zh' | 'en'): XlsxCell[][] {
  const rows: XlsxCell[][] = [];
  for (const id of Object.keys(preset.rules) as RuleId[]) {
    const rule = preset.rules[id] as unknown as Record<string, unknown> & { enabled: boolean };
    if (!rule.enabled) continue;
    const source = ruleCitation(preset, id, lang);
    for (const [k, v] of Object.entries(rule)) {
      if (k === 'enabled' || k === 'source' || k === 'cite' || k === 'groups') continue;
      if (typeof v === 'number' || typeof v === 'string') rows.push([`rules.${id}.${k}`, v, source]);
    }
  }
  return rows;
}

const INDICATOR_COLUMNS = [
  ['scope', '范围'], ['indicator', '指标'], ['name', '名称'], ['value', '数值'], ['unit', '单位'], ['numerator', '分子'], ['denominator', '分母'],
  ['targetBound', '目标方向'], ['target', '目标'], ['met', '是否达到'], ['reference', '文件所载现状'], ['referenceYear', '现状年份'],
  ['definition', '口径'], ['source', '依据'], ['sentence', '文件原文'],
] as const;

/** The city-wide indicators: the whole area first (scope 全域 / all), then each street; shares as 0..1. */
function indicatorRows(ind: IndicatorsSummary, lang: 'zh' | 'en'): XlsxCell[][] {
  const rows: XlsxCell[][] = [INDICATOR_COLUMNS.map(([en, cn]) => (lang === 'zh' ? cn : en))];
  const bound = (t: IndicatorTarget | null) => (t ? (t.bound === 'max' ? '≤' : t.exclusive ? '>' : '≥') : null);
  const all = lang === 'zh' ? '全域' : 'all';
  for (const x of ind.area) {
    rows.push([all, x.id, x.name[lang], x.value, x.unit, x.numerator, x.denominator, bound(x.target), x.target?.value ?? null, x.met, x.reference?.value ?? null, x.reference?.year ?? null, x.definition[lang], x.source[lang], x.sentences.length ? sentencesText(x.sentences, lang) : null]);
  }
  const names = new Map(ind.area.map((x) => [x.id, x]));
  for (const s of ind.streets) {
    const scope = s.street || (lang === 'zh' ? '未注明街道' : 'no street');
    for (const [id, f] of Object.entries(s.values)) {
      const x = names.get(id as IndicatorResult['id']);
      if (!x || !f) continue;
      rows.push([scope, id, x.name[lang], f.value, x.unit, f.numerator, f.denominator, bound(x.target), x.target?.value ?? null, f.met, null, null, null, null, null]);
    }
  }
  return rows;
}

export function auditToXlsx(result: AuditResult, options: XlsxOptions = {}): Uint8Array {
  const zh = options.chineseHeaders === true;
  // Citations in the language of the headers.
  const lang = zh ? 'zh' : 'en';
  const { keys, rows } = communityTable(result);
  const communities: XlsxCell[][] = [keys.map((k) => (zh ? headerZh(k) : k)), ...rows.map((r) => keys.map((k) => r[k] ?? null))];

  const failures: XlsxCell[][] = [FAILURE_COLUMNS.map(([en, cn]) => (zh ? cn : en))];
  for (const c of result.communities)
    for (const f of c.failures)
      failures.push([c.id, c.name, f.rule, f.tier ?? null, f.category ?? null, f.group ?? null, f.actual, f.required, f.bound === 'max' ? '≤' : '≥', f.source[lang]]);

  const p = result.parameters;
  const params: XlsxCell[][] = [zh ? ['参数', '值', '依据'] : ['parameter', 'value', 'source']];
  params.push(['preset', result.preset, options.preset ? presetDocuments(options.preset, lang).join(lang === 'zh' ? '；' : '; ') : null]);
  if (options.preset) params.push(['presetName', options.preset.name[lang], null]);
  params.push(['mode', p.mode, null]);
  for (const [tier, d] of Object.entries(p.tiers)) params.push([`tiers.${tier}.distance_m`, d, null]);
  params.push(['greenDistance_m', p.greenDistance_m, null], ['parkDistance_m', p.parkDistance_m, null]);
  params.push(['personsPerHousehold', p.personsPerHousehold, null], ['detourFactor', p.detourFactor, null], ['lifeCircleThreshold', p.lifeCircleThreshold, null]);
  for (const [k, v] of Object.entries(p)) {
    // Parameters added to the engine later (e.g. the coverage basis) are listed as they come.
    if (!['mode', 'tiers', 'greenDistance_m', 'parkDistance_m', 'personsPerHousehold', 'detourFactor', 'lifeCircleThreshold'].includes(k) && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) params.push([k, v, null]);
  }
  if (options.preset) {
    for (const [tier, cats] of Object.entries(options.preset.requiredByTier)) params.push([`requiredByTier.${tier}`, cats.join(', '), null]);
    params.push(...ruleRows(options.preset, lang));
  }
  for (const [kind, l] of Object.entries(options.inputs ?? {})) {
    if (!l) continue;
    params.push([`input.${kind}`, l.files.join(', '), `${l.format}; ${l.crs.note.en}; ${l.counts.valid} features`]);
  }
  params.push(['summary.communities', result.summary.communities, null], ['summary.failing', result.summary.failing, null]);

  const sheets = [
    { name: zh ? '社区' : 'communities', rows: communities, header: true },
    { name: zh ? '未达标项' : 'failures', rows: failures, header: true },
    { name: zh ? '参数' : 'parameters', rows: params, header: true },
  ];
  if (result.summary.indicators) sheets.push({ name: zh ? '整体指标' : 'indicators', rows: indicatorRows(result.summary.indicators, lang), header: true });
  return writeXlsx(sheets);
}
