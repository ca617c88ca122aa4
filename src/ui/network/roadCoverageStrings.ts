// Strings of the walking-mode road coverage notice (zh first, en second), under roadCoverage.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const ROAD_COVERAGE_STRINGS = {
  zh: {
    noRoads: '步行模式需要覆盖这些社区的道路图层。当前项目没有道路图层，无法按步行网络计算：图表中的数字为直线距离。',
    uncovered: '道路图层没有覆盖数据：{{off}} 个社区（共 {{total}} 个）300 米内没有可步行道路，这些社区的步行结果没有意义。道路图层是否属于这个地区？',
    uncoveredAll: '道路图层没有覆盖数据：全部 {{total}} 个社区 300 米内都没有可步行道路。道路图层是否来自另一个地区？',
    importRoads: '导入道路…',
    useEuclidean: '改用直线距离',
    list: '名单：{{communities}} 个社区没有道路，{{facilities}} 处设施无法接入路网',
    facilities: '无法接入路网的设施：{{ids}}',
  },
  en: {
    noRoads: 'Walking mode needs a road layer that covers these communities. The project has none, so walking distances cannot be computed: the figures shown are straight-line.',
    uncovered: 'The road layer does not cover the data: {{off}} of {{total}} communities have no walkable road within 300 m; their walking figures are not meaningful. Is the road layer of this area?',
    uncoveredAll: 'The road layer does not cover the data: none of the {{total}} communities has a walkable road within 300 m. Is the road layer from another place?',
    importRoads: 'Import roads…',
    useEuclidean: 'Use straight line',
    list: 'List: {{communities}} communities without a road, {{facilities}} facilities that cannot join the network',
    facilities: 'Facilities that cannot join the network: {{ids}}',
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerRoadCoverageStrings(i18n: typeof i18next = i18next): void {
  registerStrings('roadCoverage', ROAD_COVERAGE_STRINGS, { i18n });
}
