// zh/en strings of the proposals' candidate sites (where candidates come from, drawing them on the
// map), registered under `candidates.`. Chinese first, English second.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const CANDIDATE_STRINGS = {
  zh: {
    source: '候选点', grid: '网格（{{grid}} 米，社区内、水域外）', layer: '候选选址图层', drawn: '我在地图上绘制的点',
    layerCount: '图层中有 {{count}} 个候选点', noLayer: '尚无候选选址图层：请用“导入数据”导入点或地块，图层类型选“候选选址”。',
    drawnCount: '已绘制 {{count}} 个候选点', noDrawn: '尚未绘制候选点：点击“绘制候选点”，再在地图上点击。',
    draw: '绘制候选点', stopDraw: '结束绘制', clear: '清除绘制的点',
    drawHint: '绘制候选点：在地图上点击添加，点击已有的点将其删除，Esc 结束',
    marker: '候选点 {{id}}',
    legendLayer: '候选选址（图层）', legendDrawn: '绘制的候选点',
  },
  en: {
    source: 'Candidates', grid: 'Grid ({{grid}} m, inside communities, outside water)', layer: 'Candidate site layer', drawn: 'Points I draw on the map',
    layerCount: '{{count}} candidate sites in the layer', noLayer: 'No candidate site layer: import points or parcels with “Import data” and choose the layer “Candidate sites”.',
    drawnCount: '{{count}} points drawn', noDrawn: 'No points drawn yet: press “Draw candidates”, then click on the map.',
    draw: 'Draw candidates', stopDraw: 'Stop drawing', clear: 'Clear drawn points',
    drawHint: 'Drawing candidates: click the map to add one, click a point to remove it, Esc ends',
    marker: 'Candidate {{id}}',
    legendLayer: 'Candidate sites (layer)', legendDrawn: 'Drawn candidate points',
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerCandidateStrings(i18n: typeof i18next = i18next): void {
  registerStrings('candidates', CANDIDATE_STRINGS, { i18n });
}
