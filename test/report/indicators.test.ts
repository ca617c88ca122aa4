// The report's city-wide indicators page, on the io base fixtures (5 communities, no streets).
// By hand: service floor area 800 + 350 + 150 + 220 = 1520 m² for 2500 + 1800 + 3200 + 1200 + 600 =
// 9300 households → 16.3 m²/100 households (< 30: not met); 4 of 5 communities have a service
// facility (80 %), 3 of 4 urban ones (75 %); one elderly day-care centre (芳草) → 20 %.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseFlags } from '../../scripts/lib/args';
import { AUDIT_INPUT_FLAGS, loadAuditInput, runAuditOf, type AuditRun } from '../../scripts/lib/auditInput';
import { renderReport } from '../../src/report/index';
import { indicatorCitation } from '../../src/engine/citation';

const FX = join(__dirname, '..', 'fixtures', 'io', 'base');
let run: AuditRun;

beforeAll(async () => {
  const args = parseFlags(['--communities', join(FX, 'communities.geojson'), '--facilities', join(FX, 'facilities.geojson'), '--green', join(FX, 'green.geojson')], AUDIT_INPUT_FLAGS, 'usage');
  run = await runAuditOf(await loadAuditInput(args, 'usage'));
});

const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const render = (lang: 'zh' | 'en', withoutSummary = false) => {
  const result = withoutSummary ? { ...run.result, summary: { ...run.result.summary, indicators: undefined } } : run.result;
  return text(renderReport({ result, dataset: run.data, preset: run.preset }, { date: '2026-05-03', lang }));
};

describe('report: city-wide indicators', () => {
  it('a table of indicator, value, target, met, situation and source', () => {
    const t = render('zh');
    expect(t).toContain('城市整体指标');
    expect(t).toContain('指标 数值 目标 是否达到 文件所载现状 依据');
    expect(t).toContain(`每百户居民拥有社区综合服务设施面积 16.3 m²/百户 ≥ 30 m²/百户 未达到 — ${indicatorCitation(run.preset, 'areaPer100Households', 'zh')}`);
    expect(t).toContain('城乡社区综合服务设施覆盖率 80.0%');
    expect(t).toContain('城市社区综合服务设施覆盖率 75.0%');
    expect(t).toContain('社区养老服务覆盖率 20.0%');
    expect(t).toContain('“每百户居民拥有社区综合服务设施面积不低于30平方米”');
    expect(t).toContain('指标口径');
    expect(t).toContain('无法分街道统计');
  });
  it('in English, and computed from the communities when the summary has none', () => {
    const t = render('en', true);
    expect(t).toContain('City-wide indicators');
    expect(t).toContain('Community service floor area per 100 households 16.3 m² per 100 hh ≥ 30 m² per 100 hh not met');
    expect(t).toMatch(/Community elderly-care coverage\s*: communities with at least one elderly-care facility/);
  });
});

describe('report: indicator texts and the report font', () => {
  it('use only characters Noto Sans SC has (a missing one falls back to a system font in the PDF)', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const { codePointsOf, parseFontsourceCss } = await import('../../src/report/fonts');
    const { listPresets } = await import('../../src/engine/presets');
    const { computeIndicators } = await import('../../src/engine/indicators/computeIndicators');
    const slices = parseFontsourceCss(readFileSync(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css'), 'utf8'));
    const covered = (cp: number) => slices.some((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
    for (const p of listPresets()) {
      const texts = computeIndicators(run.result.communities, p).area.flatMap((x) => [x.name, x.definition, x.source, ...x.sentences.map((s) => s.text)]).flatMap((t) => [t.zh, t.en]);
      const missing = [...codePointsOf(texts.join(''))].filter((cp) => cp > 32 && !covered(cp)).map((cp) => String.fromCodePoint(cp));
      expect(missing, p.id).toEqual([]);
    }
  });
});
