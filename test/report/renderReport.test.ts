// The report document from the audit of the io base fixtures (5 communities, all failing some rule;
// by hand: C002 350 m² for 1800 households = 19.4 m²/100 hh < 30, C004 150 m² for 1200 = 12.5 < 30
// and its only station 150 m² < 300). Checks the content the spec lists, that names are text never
// markup, and the options.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseFlags } from '../../scripts/lib/args';
import { AUDIT_INPUT_FLAGS, loadAuditInput, runAuditOf, type AuditRun } from '../../scripts/lib/auditInput';
import { renderReport, reportGaps, type ReportOptions } from '../../src/report/index';
import type { AuditResult, AuditSummary } from '../../src/engine/types';
import { summarize } from '../../src/engine/audit';
import { ruleCitation } from '../../src/engine/citation';
import * as turf from '@turf/turf';

const FX = join(__dirname, '..', 'fixtures', 'io', 'base');
let run: AuditRun;

beforeAll(async () => {
  const args = parseFlags(['--communities', join(FX, 'communities.geojson'), '--facilities', join(FX, 'facilities.geojson'), '--green', join(FX, 'green.geojson')], AUDIT_INPUT_FLAGS, 'usage');
  run = await runAuditOf(await loadAuditInput(args, 'usage'));
});

const render = (options: ReportOptions = {}, over: Partial<AuditRun> = {}) => {
  const r = { ...run, ...over };
  return renderReport({ result: r.result, dataset: r.data, preset: r.preset, gaps: reportGaps(r.ctx, r.result, options.pages ?? 'failing') }, { date: '2026-05-03', ...options });
};
/** Asserts that `haystack` holds `needle` without printing the whole report when it does not. */
const has = (haystack: string, needle: string) => expect(haystack.includes(needle), needle).toBe(true);
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('report content', () => {
  it('cover: title from the place, date, preset, mode, tiers and basis', () => {
    const html = render({ place: { zh: '成华区', en: 'Chenghua' } });
    expect(html).toMatch(/<title>成华区社区公共服务设施体检报告<\/title>/);
    const t = text(html);
    has(t, '2026年5月3日');
    has(t, '国家标准（2022，默认） (national-2022)');
    has(t, '5分钟 300 米、10分钟 500 米、15分钟 1 公里');
    has(t, '社区用地面积（未提供居住用地数据）');
    expect(render({ title: '我的报告' })).toMatch(/<title>我的报告<\/title>/);
    expect(render()).toMatch(/<title>社区公共服务设施体检报告<\/title>/);
  });

  it('standards: each enabled rule with its threshold and source', () => {
    const t = text(render());
    has(t, '社区综合服务设施每百户面积 ≥ 30 m²/百户');
    has(t, '城镇 ≥ 300 m²；农村 ≥ 200 m²');
    has(t, '300 米内有绿地的覆盖率 ≥ 95%');
    has(t, ruleCitation(run.preset, 'areaPer100Households', 'zh'));
    expect(t.includes('室外活动场地面积')).toBe(false); // off in national-2022, no resettlement community
  });

  it('summary: the audit\'s counts and failures by rule', () => {
    const s = run.result.summary;
    expect([s.communities, s.failing, s.households]).toEqual([5, 5, 9300]);
    const t = text(render());
    has(t, `5 参评社区 5 未达标社区 0 达标社区 9,300 总户数`);
    has(t, `社区综合服务设施每百户面积 ${s.byRule.areaPer100Households} `);
  });

  it('gap list: every failing community with actual vs required and the m² missing', () => {
    const t = text(render());
    for (const c of run.result.communities.filter((x) => x.status === 'fail')) has(t, c.name);
    // C002 桂花社区: 30 × 1800 / 100 − 350 = 190 m² missing; C004 芳草社区: 30 × 12 − 150 = 210 m², station 300 − 150 = 150 m².
    expect(t).toMatch(/桂花社区 C002 [^]*?社区综合服务设施每百户面积 19\.4 m²\/百户 ≥ 30 m²\/百户 缺社区综合服务设施建筑面积 190 m²/);
    expect(t).toMatch(/芳草社区 C004 [^]*?缺社区综合服务设施建筑面积 210 m²[^]*?最大服务站尚差 150 m²/);
  });

  it('coverage shortfall: the share beyond is the complement of the share shown, so they add up to 100 %', () => {
    const c = run.result.communities.find((x) => x.id === 'C001')!;
    const shown = Math.floor(c.greenCoverage * 1000) / 10; // truncated, as the app shows shares
    const beyond = (100 - shown).toFixed(1);
    const households = Math.round(c.households! * (1 - c.greenCoverage));
    const t = text(render());
    has(t, `300米见绿 ${shown.toFixed(1)}% ≥ 95% ${beyond}% 在 300 米外，约 ${households.toLocaleString('en-US')} 户`);
    // On the community-area basis every such household count is an estimate: said in the heading.
    has(t, '现状 标准 缺口 户数为估算');
    has(t, '距离外户数按面积比例估算');
  });

  it('a page per failing community by default; all; none', () => {
    // C001 and C005 made to pass: three failing communities.
    const communities = run.result.communities.map((c) => (c.id === 'C001' || c.id === 'C005' ? { ...c, status: 'pass' as const, failures: [] } : c));
    const result: AuditResult = { ...run.result, communities, summary: summarize(communities) };
    const pages = (html: string) => (html.match(/<section class="community-page">/g) ?? []).length;
    expect(pages(render({}, { result }))).toBe(3);
    expect(pages(render({ pages: 'all' }, { result }))).toBe(5);
    expect(pages(render({ pages: 'none' }, { result }))).toBe(0);
  });

  it('maps: legend, scale bar, north arrow and attribution', () => {
    const html = render({ attribution: ['成华区民政局 2024'] });
    expect((html.match(/<svg class="map"/g) ?? []).length).toBe(6); // overview + 5 community pages
    has(html, 'class="scalebar"');
    has(html, 'class="north"');
    has(html, 'class="legend"');
    has(text(html), '数据来源：成华区民政局 2024。');
  });

  it('estimated inputs are marked 估算 (population = households × 3 here)', () => {
    const t = text(render());
    expect(t).toMatch(/5 个社区无人口数据，人口按户数 × 3\.0 人\/户估算/);
    expect(t).toMatch(/5,400 人 估算/);
  });

  it('households within reach: shown only when the summary reports them', () => {
    expect(render().includes('可达户数')).toBe(false);
    const summary = { ...run.result.summary, householdsWithin: { '5': { kindergarten: 4000 }, green: 8000 } } as unknown as AuditSummary;
    const t = text(render({}, { result: { ...run.result, summary } }));
    // Of 2500 + 1800 + 3200 + 1200 + 600 = 9300 households: 4000 = 43.01 % → 43.0 %, 5,300 beyond;
    // green 8000 = 86.02 % → 86.0 %, 1,300 beyond.
    has(t, '5分钟 幼儿园 4,000 户 43.0% 5,300 户');
    has(t, '300 米内有绿地 8,000 户 86.0% 1,300 户');
  });

  it('English on request', () => {
    const html = render({ lang: 'en', place: { zh: '成华区', en: 'Chenghua' } });
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>Chenghua: Community Service Facilities Audit Report<\/title>/);
    const t = text(html);
    has(t, '4. Gap list');
    has(t, '190 m² of community service floor area missing');
  });
});

