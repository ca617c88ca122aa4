// zh/en strings of the comparison map, registered from here under `compareView.` (the app's
// zh.json/en.json belong to the workspace). Chinese first, English second.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const COMPARE_STRINGS = {
  zh: {
    title: '方案对比', open: '对比地图', close: '退出对比（Esc）', base: '现状（无编辑）',
    side: { a: 'A', b: 'B' },
    busy: '正在计算 {{name}}…',
    gaps: '缺口图层：{{tier}} {{category}}', gapsBusy: '正在计算缺口…',
    changed: '{{count}} 个社区达标状态不同（两侧均加粗描边）', noneChanged: '两个方案之间没有社区改变达标状态',
    legend: { pass: '达标', fail: '未达标', changed: '状态改变', gap: '缺口', proposed: '规划设施' },
    large: '大字演示', normal: '常规显示',
    indicators: { title: '全域指标对比', indicator: '指标', change: '变化', target: '目标', met: '达标', notMet: '未达标', points: '{{value}} 个百分点' },
    direction: { up: '上升', down: '下降', same: '不变' },
    table: '社区变化明细',
  },
  en: {
    title: 'Scenario comparison', open: 'Comparison map', close: 'Leave the comparison (Esc)', base: 'Base (no edits)',
    side: { a: 'A', b: 'B' },
    busy: 'Computing {{name}}…',
    gaps: 'Gap layer: {{tier}} {{category}}', gapsBusy: 'Computing the gaps…',
    changed: '{{count}} communities differ in status (outlined on both sides)', noneChanged: 'No community changes status between the two scenarios',
    legend: { pass: 'Pass', fail: 'Fail', changed: 'Status changed', gap: 'Gap', proposed: 'Proposed facility' },
    large: 'Large type', normal: 'Normal type',
    indicators: { title: 'City-wide indicators', indicator: 'Indicator', change: 'Change', target: 'Target', met: 'met', notMet: 'not met', points: '{{value}} pp' },
    direction: { up: 'up', down: 'down', same: 'unchanged' },
    table: 'Communities that change',
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerCompareStrings(i18n: typeof i18next = i18next): void {
  registerStrings('compareView', COMPARE_STRINGS, { i18n });
}
