// The proposals panel, connected to the store: a run goes to its own worker (worker/suggestClient)
// on the current scenario's data, preset and distance mode, with progress and cancel, over the
// candidates of the chosen source (state/candidatesState.ts: the grid, the project's candidate site
// layer, or the points drawn on the map); "Accept"
// adds the sites to the current scenario as proposed facilities (planning/scenario proposalEdits).
import { useCallback, useRef } from 'react';
import type { FacilityCategory } from '../../engine/types';
import { proposalEdits } from '../../planning/scenario';
import { runSuggest } from '../../worker/suggestClient';
import { selectPreset, selectScenarioLayers, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { missingCandidates, ProposalsPanel } from '../whatif/ProposalsPanel';
import { DEFAULT_GRID_M } from '../../planning/suggest/candidates';
import type { CandidateSource } from '../state/candidatesState';

const selectProposals = (s: AppState) => s.scenarios.proposals;
const selectCandidates = (s: AppState) => s.candidates;
const selectLayerCandidates = (s: AppState) => s.project?.layers.candidates?.length ?? 0;

/** The candidate points of the chosen source (undefined: the grid); null when that source has none. */
function candidatePoints(s: AppState): { id: string; position: [number, number] }[] | undefined | null {
  const c = s.candidates;
  if (missingCandidates(c.source, s.project?.layers.candidates?.length ?? 0, c.drawn.length)) return null;
  if (c.source === 'layer') return (s.project?.layers.candidates ?? []).map((x) => ({ id: x.id, position: x.position }));
  if (c.source === 'drawn') return c.drawn.map((d) => ({ id: d.id, position: d.position }));
  return undefined;
}
const errText = (e: unknown) => String((e as Error)?.message ?? e);

export function ProposalsRegion() {
  const store = useStore<AppState, Action>();
  const { dispatch } = store;
  const preset = useSelector(selectPreset);
  const state = useSelector(selectProposals);
  const candidates = useSelector(selectCandidates);
  const layerCount = useSelector(selectLayerCandidates);
  const cancelRef = useRef<(() => void) | null>(null);
  const categoryRef = useRef<FacilityCategory>('kindergarten');

  const onRun = useCallback((category: FacilityCategory, tier: string, count: number) => {
    const s = store.getState();
    const layers = selectScenarioLayers(s);
    const ps = selectPreset(s);
    const points = candidatePoints(s);
    if (!layers || !ps || points === null) return;
    cancelRef.current?.();
    categoryRef.current = category;
    dispatch({ type: 'scenario/proposalsStarted' });
    const data = { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads, ...(layers.residential?.length ? { residential: layers.residential } : {}) };
    const run = runSuggest(data, ps, s.ui.mode, { category, tier, count, exclude: layers.water.map((w) => w.geometry), ...(points ? { candidates: points } : {}) }, (phase, done, total) => dispatch({ type: 'scenario/proposalsProgress', phase, done, total }));
    cancelRef.current = run.cancel;
    run.result.then(
      (result) => { if (cancelRef.current === run.cancel) { cancelRef.current = null; dispatch({ type: 'scenario/proposalsFinished', result }); } },
      (e: unknown) => { if (cancelRef.current === run.cancel) cancelRef.current = null; dispatch({ type: 'scenario/proposalsStopped', message: (e as Error)?.name === 'AbortError' ? null : errText(e) }); },
    );
  }, [store, dispatch]);

  const onAccept = useCallback(() => {
    const s = store.getState();
    const r = s.scenarios.proposals.result;
    const layers = selectScenarioLayers(s);
    if (!r || !layers) return;
    dispatch({ type: 'scenario/proposalsAccepted', edits: proposalEdits(r.sites, r.category, null, layers.facilities.map((f) => f.id)) });
  }, [store, dispatch]);

  if (!preset) return null;
  return (
    <ProposalsPanel
      tiers={Object.keys(preset.tiers)} state={state} onRun={onRun} onCancel={() => cancelRef.current?.()} onAccept={onAccept}
      source={candidates.source} gridM={DEFAULT_GRID_M} layerCount={layerCount} drawnCount={candidates.drawn.length} drawing={candidates.drawing}
      onSource={(source: CandidateSource) => dispatch({ type: 'candidates/sourcePicked', source })}
      onDraw={(on) => dispatch({ type: 'candidates/drawing', on })}
      onClearDrawn={() => dispatch({ type: 'candidates/cleared' })}
    />
  );
}
