// Guessing the target layer of an import from what inspection found: geometry type first (points →
// facilities, lines → roads, polygons → communities or green), then fields (a households field →
// communities; green-kind values such as 公园/绿地 → green) and the file name (社区/绿地/道路…);
// a file named for candidate sites (候选/选址/空地, candidate, vacant) is a candidate layer whatever its shape.
import type { LayerKind, SourceFormat } from '../../io/import/types';
import { detectFieldMap } from '../../io/fields/fieldNames';
import { greenKindOf } from '../../io/fields/categoryValues';

export interface GuessInput {
  format: SourceFormat;
  geometryTypes: Record<string, number>;
  fields: string[];
  samples?: Record<string, unknown[]>;
  fileName?: string;
}

export type GuessReason = 'points' | 'lines' | 'households' | 'greenValues' | 'fileName' | 'polygons' | 'table';

export interface LayerGuess {
  kind: LayerKind;
  reason: GuessReason;
}

const NAME_HINTS: [RegExp, LayerKind][] = [
  [/candidate|vacant|候选|选址|空地|闲置/i, 'candidates'],
  [/green|park|绿地|公园|绿化/i, 'green'],
  [/communit|residential|社区|小区|居委|村委/i, 'communities'],
  [/facilit|poi|设施|服务/i, 'facilities'],
  [/road|street|network|路网|道路/i, 'roads'],
];

function dominant(types: Record<string, number>): 'point' | 'line' | 'polygon' | 'none' {
  const sum = { point: 0, line: 0, polygon: 0, none: 0 };
  for (const [t, n] of Object.entries(types)) {
    if (/Point/.test(t)) sum.point += n;
    else if (/LineString/.test(t)) sum.line += n;
    else if (/Polygon/.test(t)) sum.polygon += n;
    else sum.none += n;
  }
  const best = (['point', 'line', 'polygon'] as const).reduce((a, b) => (sum[b] > sum[a] ? b : a));
  return sum[best] > 0 ? best : 'none';
}

export function guessLayerKind(input: GuessInput): LayerGuess {
  if (input.format === 'csv' || input.format === 'xlsx') return { kind: 'facilities', reason: 'table' };
  const shape = dominant(input.geometryTypes);
  const byName = NAME_HINTS.find(([re]) => re.test(input.fileName ?? ''))?.[1];
  if (byName === 'candidates' && shape !== 'line') return { kind: 'candidates', reason: 'fileName' };
  if (shape === 'point') return { kind: 'facilities', reason: 'points' };
  if (shape === 'line') return { kind: 'roads', reason: 'lines' };
  if (shape === 'polygon') {
    if (detectFieldMap('communities', input.fields).households) return { kind: 'communities', reason: 'households' };
    const greenField = detectFieldMap('green', input.fields).kind;
    const values = greenField ? input.samples?.[greenField] ?? [] : [];
    if (values.length > 0 && values.every((v) => greenKindOf(v) !== undefined)) return { kind: 'green', reason: 'greenValues' };
    if (byName === 'green' || byName === 'communities') return { kind: byName, reason: 'fileName' };
    return { kind: 'communities', reason: 'polygons' };
  }
  return byName ? { kind: byName, reason: 'fileName' } : { kind: 'facilities', reason: 'points' };
}
