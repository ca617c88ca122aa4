// Test and measurement hooks on window.__lifecircle (renders nothing): the layers and their counts
// as the store holds them, a way to replace layers, the summary figures the UI shows, and the
// current scenario's edits and facilities.
import { useEffect } from 'react';
import { replaceLayer, type Project } from '../../planning/project';
import { selectCurrentEdits, selectPreset, selectScenarioLayers, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectProject = (s: AppState) => s.project;
const selectResult = (s: AppState) => s.audit.result;
const selectProgress = (s: AppState) => s.audit.progress;
const selectGaps = (s: AppState) => s.audit.gaps;

export function TestHooks() {
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const result = useSelector(selectResult);
  const progress = useSelector(selectProgress);
  const preset = useSelector(selectPreset);
  const gaps = useSelector(selectGaps);
  const scenarioLayers = useSelector(selectScenarioLayers);
  const edits = useSelector(selectCurrentEdits);

  useEffect(() => {
    if (!project) return;
    const l = project.layers;
    const replaceLayers = (next: Partial<Project['layers']>) =>
      dispatch({ type: 'project/updated', update: (p) => (Object.keys(next) as (keyof Project['layers'])[]).reduce((q, k) => replaceLayer(q, k, next[k] as never), p) });
    window.__lifecircle = { ...(window.__lifecircle ?? {}), replaceLayers, layers: l, layerCounts: { communities: l.communities.length, facilities: l.facilities.length, green: l.green.length, roads: l.roads.length, water: l.water.length } };
  }, [project, dispatch]);

  useEffect(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), ready: !!result && !progress, failing: result?.summary.failing, communities: result?.communities.length, presetId: preset?.id };
  }, [result, progress, preset]);

  // The gap layer's polygons as drawn (community index and lon/lat parts).
  useEffect(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), gaps };
  }, [gaps]);
  // The current scenario as the map shows it: its edits and facilities.
  useEffect(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), scenario: { edits, facilities: scenarioLayers?.facilities ?? [] } };
  }, [edits, scenarioLayers]);

  return null;
}
