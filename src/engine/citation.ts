// Citations of a preset's rules as text a bureau can paste into a report: each document by its
// title and clause, in Simplified Chinese or English, and said plainly when a figure is the tool's
// own default or a value the user set. One renderer for every output (detail panel, preset editor,
// CLI JSON, exports, reports), so the wording is the same everywhere. The seed quotes kept in the
// citation data are internal (checked by the preset tests) and never rendered.
import type { CitedDocument, Citation, I18nText, IndicatorId, RuleId, RulePreset } from './types';
import registry from './presets/documents.json';

export type CitationLang = 'zh' | 'en';

const BUILT_IN_DOCUMENTS: Record<string, CitedDocument> = registry;

const TEXT = {
  default: { zh: '本工具默认值，文件未规定', en: 'tool default; no document sets it' },
  userSet: { zh: '用户设定值，非文件规定', en: 'user-set value, not from a document' },
  fallback: { zh: '本预设的文件未规定，沿用', en: "not set by this preset's documents; taken from " },
  unknownDoc: { zh: '未知文件', en: 'unknown document' },
  none: { zh: '未注明来源', en: 'no source given' },
  noTarget: { zh: '本预设所依文件未给出该指标', en: "not stated by this preset's documents" },
} satisfies Record<string, I18nText>;

const SEP = { zh: '；', en: '; ' };
const LABEL_SEP = { zh: '、', en: ', ' };
const paren = (text: string, lang: CitationLang) => (lang === 'zh' ? `（${text}）` : ` (${text})`);

/** The document a key names: the preset's own documents first, then the built-in registry. */
export function citedDocument(preset: Pick<RulePreset, 'documents'>, key: string): CitedDocument | undefined {
  return preset.documents?.[key] ?? BUILT_IN_DOCUMENTS[key];
}

/** Keys of the built-in document registry (presets/documents.json). */
export function builtInDocumentKeys(): string[] {
  return Object.keys(BUILT_IN_DOCUMENTS);
}

/** Value at a dotted path ("rules.stationMinArea.rural", "tiers.5.distance_m"), undefined if absent. */
export function valueAt(preset: RulePreset, path: string): unknown {
  let v: unknown = preset;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** True when every figure the citation vouches for still has the value its source gives. */
export function figuresAsCited(preset: RulePreset, c: Citation): boolean {
  return Object.entries(c.figures ?? {}).every(([path, value]) => same(valueAt(preset, path), value));
}

function documentText(preset: RulePreset, c: Citation, lang: CitationLang): string {
  const doc = c.doc ? citedDocument(preset, c.doc) : undefined;
  if (!doc) return `${TEXT.unknownDoc[lang]} ${c.doc ?? ''}`.trim();
  // Chinese: a clause follows a formal title directly (《…》第三章), a descriptive one after a comma.
  const clause = !c.clause ? '' : lang === 'en' ? `, ${c.clause.en}` : doc.title.zh.endsWith('》') ? c.clause.zh : `，${c.clause.zh}`;
  return `${doc.title[lang]}${clause}${doc.note ? paren(doc.note[lang], lang) : ''}`;
}

/** One citation line without its label. */
function body(preset: RulePreset, c: Citation, lang: CitationLang): string {
  if (!figuresAsCited(preset, c)) return TEXT.userSet[lang];
  let text: string;
  if (c.default) text = TEXT.default[lang];
  else if (c.doc) text = c.fallback ? `${TEXT.fallback[lang]}${documentText(preset, c, lang)}` : documentText(preset, c, lang);
  else text = TEXT.none[lang];
  return c.note ? `${text}${paren(c.note[lang], lang)}` : text;
}

/**
 * The citation of one rule of a preset as one line, e.g. "城市：延安市“十三五”社会治理规划纲要四、主要任务
 * 第5项；农村：城乡社区服务能力提升行动方案（节选，未载明发文城市）（五）". Lines with the same text are
 * merged (their labels joined); a single remaining line drops its label.
 */
export function ruleCitation(preset: RulePreset, rule: RuleId, lang: CitationLang): string {
  const r = preset.rules[rule] as RulePreset['rules'][RuleId] | undefined;
  if (!r) return TEXT.none[lang];
  if (!r.cite?.length) return r.source?.trim() || TEXT.none[lang];
  return citationLines(preset, r.cite, lang);
}

/**
 * The citation of a city-wide indicator's target and reference value (preset.indicators), in the
 * rules' wording; an indicator the preset's documents give no figure for says so.
 */
export function indicatorCitation(preset: RulePreset, id: IndicatorId, lang: CitationLang): string {
  const cite = preset.indicators?.[id]?.cite;
  return cite?.length ? citationLines(preset, cite, lang) : TEXT.noTarget[lang];
}

/** Citation lines as one line: lines with the same text merged (labels joined), a lone line unlabelled. */
function citationLines(preset: RulePreset, cite: Citation[], lang: CitationLang): string {
  const groups: { labels: string[]; text: string }[] = [];
  for (const c of cite) {
    const text = body(preset, c, lang);
    const g = groups.find((x) => x.text === text);
    const label = c.label?.[lang];
    if (g) { if (label) g.labels.push(label); } else groups.push({ labels: label ? [label] : [], text });
  }
  if (groups.length === 1) return groups[0].text;
  return groups.map((g) => (g.labels.length ? `${g.labels.join(LABEL_SEP[lang])}${lang === 'zh' ? '：' : ': '}${g.text}` : g.text)).join(SEP[lang]);
}

/** Every rule's citation in both languages (what the audit attaches to each failure). */
export function ruleSources(preset: RulePreset): Record<RuleId, I18nText> {
  const out = {} as Record<RuleId, I18nText>;
  for (const rule of Object.keys(preset.rules) as RuleId[]) out[rule] = { zh: ruleCitation(preset, rule, 'zh'), en: ruleCitation(preset, rule, 'en') };
  return out;
}

/**
 * Titles of the documents a preset rests on (cited by any rule, fallbacks included), in order of
 * first citation; a preset saved before citations existed gives its free-text source.
 */
export function presetDocuments(preset: RulePreset, lang: CitationLang): string[] {
  const keys: string[] = [];
  for (const r of Object.values(preset.rules)) for (const c of r.cite ?? []) if (c.doc && !keys.includes(c.doc)) keys.push(c.doc);
  if (!keys.length) return preset.source?.trim() ? [preset.source.trim()] : [];
  return keys.map((k) => citedDocument(preset, k)?.title[lang] ?? `${TEXT.unknownDoc[lang]} ${k}`);
}
