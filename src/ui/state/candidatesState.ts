// The candidate sites of the proposals panel (建议选址; suggest-cli.md "Candidate sites"): where the
// candidates come from (a grid over the communities, the project's candidate layer, or points the
// user draws on the map), the drawn points, and whether the map is in "draw candidates" mode
// (a click adds a point, a click on a point removes it, Esc ends). Pure updaters, unit-tested in
// test/ui/state/.
import type { Position } from '../../engine/types';

export type CandidateSource = 'grid' | 'layer' | 'drawn';
export const CANDIDATE_SOURCES: readonly CandidateSource[] = ['grid', 'layer', 'drawn'];

export interface DrawnCandidate {
  /** `D<n>`, numbered in drawing order; a removed point's number is not reused. */
  id: string;
  position: Position;
}

export interface CandidatesState {
  source: CandidateSource;
  drawn: DrawnCandidate[];
  /** The map's clicks add or remove drawn points. */
  drawing: boolean;
  /** The number of the next drawn point. */
  next: number;
}

export const initialCandidatesState: CandidatesState = { source: 'grid', drawn: [], drawing: false, next: 1 };

export type CandidatesAction =
  | { type: 'candidates/sourcePicked'; source: CandidateSource }
  /** Draw mode on (the source becomes the drawn points) or off. */
  | { type: 'candidates/drawing'; on: boolean }
  | { type: 'candidates/added'; position: Position }
  | { type: 'candidates/removed'; id: string }
  | { type: 'candidates/cleared' };

export const isCandidatesAction = (a: { type: string }): a is CandidatesAction => a.type.startsWith('candidates/');

const validPosition = (p: Position) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

export function reduceCandidates(s: CandidatesState, a: CandidatesAction): CandidatesState {
  switch (a.type) {
    case 'candidates/sourcePicked':
      if (!CANDIDATE_SOURCES.includes(a.source) || a.source === s.source) return s;
      // Leaving the drawn points ends drawing: clicks go back to the map.
      return { ...s, source: a.source, drawing: a.source === 'drawn' ? s.drawing : false };
    case 'candidates/drawing':
      if (a.on === s.drawing && (!a.on || s.source === 'drawn')) return s;
      return { ...s, drawing: a.on, source: a.on ? 'drawn' : s.source };
    case 'candidates/added':
      if (!s.drawing || !validPosition(a.position)) return s;
      return { ...s, drawn: [...s.drawn, { id: `D${s.next}`, position: [a.position[0], a.position[1]] }], next: s.next + 1 };
    case 'candidates/removed':
      return s.drawn.some((d) => d.id === a.id) ? { ...s, drawn: s.drawn.filter((d) => d.id !== a.id) } : s;
    case 'candidates/cleared':
      return s.drawn.length === 0 ? s : { ...s, drawn: [] };
  }
}

/**
 * The drawn point a click at screen pixel `click` hits: the nearest within `tolerance_px`, given
 * each point's screen pixel (`project`); null when none is that close (the click adds a point).
 */
export function hitDrawnCandidate(drawn: readonly DrawnCandidate[], click: { x: number; y: number }, project: (p: Position) => { x: number; y: number }, tolerance_px = 10): string | null {
  let best: string | null = null, bestD = tolerance_px * tolerance_px;
  for (const d of drawn) {
    const q = project(d.position);
    const d2 = (q.x - click.x) ** 2 + (q.y - click.y) ** 2;
    if (d2 <= bestD) { bestD = d2; best = d.id; }
  }
  return best;
}
