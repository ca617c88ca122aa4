// zh/en strings of the walking-network features, registered from here under `networkUi.` (the
// app's zh.json/en.json belong to the workspace). Chinese first, English second.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const NETWORK_STRINGS = {
  zh: {
    mode: { euclidean: '直线距离', network: '步行网络', label: '距离口径', toggleToNetwork: '改用步行网络', toggleToEuclidean: '改用直线距离', noRoads: '数据中没有步行路网图层，无法按步行网络计算' },
    compare: {
      title: '直线与步行对比', euclidean: '直线', network: '步行', green: '300米见绿', park: '500米见园', busy: '正在计算步行网络…',
      noRoads: '没有路网图层：仅有直线距离结果', note: '步行距离从不短于直线距离，步行覆盖率因此不高于直线覆盖率。', current: '当前口径',
    },
    facility: {
      title: '设施步行范围', bands: '显示步行范围（{{tiers}}）', allOfCategory: '同类全部设施（{{category}}，{{count}} 处）', move: '移动设施', moving: '在地图上点击新位置…（Esc 取消）',
      cancelMove: '取消移动', undo: '撤销移动', redo: '重做移动', dragHint: '也可直接拖动选中的设施', busy: '计算中…', offNetwork: '距路网超过 300 米：不接入路网，仅按自身位置计',
      connector: '接入路网 {{value}} 米', length: '可达路网 {{value}}', timing: '步行范围计算 {{ms}} 毫秒', graph: '路网构建 {{ms}} 毫秒（{{nodes}} 节点，{{edges}} 路段）',
      reaudit: '已重新评估 {{count}} 个社区（{{ms}} 毫秒）', circle: '灰色圆圈：同距离的直线范围', close: '关闭',
    },
    error: { worker: '步行网络计算出错：{{message}}' },
  },
  en: {
    mode: { euclidean: 'Straight line', network: 'Walking network', label: 'Distance', toggleToNetwork: 'Use walking network', toggleToEuclidean: 'Use straight line', noRoads: 'The data has no walking-network layer: walking distances are unavailable' },
    compare: {
      title: 'Straight line vs walking', euclidean: 'Straight', network: 'Walking', green: 'Green within 300 m', park: 'Park within 500 m', busy: 'Computing walking network…',
      noRoads: 'No roads layer: straight-line results only', note: 'A walk is never shorter than the straight line, so walking coverage never exceeds straight-line coverage.', current: 'current',
    },
    facility: {
      title: 'Walking service area', bands: 'Show walking bands ({{tiers}})', allOfCategory: 'All facilities of the category ({{category}}, {{count}})', move: 'Move facility', moving: 'Click the new position on the map… (Esc cancels)',
      cancelMove: 'Cancel move', undo: 'Undo move', redo: 'Redo move', dragHint: 'or drag the selected facility', busy: 'Computing…', offNetwork: 'More than 300 m from the network: not joined, counts at its own position only',
      connector: 'Joins the network after {{value}} m', length: 'Reachable network {{value}}', timing: 'Walking bands in {{ms}} ms', graph: 'Network built in {{ms}} ms ({{nodes}} nodes, {{edges}} edges)',
      reaudit: 'Re-audited {{count}} communities ({{ms}} ms)', circle: 'Grey circles: straight line, same distances', close: 'Close',
    },
    error: { worker: 'Walking-network error: {{message}}' },
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerNetworkStrings(i18n: typeof i18next = i18next): void {
  registerStrings('networkUi', NETWORK_STRINGS, { i18n });
}
