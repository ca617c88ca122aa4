// The engine worker's side of the workspace (renders nothing): it owns the worker, sends it the
// dataset when the layers change, runs the audit when the dataset, the preset or the distance mode
// changes (debounced so typing in the preset editor stays smooth), cancels on request, and
// computes the uncovered parts for the gap layer. Everything it learns goes to the store.
// The current scenario's edits go to the worker with each audit and, when they change alone, on
// their own: the worker re-audits only what the changed edits reach and, in the same answer,
// computes again only those communities' uncovered parts for the gap layer shown; the store takes
// both in one action, so an edit costs one round trip and one redraw.
import { useEffect, useRef } from 'react';
import type { Dataset } from '../../engine/types';
import { createEngineClient, progressProxy, type EngineClient } from '../../worker/engineClient';
import { selectCurrentEdits, selectLayers, selectPreset, type Action, type AppState } from '../state/appState';
import { uncoveredCommunities } from '../map/gapChoice';
import type { Edit } from '../../planning/scenario';
import { auditChanges } from '../../planning/auditChanges';
import { BASE_ID } from '../state/scenarioState';
import { useSelector, useStore } from '../state/store';
import { setEngine } from './engineHandle';

const AUDIT_DEBOUNCE_MS = 250;
const errText = (e: unknown) => String((e as Error)?.message ?? e);

const selectMode = (s: AppState) => s.ui.mode;
const selectDatasetVersion = (s: AppState) => s.audit.datasetVersion;
const selectCancelled = (s: AppState) => s.audit.cancelled;
const selectResult = (s: AppState) => s.audit.result;
const selectShowGaps = (s: AppState) => s.ui.showGaps;
const selectTier = (s: AppState) => s.ui.tier;
const selectCategory = (s: AppState) => s.ui.category;
const selectCompareBases = (s: AppState) => s.ui.compareBases;
const selectSelected = (s: AppState) => s.selection.community;
const selectAuditing = (s: AppState) => s.audit.progress !== null;
const now = () => performance.now();
const selectCompareWith = (s: AppState) => s.scenarios.compare?.otherId ?? null;
const selectCompareEdits = (s: AppState): readonly Edit[] | null => {
  const id = s.scenarios.compare?.otherId;
  if (id === undefined) return null;
  return id === BASE_ID ? NO_EDITS : s.scenarios.list.find((x) => x.id === id)?.edits ?? null;
};
const NO_EDITS: readonly Edit[] = [];

