// The proposals panel, connected to the store: a run goes to its own worker (worker/suggestClient)
// on the current scenario's data, preset and distance mode, with progress and cancel; "Accept"
// adds the sites to the current scenario as proposed facilities (planning/scenario proposalEdits).
import { useCallback, useRef } from 'react';
import type { FacilityCategory } from '../../engine/types';
import { proposalEdits } from '../../planning/scenario';
import { runSuggest } from '../../worker/suggestClient';
import { selectPreset, selectScenarioLayers, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { ProposalsPanel } from '../whatif/ProposalsPanel';

const selectProposals = (s: AppState) => s.scenarios.proposals;
const errText = (e: unknown) => String((e as Error)?.message ?? e);

export function ProposalsRegion() {
  const store = useStore<AppState, Action>();
  const { dispatch } = store;
  const preset = useSelector(selectPreset);
  const state = useSelector(selectProposals);
  const cancelRef = useRef<(() => void) | null>(null);
  const categoryRef = useRef<FacilityCategory>('kindergarten');

  const onRun = useCallback((category: FacilityCategory, tier: string, count: number) => {
    const s = store.getState();
    const layers = selectScenarioLayers(s);
    const ps = selectPreset(s);
    if (!layers || !ps) return;
    cancelRef.current?.();
    categoryRef.current = category;
    dispatch({ type: 'scenario/proposalsStarted' });
    const data = { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads, ...(layers.residential?.length ? { residential: layers.residential } : {}) };
    const run = runSuggest(data, ps, s.ui.mode, { category, tier, count, exclude: layers.water.map((w) => w.geometry) }, (phase, done, total) => dispatch({ type: 'scenario/proposalsProgress', phase, done, total }));
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
  return <ProposalsPanel tiers={Object.keys(preset.tiers)} state={state} onRun={onRun} onCancel={() => cancelRef.current?.()} onAccept={onAccept} />;
}
