// Strings of the import's target choice (new project or replaced layers), zh first, en second,
// registered under importTarget. without touching the app's zh.json / en.json.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const IMPORT_TARGET_STRINGS = {
  zh: {
    title: '导入到',
    newProject: '新建项目：只含导入的数据（替换全部图层）',
    newProjectBatch: '新建项目：只含本次导入的 {{count}} 组文件（替换全部图层）',
    layers: '替换当前项目中的对应图层，保留其余图层',
    addToBatch: '加入本次新建的项目',
    demo: '当前为虚构的示范区数据：建议新建项目，不要与示范数据混在一起。',
    after: '导入后项目：社区 {{communities}} · 设施 {{facilities}} · 绿地 {{green}} · 道路 {{roads}}',
    noOverlap: '位置不重叠：导入的{{imported}}与{{other}}不在同一地区，二者放在一个项目里无法得出有意义的结果。',
    kind: { communities: '社区边界', facilities: '服务设施', green: '绿地 / 公园', roads: '道路', residential: '居住用地', candidates: '候选选址' },
  },
  en: {
    title: 'Import into',
    newProject: 'A new project with only the imported data (replaces every layer)',
    newProjectBatch: 'A new project with only these {{count}} groups of files (replaces every layer)',
    layers: 'The current project: replace the matching layers, keep the others',
    addToBatch: 'The project this import started',
    demo: 'The current data is the made-up demo district: a new project keeps it apart from your data.',
    after: 'Project after the import: {{communities}} communities · {{facilities}} facilities · {{green}} green · {{roads}} roads',
    noOverlap: 'Layers do not overlap: the imported {{imported}} and the {{other}} lie in different places; together they give no meaningful result.',
    kind: { communities: 'communities', facilities: 'facilities', green: 'green / parks', roads: 'roads', residential: 'residential land', candidates: 'candidate sites' },
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerImportTargetStrings(i18n: typeof i18next = i18next): void {
  registerStrings('importTarget', IMPORT_TARGET_STRINGS, { i18n });
}
