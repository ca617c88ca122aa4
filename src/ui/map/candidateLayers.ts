// deck.gl layers of the proposals' candidate sites (建议选址): the project's candidate site layer
// (small squares' stand-in: hollow violet rings, drawn whatever the panel's source, so the planner
// sees the parcels) and the points the user drew (filled vermilion dots with a white rim, larger
// while drawing, so each one is easy to hit for removal). Pure: data in, layers out.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { CandidateSite } from '../../engine/types';
import type { DrawnCandidate } from '../state/candidatesState';

export const CANDIDATE_LAYER_IDS = { layer: 'candidate-sites', drawn: 'candidate-drawn' } as const;

/** Okabe–Ito reddish purple (layer) and vermilion (drawn points): apart from facility category colours. */
const LAYER_COLOR: [number, number, number, number] = [204, 121, 167, 255];
const DRAWN_COLOR: [number, number, number, number] = [213, 94, 0, 235];

const css = (c: readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;

/** The legend's swatches of the two marker kinds: a hollow violet ring, a filled vermilion dot with a white rim. */
export const CANDIDATE_SWATCHES = {
  layer: { color: 'rgba(0,0,0,0)', outline: css(LAYER_COLOR), shape: 'dot' },
  drawn: { color: css(DRAWN_COLOR), outline: 'rgb(255,255,255)', shape: 'dot' },
} as const;

export function candidateLayers(sites: readonly CandidateSite[] | undefined, drawn: readonly DrawnCandidate[], drawing: boolean): Layer[] {
  const out: Layer[] = [];
  if (sites?.length) {
    out.push(new ScatterplotLayer<CandidateSite>({
      id: CANDIDATE_LAYER_IDS.layer,
      data: sites as CandidateSite[],
      getPosition: (d) => d.position,
      getRadius: 5,
      radiusUnits: 'pixels',
      stroked: true,
      filled: false,
      getLineColor: LAYER_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
    }));
  }
  if (drawn.length) {
    out.push(new ScatterplotLayer<DrawnCandidate>({
      id: CANDIDATE_LAYER_IDS.drawn,
      data: drawn as DrawnCandidate[],
      getPosition: (d) => d.position,
      getRadius: drawing ? 7 : 5,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: DRAWN_COLOR,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      updateTriggers: { getRadius: drawing },
    }));
  }
  return out;
}
