// The legend drawn into the map PNG: status colours, or the metric's classes with the standard
// marked (hand-computed breaks: 0.5×, 0.8×, 1×, 1.25×, 1.6× the standard), plus the gap layer and
// the proposals' candidate markers when they are on the map.
import { describe, expect, it } from 'vitest';
import { legendContent } from '../../../src/ui/map/legendEntries';
import { DEFAULT_UI } from '../../../src/ui/state/uiChoices';
import { getPreset } from '../../../src/engine/presets';
import type { RulePreset } from '../../../src/engine/types';

const preset = getPreset('national-2022') as RulePreset;
// A translator that shows the key and its values, so the test reads what the legend asks for.
const t = (key: string, vars?: Record<string, unknown>) => (vars ? `${key}(${Object.values(vars).join(',')})` : key);

describe('legend content', () => {
  it('pass / fail, then the gap layer when shown', () => {
    const l = legendContent(DEFAULT_UI, preset, t, 'zh');
    expect(l.title).toBe('map.metric.status');
    expect(l.entries.map((e) => e.label)).toEqual(['status.pass', 'status.fail']);
    expect(legendContent({ ...DEFAULT_UI, showGaps: true }, preset, t, 'zh').entries.map((e) => e.label)).toEqual(['status.pass', 'status.fail', 'map.gaps']);
  });

  it('the area per 100 households in classes around the standard', () => {
    const s = preset.rules.areaPer100Households.threshold;
    expect(s).toBe(30);
    const l = legendContent({ ...DEFAULT_UI, colorBy: 'areaPer100Households' }, preset, t, 'zh');
    // 30 × 0.5 = 15, × 0.8 = 24, × 1.25 = 37.5, × 1.6 = 48.
    expect(l.entries.map((e) => e.label)).toEqual([
      '< 15 m²/百户', '15 – 24 m²/百户', '24 – 30 m²/百户', '30 – 37.5 m²/百户 ← map.threshold(30)', '37.5 – 48 m²/百户', '≥ 48 m²/百户',
    ]);
  });

  it('the candidate markers when drawn on the map: the layer as a hollow violet ring, the drawn points as vermilion dots', () => {
    const none = legendContent(DEFAULT_UI, preset, t, 'zh', { candidateLayer: false, drawnCandidates: false });
    expect(none.entries.map((e) => e.label)).toEqual(['status.pass', 'status.fail']);
    const both = legendContent({ ...DEFAULT_UI, showGaps: true }, preset, t, 'zh', { candidateLayer: true, drawnCandidates: true });
    expect(both.entries.slice(2)).toEqual([
      { color: 'rgba(204,0,102,0.6)', outline: 'rgb(120,0,60)', label: 'map.gaps' },
      // The map's colours (candidateLayers.ts): Okabe–Ito reddish purple ring, vermilion fill at 235/255.
      { color: 'rgba(0,0,0,0)', outline: 'rgba(204,121,167,1.00)', shape: 'dot', label: 'candidates.legendLayer' },
      { color: 'rgba(213,94,0,0.92)', outline: 'rgb(255,255,255)', shape: 'dot', label: 'candidates.legendDrawn' },
    ]);
    expect(legendContent(DEFAULT_UI, preset, t, 'zh', { candidateLayer: false, drawnCandidates: true }).entries.map((e) => e.label)).toEqual(['status.pass', 'status.fail', 'candidates.legendDrawn']);
  });
});
