// Every runtime string table (a UI part's own zh/en strings, registered through registerStrings)
// has every key in both languages, and an English UI shows English: i18next's Chinese fallback
// once made a registration check skip the English table.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { EXPORT_STRINGS, registerExportStrings } from '../../../src/ui/export/exportStrings';
import { ensureImportStrings, IMPORT_STRINGS } from '../../../src/ui/import/importStrings';
import { IMPORT_TARGET_STRINGS, registerImportTargetStrings } from '../../../src/ui/import/importTargetStrings';
import { NETWORK_STRINGS, registerNetworkStrings } from '../../../src/ui/network/networkStrings';
import { registerRoadCoverageStrings, ROAD_COVERAGE_STRINGS } from '../../../src/ui/network/roadCoverageStrings';
import { PRESENT_STRINGS, registerPresentStrings } from '../../../src/ui/present/presentStrings';
import { registerResidentialStrings, RESIDENTIAL_STRINGS } from '../../../src/ui/residential/residentialStrings';
import { registerWhatIfStrings, WHAT_IF_STRINGS } from '../../../src/ui/whatif/whatIfStrings';
import { registerStrings } from '../../../src/ui/i18n/registerStrings';
import { COMPARE_STRINGS, registerCompareStrings } from '../../../src/ui/compare/compareStrings';
import { CANDIDATE_STRINGS, registerCandidateStrings } from '../../../src/ui/whatif/candidateStrings';

type Register = (i18n: typeof i18next) => void;

/** Each table, its registration, and one key with its English and Chinese text copied from the design. */
const TABLES: { name: string; tables: { zh: object; en: object }; register: Register; key: string; en: string; zh: string }[] = [
  { name: 'residential', tables: RESIDENTIAL_STRINGS, register: registerResidentialStrings, key: 'residentialUi.basis.label', en: 'Coverage basis', zh: '覆盖口径' },
  { name: 'what-if', tables: WHAT_IF_STRINGS, register: registerWhatIfStrings, key: 'whatIf.title', en: 'What-if', zh: '方案推演' },
  { name: 'proposal candidates', tables: CANDIDATE_STRINGS, register: registerCandidateStrings, key: 'candidates.draw', en: 'Draw candidates', zh: '绘制候选点' },
  { name: 'road coverage', tables: ROAD_COVERAGE_STRINGS, register: registerRoadCoverageStrings, key: 'roadCoverage.noRoads', en: 'Walking mode needs a road layer that covers these communities. The project has none, so walking distances cannot be computed: the figures shown are straight-line.', zh: '步行模式需要覆盖这些社区的道路图层。当前项目没有道路图层，无法按步行网络计算：图表中的数字为直线距离。' },
  { name: 'presentation', tables: PRESENT_STRINGS, register: registerPresentStrings, key: 'presentUi.start', en: 'Present', zh: '演示' },
  { name: 'walking network', tables: NETWORK_STRINGS, register: registerNetworkStrings, key: 'networkUi.mode.label', en: 'Distance', zh: '距离口径' },
  { name: 'export', tables: EXPORT_STRINGS, register: registerExportStrings, key: 'exportUi.preview.title', en: 'Audit report preview', zh: '体检报告预览' },
  { name: 'import target', tables: IMPORT_TARGET_STRINGS, register: registerImportTargetStrings, key: 'importTarget.title', en: 'Import into', zh: '导入到' },
  { name: 'comparison map', tables: COMPARE_STRINGS, register: registerCompareStrings, key: 'compareView.title', en: 'Scenario comparison', zh: '方案对比' },
  { name: 'import dialog', tables: IMPORT_STRINGS, register: (i) => ensureImportStrings(i), key: 'importUi.title', en: 'Import data', zh: '导入数据' },
];

/** Leaves of a nested table: dotted key → text. */
function leaves(o: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

const HAN = /[\u3400-\u9fff]/;

async function chineseFirstI18n(): Promise<typeof i18next> {
  const i = i18next.createInstance();
  await i.init({ lng: 'zh', fallbackLng: 'zh', resources: { zh: { translation: { app: { title: '生活圈' } } }, en: { translation: { app: { title: 'LifeCircle' } } } } });
  return i;
}

describe('runtime string tables', () => {
  for (const t of TABLES) {
    it(`${t.name}: every key has a Chinese and an English text`, () => {
      const zh = leaves(t.tables.zh), en = leaves(t.tables.en);
      expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
      for (const [k, z] of zh) {
        const e = en.get(k);
        expect(typeof z === 'string' && z.trim() !== '', `zh ${k}`).toBe(true);
        expect(typeof e === 'string' && e.trim() !== '', `en ${k}`).toBe(true);
        // Untranslated: the English table holding the Chinese text.
        expect(HAN.test(e as string), `en ${k} is Chinese: ${String(e)}`).toBe(false);
      }
    });
  }

  it('switching to English gives the English text of each table, Chinese gives the Chinese', async () => {
    const i = await chineseFirstI18n();
    // Registered while the UI is Chinese: English then falls back to Chinese, which must not count as registered.
    for (const t of TABLES) t.register(i);
    for (const t of TABLES) expect(i.t(t.key), t.name).toBe(t.zh);
    await i.changeLanguage('en');
    for (const t of TABLES) expect(i.t(t.key), t.name).toBe(t.en);
    // Idempotent: registering again changes nothing.
    for (const t of TABLES) t.register(i);
    for (const t of TABLES) expect(i.t(t.key), t.name).toBe(t.en);
  });

  it('the residential table also names its warning code', async () => {
    const i = await chineseFirstI18n();
    registerResidentialStrings(i);
    expect(i.t('warning.no_residential_land', { lng: 'en' })).toBe(RESIDENTIAL_STRINGS.en.warning);
    expect(i.t('warning.no_residential_land', { lng: 'zh' })).toBe(RESIDENTIAL_STRINGS.zh.warning);
  });

  it('refuses an i18next that is not initialised', () => {
    expect(() => registerStrings('x', { zh: { a: '甲' }, en: { a: 'A' } }, { i18n: i18next.createInstance() })).toThrow(/initialise i18next first/);
  });
});