describe('mapped gaps', () => {
  it('the hatched part is the community beyond reach: its area (turf, geodesic) ≈ (1 − share) × the community\'s area', () => {
    const gaps = reportGaps(run.ctx, run.result, 'all');
    expect(Object.keys(gaps).length).toBe(5);
    for (const c of run.result.communities) {
      const g = gaps[c.id];
      const area = turf.area({ type: 'MultiPolygon', coordinates: g.uncovered });
      expect(Math.abs(area / c.area_m2 - (1 - g.share)), c.id).toBeLessThan(0.01);
    }
    // C002 has no kindergarten within 300 m at all: the whole community is the gap.
    expect(gaps.C002).toMatchObject({ tier: '5', share: 0 });
  });
});

describe('names from the data are text, never markup', () => {
  it('escapes names in text and in attributes', () => {
    const evil = '"><script>alert(1)</script><b>=1+1</b>';
    const result = { ...run.result, communities: run.result.communities.map((c) => (c.id === 'C002' ? { ...c, name: evil } : c)) };
    const html = render({ place: '<i>区</i>', attribution: ['<img src=x onerror=alert(1)>'] }, { result });
    expect(html).not.toMatch(/<script|<b>=1|<i>区|<img/);
    has(html, '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;=1+1&lt;/b&gt;');
    has(text(html), evil);
  });

  it('escapes a title in the page header\'s CSS string as well as in the document', () => {
    const html = render({ title: '"}</style><script>alert(1)</script>' });
    expect(html).not.toMatch(/<script|<\/style><script/);
    expect(html).toContain('content: "\\22 \\7d \\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e ";');
  });
});

describe('fonts', () => {
  it('asks for the code points the document uses and embeds what it gets', () => {
    let asked: Set<number> | undefined;
    const html = render({ fonts: (cps) => { asked = cps; return [{ weight: 400, unicodeRange: 'U+793e', woff2Base64: 'AAAA' }]; } });
    expect(asked!.has('社'.codePointAt(0)!)).toBe(true);
    expect(asked!.has('桂'.codePointAt(0)!)).toBe(true);
    has(html, "@font-face{font-family:'LifeCircle Noto Sans SC';font-style:normal;font-weight:400;font-display:block;src:url(data:font/woff2;base64,AAAA) format('woff2');unicode-range:U+793e;}");
  });
});
