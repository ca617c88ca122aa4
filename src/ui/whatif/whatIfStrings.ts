// zh/en strings of the what-if and scenario features, registered from here under `whatIf.` (the
// app's zh.json/en.json belong to the workspace). Chinese first, English second.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const WHAT_IF_STRINGS = {
  zh: {
    title: '方案推演', proposed: '规划设施', scenario: '当前方案', newScenario: '新建', duplicate: '复制', rename: '重命名', delete: '删除',
    newName: '方案 {{n}}', copyName: '{{name}} 副本', renameApply: '确定', cancel: '取消',
    add: '添加规划设施', adding: '在地图上点击设施位置…（Esc 取消）', category: '类别', floorArea: '建筑面积（平方米）', addApply: '添加',
    selected: '选中设施：{{name}}', apply: '修改', remove: '删除设施', dragHint: '拖动选中的设施即可移动',
    undo: '撤销', redo: '重做', edits: '编辑记录（{{count}}）', noEdits: '尚无编辑', revert: '撤回',
    edit: {
      addFacility: '添加 {{category}} {{id}}', moveFacility: '移动 {{id}}', deleteFacility: '删除 {{id}}', changeFacility: '修改 {{id}}',
      addGreen: '添加绿地 {{id}}', deleteGreen: '删除绿地 {{id}}', setHouseholds: '社区 {{id}} 户数', addResidential: '新增住宅 {{id}}',
    },
    change: {
      title: '本次变化', timing: '重新评估 {{count}} 个社区：引擎 {{ms}} 毫秒，往返 {{roundTrip}} 毫秒', failing: '不达标社区 {{before}} → {{after}}',
      none: '没有社区的指标发生变化', statusFail: '转为不达标', statusPass: '转为达标', households: '{{tier}} {{category}}：覆盖户数 {{delta}}',
    },
    proposals: {
      title: '建议选址', tier: '层级', run: '计算建议', accept: '采纳（加入当前方案）', site: '新增覆盖 {{gain}} 户', fixes: '使达标：{{list}}',
      summary: '{{candidates}} 个候选点；未达覆盖阈值的社区 {{before}} → {{after}}', gap: '贪心与最优解相差 {{gap}}%（最优新增 {{optimum}} 户）', gapBound: '贪心与最优上界相差不超过 {{gap}}%',
      phase: { demand: '需求点…', coverage: '覆盖计算…', greedy: '贪心选址…', exact: '精确求解…', audit: '评估…' },
    },
    compare: { with: '对比', none: '不对比', base: '现状（无编辑）', busy: '正在计算对比…', community: '社区', figures: '指标变化', failing: '不达标社区：{{other}} {{before}} → {{current}} {{after}}' },
    figure: { areaPer100Households_m2: '每百户面积', serviceArea_m2: '综合服务面积', largestStation_m2: '最大站点面积', greenCoverage: '300米见绿', parkCoverage: '500米见园' },
  },
  en: {
    title: 'What-if', proposed: 'proposed', scenario: 'Scenario', newScenario: 'New', duplicate: 'Duplicate', rename: 'Rename', delete: 'Delete',
    newName: 'Scenario {{n}}', copyName: '{{name}} copy', renameApply: 'OK', cancel: 'Cancel',
    add: 'Add a proposed facility', adding: 'Click the facility’s position on the map… (Esc cancels)', category: 'Category', floorArea: 'Floor area (m²)', addApply: 'Add',
    selected: 'Selected facility: {{name}}', apply: 'Apply', remove: 'Delete facility', dragHint: 'Drag the selected facility to move it',
    undo: 'Undo', redo: 'Redo', edits: 'Edits ({{count}})', noEdits: 'No edits yet', revert: 'Revert',
    edit: {
      addFacility: 'Add {{category}} {{id}}', moveFacility: 'Move {{id}}', deleteFacility: 'Delete {{id}}', changeFacility: 'Change {{id}}',
      addGreen: 'Add green {{id}}', deleteGreen: 'Delete green {{id}}', setHouseholds: 'Households of {{id}}', addResidential: 'New housing {{id}}',
    },
    change: {
      title: 'What changed', timing: 'Re-audited {{count}} communities: engine {{ms}} ms, round trip {{roundTrip}} ms', failing: 'Failing communities {{before}} → {{after}}',
      none: 'No community’s figures changed', statusFail: 'now fails', statusPass: 'now passes', households: '{{tier}} {{category}}: households within reach {{delta}}',
    },
    proposals: {
      title: 'Site proposals', tier: 'Tier', run: 'Suggest', accept: 'Accept (add to the scenario)', site: '{{gain}} households newly within reach', fixes: 'Brings to the threshold: {{list}}',
      summary: '{{candidates}} candidates; communities below the threshold {{before}} → {{after}}', gap: 'Greedy is {{gap}}% below the optimum ({{optimum}} households)', gapBound: 'Greedy is at most {{gap}}% below the optimum’s bound',
      phase: { demand: 'Demand points…', coverage: 'Coverage…', greedy: 'Greedy…', exact: 'Exact optimum…', audit: 'Measuring…' },
    },
    compare: { with: 'Compare with', none: 'No comparison', base: 'Base (no edits)', busy: 'Computing the comparison…', community: 'Community', figures: 'Figures', failing: 'Failing communities: {{other}} {{before}} → {{current}} {{after}}' },
    figure: { areaPer100Households_m2: 'Area per 100 households', serviceArea_m2: 'Service floor area', largestStation_m2: 'Largest station', greenCoverage: 'Green within 300 m', parkCoverage: 'Park within 500 m' },
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerWhatIfStrings(i18n: typeof i18next = i18next): void {
  registerStrings('whatIf', WHAT_IF_STRINGS, { i18n });
}