export function EngineSync() {
  const store = useStore<AppState, Action>();
  const { dispatch } = store;
  const layers = useSelector(selectLayers);
  const preset = useSelector(selectPreset);
  const mode = useSelector(selectMode);
  const datasetVersion = useSelector(selectDatasetVersion);
  const cancelled = useSelector(selectCancelled);
  const result = useSelector(selectResult);
  const showGaps = useSelector(selectShowGaps);
  const tier = useSelector(selectTier);
  const category = useSelector(selectCategory);
  const compareBases = useSelector(selectCompareBases);
  const selected = useSelector(selectSelected);
  const edits = useSelector(selectCurrentEdits);
  const auditing = useSelector(selectAuditing);
  const compareWith = useSelector(selectCompareWith);
  const compareEdits = useSelector(selectCompareEdits);

  const engineRef = useRef<EngineClient | null>(null);
  const runId = useRef(0);
  const gapRunId = useRef(0);
  /** The edits the worker's audit holds (sent with an audit or on their own). */
  const syncedEdits = useRef<readonly Edit[] | null>(null);
  /** The last edited result, the communities it re-audited (their gaps alone are recomputed), and whether its answer brought their gaps. */
  const edited = useRef<{ result: unknown; affected: number[]; gaps: boolean } | null>(null);
  /** The tier and category of the gap layer shown. */
  const gapKey = useRef('');

  // Worker, once.
  useEffect(() => {
    const client = createEngineClient();
    engineRef.current = client.engine;
    setEngine(client.engine);
    return () => {
      client.terminate();
      engineRef.current = null;
      setEngine(null);
    };
  }, []);

  // Send the dataset to the worker when the layers change; re-audit unless a facility move
  // already re-audited the communities it affects (and patched them into the result).
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !layers) return;
    const data: Dataset = { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads, ...(layers.residential?.length ? { residential: layers.residential } : {}) };
    const patched = store.getState().audit.patchedLayers === layers;
    void engine.setDataset(data).then(() => { if (!patched) dispatch({ type: 'audit/datasetReady' }); });
  }, [layers, store, dispatch]);

  // Audit on dataset, preset or mode change.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !preset || datasetVersion === 0) return;
    const id = ++runId.current;
    const h = setTimeout(() => {
      dispatch({ type: 'audit/started', total: store.getState().project?.layers.communities.length ?? 0 });
      // Progress messages travel on their own channel and may arrive after the result: ignore late ones.
      let finished = false;
      const sent = selectCurrentEdits(store.getState());
      engine
        .audit(id, preset, mode, progressProxy((done, total) => { if (id === runId.current && !finished) dispatch({ type: 'audit/progress', done, total }); }), sent.slice())
        .then((r) => {
          finished = true;
          if (id !== runId.current) return;
          if (r) syncedEdits.current = sent;
          dispatch({ type: 'audit/finished', result: r });
        })
        .catch((e: unknown) => {
          finished = true;
          if (id === runId.current) dispatch({ type: 'audit/failed', message: errText(e) });
        });
    }, AUDIT_DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [preset, mode, datasetVersion, store, dispatch]);

  // The scenario's edits changed (added, undone, reverted, another scenario): incremental re-audit.
  // During a full audit they wait: its result arrives, then this runs again.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !result || auditing || edits === syncedEdits.current) return;
    syncedEdits.current = edits;
    const t0 = now();
    // The gap layer as shown (its tier and category): the worker brings the re-audited communities' parts.
    const s = store.getState();
    const key = `${s.ui.tier}|${s.ui.category}`;
    const gapsFor = s.ui.showGaps && s.audit.gaps && gapKey.current === key ? { tier: s.ui.tier, category: s.ui.category } : null;
    engine.syncEdits(edits.slice(), gapsFor).then((r) => {
      if (!r || syncedEdits.current !== edits) return;
      const gaps = r.gaps && gapKey.current === key ? { communities: r.affected, gaps: r.gaps } : undefined;
      edited.current = { result: r.result, affected: r.affected, gaps: !!gaps };
      dispatch({ type: 'audit/edited', result: r.result, affected: r.affected, ms: r.ms, roundTripMs: now() - t0, gaps });
    }).catch((e: unknown) => dispatch({ type: 'audit/failed', message: errText(e) }));
  }, [edits, result, auditing, store, dispatch]);

  // Comparison: the other scenario's audit (from the worker's base audit), then the changes from
  // it to the current scenario's; again whenever either side changes.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !result || auditing || compareWith === null || !compareEdits) return;
    let alive = true;
    engine.scenarioAudit(compareEdits.slice()).then((other) => {
      if (alive && other && other.communities.length === result.communities.length) dispatch({ type: 'scenario/compared', otherId: compareWith, changes: auditChanges(other, result) });
    }).catch((e: unknown) => dispatch({ type: 'audit/failed', message: errText(e) }));
    return () => { alive = false; };
  }, [result, auditing, compareWith, compareEdits, dispatch]);

  // Cancel requested (the store already shows it as cancelled).
  useEffect(() => {
    if (cancelled) void engineRef.current?.cancel(runId.current);
  }, [cancelled]);

  // Uncovered parts for the chosen tier and category.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !result || !showGaps) { gapKey.current = ''; dispatch({ type: 'gaps/cleared' }); return; }
    const key = `${tier}|${category}`;
    // An edit's answer that brought the re-audited communities' gaps has patched them already.
    if (edited.current?.result === result && edited.current.gaps && gapKey.current === key) return;
    // After an edit, with the same tier and category shown, only the re-audited communities change.
    const patch = edited.current?.result === result && gapKey.current === key && store.getState().audit.gaps ? edited.current.affected : null;
    gapKey.current = key;
    const all = uncoveredCommunities(result, tier, category);
    const indices = patch ? all.filter((i) => patch.includes(i)) : all;
    const id = ++gapRunId.current;
    dispatch({ type: 'gaps/started' });
    engine.gaps(id, indices, tier, category).then((g) => {
      if (g && id === gapRunId.current && patch) dispatch({ type: 'gaps/patched', communities: patch, gaps: g });
      dispatch({ type: 'gaps/finished', gaps: g && id === gapRunId.current && !patch ? g : null });
    }).catch((e: unknown) => dispatch({ type: 'gaps/failed', message: errText(e) }));
  }, [result, showGaps, tier, category, store, dispatch]);

  // The selected community on the community-area basis, for the basis comparison.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !result || !compareBases || selected === null || !(layers?.residential?.length)) { dispatch({ type: 'basis/compared', compare: null }); return; }
    let live = true;
    engine.compareBasis(selected).then((area) => {
      if (live) dispatch({ type: 'basis/compared', compare: area ? { community: selected, area } : null });
    }).catch((e: unknown) => dispatch({ type: 'audit/failed', message: errText(e) }));
    return () => { live = false; };
  }, [result, compareBases, selected, layers, dispatch]);

  return null;
}
