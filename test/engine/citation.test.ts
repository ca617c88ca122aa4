// Citations as a bureau pastes them into a report: document titles and clauses in Simplified
// Chinese (or English), the tool's defaults said plainly, no internal seed codes, no Traditional
// characters from the seeds, and a figure the user edited no longer credited to a document.
import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../src/engine/audit';
import { presetDocuments, ruleCitation, ruleSources } from '../../src/engine/citation';
import { getPreset, listPresets, validatePreset } from '../../src/engine/presets';
import type { RuleId, RulePreset } from '../../src/engine/types';
import { community, rect } from './helpers';

const MEISHAN = '《眉山市“十四五”城乡社区发展治理规划》';
const GB = '《城市居住区规划设计标准》（GB 50180—2018）（本工具未收录该标准原文）';
const ACTION = '城乡社区服务能力提升行动方案（节选，未载明发文城市）';
const YANAN = '延安市“十三五”社会治理规划纲要';

const preset = (id: string) => getPreset(id) as RulePreset;
const RULES = Object.keys(preset('national-2022').rules) as RuleId[];

// Characters of the seeds' Traditional script whose Simplified form differs (from the quotes the
// presets used to show: 實現見綠園區設務戶規劃標準應於條…).
const TRADITIONAL = /[實現見綠園區設務戶規劃標準應於條鐘構級築積會議進築機關歲國據]/;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('rule citations (user-facing)', () => {
  it('national-2022, Chinese: titles and clauses, defaults said plainly', () => {
    const p = preset('national-2022');
    expect(ruleCitation(p, 'greenCoverage', 'zh')).toBe(`距离：${MEISHAN}第三章第二节；达标比例：本工具默认值，文件未规定`);
    expect(ruleCitation(p, 'parkCoverage', 'zh')).toBe(`${MEISHAN}第三章第二节`);
    expect(ruleCitation(p, 'areaPer100Households', 'zh')).toBe(`${ACTION}，（五）城乡社区服务效能提升行动`);
    expect(ruleCitation(p, 'stationMinArea', 'zh')).toBe(`城市：${YANAN}，第四部分第5项第三点；农村：${ACTION}，（五）城乡社区服务效能提升行动`);
    expect(ruleCitation(p, 'lifeCircle', 'zh')).toBe(
      `生活圈分级：${MEISHAN}第三章第一节；各级距离：${GB}（15分钟取800—1000米的上限）；达标比例、各级所需设施：本工具默认值，文件未规定`);
  });

  it('national-2022, English: the same citations without any Chinese character', () => {
    const p = preset('national-2022');
    expect(ruleCitation(p, 'greenCoverage', 'en')).toBe(
      'distance: Meishan Urban and Rural Community Development and Governance Plan for the 14th Five-Year Period (2021–2025), chapter 3, section 2; required share: tool default; no document sets it');
    expect(ruleCitation(p, 'lifeCircle', 'en')).toContain('distance per circle: Standard for Urban Residential Area Planning and Design (GB 50180-2018) (the standard\'s text is not included with this tool)');
  });

  it('a preset whose own document is silent says so and names the document it borrows from', () => {
    expect(ruleCitation(preset('nanjing-2010'), 'greenCoverage', 'zh')).toBe(`距离：本预设的文件未规定，沿用${MEISHAN}第三章第二节；达标比例：本工具默认值，文件未规定`);
    expect(ruleCitation(preset('nanjing-2010'), 'stationMinArea', 'zh')).toBe(
      '城市：南京市《关于加快推进和谐社区建设的意见》（和谐社区标准），第（十一）条；农村：南京市《关于加快推进和谐社区建设的意见》（和谐社区标准），第（十五）条（村委会办公和服务用房）');
    expect(ruleCitation(preset('chongqing-2020'), 'lifeCircle', 'zh')).toBe(
      '生活圈分级：重庆市民政局关于市政协五届三次会议第0629号提案《关于加强社区治理的建议》的答复（2020年4月13日），第六部分第（一）项；' +
      `10分钟距离：本预设的文件未规定，沿用${GB}；20分钟距离：本工具默认值，文件未规定（20分钟×75米/分钟）；达标比例、各级所需设施：本工具默认值，文件未规定`);
  });

  it('no internal seed codes, no Traditional characters in Chinese, no Chinese in English (every rule of every preset)', () => {
    for (const p of listPresets()) {
      for (const text of [p.name.zh, p.name.en, p.description?.zh ?? '', p.description?.en ?? '']) expect(text, p.id).not.toMatch(/\b00[0-4]\b|（00[0-4]）/);
      for (const rule of RULES) {
        const zh = ruleCitation(p, rule, 'zh');
        const en = ruleCitation(p, rule, 'en');
        expect(zh, `${p.id} ${rule}`).not.toMatch(/\b00[0-4]\b|fallback|silent|project default|seed/);
        expect(zh, `${p.id} ${rule}`).not.toMatch(TRADITIONAL);
        expect(en, `${p.id} ${rule}`).not.toMatch(CJK);
        expect(en, `${p.id} ${rule}`).not.toMatch(/\b00[0-4]\b|user-set/);
      }
      // English descriptions keep only the policy's own name for the six facilities, "6个1".
      expect((p.description?.en ?? '').replace(/6个1/g, ''), p.id).not.toMatch(CJK);
      expect(p.description?.zh ?? '', p.id).not.toMatch(TRADITIONAL);
    }
  });

  it('a figure edited away from its document is cited as the user’s own; an unedited one keeps its document', () => {
    const p = preset('national-2022');
    p.rules.stationMinArea.rural = 250;
    expect(ruleCitation(p, 'stationMinArea', 'zh')).toBe(`城市：${YANAN}，第四部分第5项第三点；农村：用户设定值，非文件规定`);
    p.tiers['5'].distance_m = 400;
    expect(ruleCitation(p, 'lifeCircle', 'en')).toContain('distance per circle: user-set value, not from a document');
    p.rules.greenCoverage.threshold = 0.8;
    expect(ruleCitation(p, 'greenCoverage', 'zh')).toBe(`距离：${MEISHAN}第三章第二节；达标比例：用户设定值，非文件规定`);
  });

  it('presets saved before citations existed show their free text; a preset may cite documents of its own', () => {
    const legacy = JSON.parse(JSON.stringify(preset('yanan-2016'))) as RulePreset;
    delete legacy.rules.outdoorVenue.cite;
    legacy.rules.outdoorVenue.source = '本局2024年室外活动场所标准';
    expect(validatePreset(legacy)).toHaveProperty('preset');
    expect(ruleCitation(legacy, 'outdoorVenue', 'en')).toBe('本局2024年室外活动场所标准');
    delete legacy.rules.outdoorVenue.source;
    expect(ruleCitation(legacy, 'outdoorVenue', 'zh')).toBe('未注明来源');

    const own = { ...preset('national-2022'), id: 'bureau', documents: { 'bureau-2024': { title: { zh: '《某市社区综合服务设施建设标准》', en: 'City community facility standard' } } } } as RulePreset;
    own.rules.stationMinArea.cite = [{ figures: { 'rules.stationMinArea.urban': 300 }, doc: 'bureau-2024', clause: { zh: '第5条', en: 'article 5' } }];
    expect(validatePreset(own)).toHaveProperty('preset');
    expect(ruleCitation(own, 'stationMinArea', 'zh')).toBe('《某市社区综合服务设施建设标准》第5条');
    expect(presetDocuments(own, 'zh')).toContain('《某市社区综合服务设施建设标准》');
  });

  it('validation names a citation of an unknown document, and one that is both a document and a default', () => {
    const p = JSON.parse(JSON.stringify(preset('national-2022'))) as { rules: Record<string, { cite: Record<string, unknown>[] }> };
    p.rules.greenCoverage.cite[0].doc = 'nowhere';
    p.rules.parkCoverage.cite[0].default = true;
    expect(validatePreset(p)).toEqual({ errors: [
      'preset.rules.greenCoverage.cite[0].doc: unknown document "nowhere" (not in preset.documents nor the built-in registry)',
      'preset.rules.parkCoverage.cite[0]: needs either doc (a document) or default: true (a tool default), not both',
    ] });
  });

  it('every failure of an audit carries its rule’s citation in both languages', () => {
    const p = preset('meishan-2025');
    const r = auditDataset({ communities: [community('C', [[rect(0, 0, 100, 100)]], { households: 1000 })], facilities: [], green: [] }, p);
    const failures = r.communities[0].failures;
    expect(failures.length).toBeGreaterThan(5);
    const sources = ruleSources(p);
    for (const f of failures) expect(f.source).toEqual(sources[f.rule]);
    expect(failures.find((f) => f.rule === 'communitySize')!.source.zh).toBe(`${MEISHAN}第三章第一节（文件针对传统城区社区）`);
  });

  it('the documents a preset rests on, by title', () => {
    expect(presetDocuments(preset('meishan-2025'), 'zh')).toEqual([
      MEISHAN, ACTION, '《城市居住区规划设计标准》（GB 50180—2018）', YANAN]);
  });
});
