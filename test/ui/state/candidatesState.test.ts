// The candidates slice of the app store: the proposals' candidate source, the points drawn on the
// map (add, remove by a click near one, clear), draw mode and how it shares the map's clicks with
// placing a proposed facility; and the panel's empty states.
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, type Action, type AppState } from '../../../src/ui/state/appState';
import { hitDrawnCandidate, initialCandidatesState, reduceCandidates } from '../../../src/ui/state/candidatesState';
import { missingCandidates } from '../../../src/ui/whatif/ProposalsPanel';
import { emptyLayers, newProject, replaceLayer, type Project } from '../../../src/planning/project';
import type { Community } from '../../../src/engine/types';

const square = (x: number, y: number): Community['geometry'] => [[[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]];
function project(): Project {
  const layers = emptyLayers();
  layers.communities = [{ id: 'A', name: 'A', households: 100, setting: 'urban', geometry: square(120, 30) }];
  return newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, layers, 'national-2022');
}
const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([{ type: 'project/loaded', project: project() }]);

describe('candidates: source and drawn points', () => {
  it('starts on the grid with no drawn points and drawing off', () => {
    expect(initialAppState().candidates).toEqual({ source: 'grid', drawn: [], drawing: false, next: 1 });
  });

  it('drawing on switches the source to the drawn points; clicks add numbered points; removing keeps the others and never reuses a number', () => {
    const s = run([
      { type: 'candidates/drawing', on: true },
      { type: 'candidates/added', position: [120.001, 30.001] },
      { type: 'candidates/added', position: [120.002, 30.002] },
      { type: 'candidates/added', position: [120.003, 30.003] },
      { type: 'candidates/removed', id: 'D2' },
      { type: 'candidates/added', position: [120.004, 30.004] },
    ], loaded());
    expect(s.candidates.source).toBe('drawn');
    expect(s.candidates.drawn).toEqual([{ id: 'D1', position: [120.001, 30.001] }, { id: 'D3', position: [120.003, 30.003] }, { id: 'D4', position: [120.004, 30.004] }]);
    const cleared = run([{ type: 'candidates/cleared' }], s);
    expect(cleared.candidates.drawn).toEqual([]);
    // Nothing to clear, nothing to remove: the same state (no re-render).
    expect(run([{ type: 'candidates/cleared' }], cleared)).toBe(cleared);
    expect(run([{ type: 'candidates/removed', id: 'D9' }], s)).toBe(s);
  });

  it('a click adds a point only while drawing, and only a valid longitude/latitude', () => {
    const s = loaded();
    expect(run([{ type: 'candidates/added', position: [120, 30] }], s)).toBe(s);
    const d = run([{ type: 'candidates/drawing', on: true }], s);
    expect(run([{ type: 'candidates/added', position: [NaN, 30] }], d)).toBe(d);
    expect(run([{ type: 'candidates/added', position: [200, 30] }], d)).toBe(d);
  });

  it('Esc (drawing off) keeps the points; picking another source ends drawing', () => {
    const s = run([{ type: 'candidates/drawing', on: true }, { type: 'candidates/added', position: [120.001, 30.001] }, { type: 'candidates/drawing', on: false }], loaded());
    expect(s.candidates).toMatchObject({ source: 'drawn', drawing: false, drawn: [{ id: 'D1' }] });
    const again = run([{ type: 'candidates/drawing', on: true }, { type: 'candidates/sourcePicked', source: 'layer' }], s);
    expect(again.candidates).toMatchObject({ source: 'layer', drawing: false, drawn: [{ id: 'D1' }] });
    expect(reduceCandidates(initialCandidatesState, { type: 'candidates/sourcePicked', source: 'grid' })).toBe(initialCandidatesState);
  });

  it('drawing and placing a proposed facility take the map clicks one at a time', () => {
    const adding = run([{ type: 'scenario/addArmed', on: true }], loaded());
    const drawing = run([{ type: 'candidates/drawing', on: true }], adding);
    expect(drawing.scenarios.adding).toBeNull();
    expect(drawing.candidates.drawing).toBe(true);
    const back = run([{ type: 'scenario/addArmed', on: true }], drawing);
    expect(back.scenarios.adding).toEqual({ at: null });
    expect(back.candidates.drawing).toBe(false);
  });

  it('importing a candidate layer keeps the scenarios and their edits; another layer does not', () => {
    const edited = run([{ type: 'scenario/edited', edit: { type: 'addFacility', facility: { id: 'p1', category: 'kindergarten', floorArea: 500, position: [120.005, 30.005], proposed: true } } }], loaded());
    const withCandidates = run([{ type: 'project/updated', update: (p) => replaceLayer(p, 'candidates', [{ id: 'V1', position: [120.005, 30.005] }]) }], edited);
    expect(withCandidates.scenarios.list[0].edits).toHaveLength(1);
    const otherFacilities = run([{ type: 'project/updated', update: (p) => replaceLayer(p, 'facilities', []) }], withCandidates);
    expect(otherFacilities.scenarios.list[0].edits).toHaveLength(0);
  });

  it('other communities drop the drawn points (they were of another place); another layer does not', () => {
    const s = run([{ type: 'candidates/drawing', on: true }, { type: 'candidates/added', position: [120.001, 30.001] }], loaded());
    const withCandidates = run([{ type: 'project/updated', update: (p) => replaceLayer(p, 'candidates', [{ id: 'V1', position: [120.005, 30.005] }]) }], s);
    expect(withCandidates.candidates.drawn).toHaveLength(1);
    const other = run([{ type: 'project/updated', update: (p) => replaceLayer(p, 'communities', [{ id: 'B', name: 'B', households: 5, setting: 'urban', geometry: square(121, 31) }]) }], withCandidates);
    expect(other.candidates).toMatchObject({ drawn: [], drawing: false, source: 'drawn' });
  });
});

describe('hitDrawnCandidate: which drawn point a click removes', () => {
  const drawn = [{ id: 'D1', position: [0, 0] as [number, number] }, { id: 'D2', position: [1, 0] as [number, number] }];
  // A screen of 100 px per degree.
  const project = (p: [number, number]) => ({ x: p[0] * 100, y: p[1] * 100 });
  it('the nearest point within the tolerance, else none', () => {
    expect(hitDrawnCandidate(drawn, { x: 6, y: 8 }, project, 10)).toBe('D1'); // 10 px away: on the edge
    expect(hitDrawnCandidate(drawn, { x: 7, y: 8 }, project, 10)).toBeNull(); // 10.6 px away
    expect(hitDrawnCandidate(drawn, { x: 96, y: 0 }, project, 10)).toBe('D2');
    expect(hitDrawnCandidate([], { x: 0, y: 0 }, project)).toBeNull();
  });
});

describe('the proposals panel: empty states', () => {
  it('Run needs candidates: the layer or the drawn points, whichever is chosen', () => {
    expect(missingCandidates('grid', 0, 0)).toBeNull();
    expect(missingCandidates('layer', 0, 3)).toBe('noLayer');
    expect(missingCandidates('layer', 2, 0)).toBeNull();
    expect(missingCandidates('drawn', 5, 0)).toBe('noDrawn');
    expect(missingCandidates('drawn', 0, 1)).toBeNull();
  });
});
