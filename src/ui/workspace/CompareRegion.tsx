// The comparison map, connected to the store (rendered instead of the workspace while it is open):
// side A's audit asked of the engine worker (the scenario compared with, on the worker's base
// audit, leaving the current scenario's audit alone), each side's gap layer for the chosen tier and
// category, the city-wide indicators of both sides, and the names in the UI's language.
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityCategory } from '../../engine/types';
import { selectPreset, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { selectComparison, type ComparisonSideData } from '../compare/comparisonData';
import { CompareView } from '../compare/CompareView';
import { compareIndicators } from '../compare/indicatorComparison';
import { registerCompareStrings } from '../compare/compareStrings';
import { registerWhatIfStrings } from '../whatif/whatIfStrings';
import { scenarioLabel } from '../whatif/scenarioLabel';
import { uncoveredCommunities } from '../map/gapChoice';
import { engine } from './engineHandle';

const selectUi = (s: AppState) => s.ui;
const selectAuditing = (s: AppState) => s.audit.progress !== null;
const selectLarge = (s: AppState) => s.comparison.large;
const selectChanges = (s: AppState) => s.scenarios.compare?.changes ?? null;
const selectOther = (s: AppState) => s.comparison.other;
const errText = (e: unknown) => String((e as Error)?.message ?? e);

/** Asks the engine worker for one side's gap layer when that side's audit has none for the tier and category. */
function useSideGaps(side: 'a' | 'b', d: ComparisonSideData | undefined, tier: string | undefined, category: FacilityCategory | undefined, dispatch: (a: Action) => void) {
  const result = d?.result ?? null, edits = d?.edits, have = !!d?.gaps;
  useEffect(() => {
    const e = engine();
    if (!e || !result || !edits || have || tier === undefined || !category) return;
    let live = true;
    const indices = uncoveredCommunities(result, tier, category);
    e.scenarioGaps(edits.slice(), indices, tier, category).then((gaps) => {
      if (live && gaps) dispatch({ type: 'comparison/gaps', side, key: `${tier}|${category}`, result, gaps });
    }).catch((err: unknown) => dispatch({ type: 'audit/failed', message: errText(err) }));
    return () => { live = false; };
  }, [side, result, edits, have, tier, category, dispatch]);
}

/** True while the comparison map is shown (open, with a scenario to compare with). */
export const selectComparing = (s: AppState) => s.comparison.open && s.scenarios.compare !== null;

export function CompareRegion() {
  registerCompareStrings();
  registerWhatIfStrings();
  const { t } = useTranslation();
  const { dispatch } = useStore<AppState, Action>();
  const data = useSelector(selectComparison);
  const preset = useSelector(selectPreset);
  const ui = useSelector(selectUi);
  const auditing = useSelector(selectAuditing);
  const large = useSelector(selectLarge);
  const changes = useSelector(selectChanges);
  const other = useSelector(selectOther);

  // Side A's audit, again whenever the current audit (preset, mode, data) or the compared edits change.
  const current = data?.b.result ?? null;
  const aId = data?.a.id, aEdits = data?.a.edits;
  useEffect(() => {
    const e = engine();
    if (!e || !current || auditing || aId === undefined || !aEdits) return;
    if (other && other.id === aId && other.edits === aEdits && other.with === current) return;
    let live = true;
    e.scenarioAudit(aEdits.slice()).then((result) => {
      if (live && result) dispatch({ type: 'comparison/audited', otherId: aId, edits: aEdits, with: current, result });
    }).catch((err: unknown) => dispatch({ type: 'audit/failed', message: errText(err) }));
    return () => { live = false; };
  }, [current, auditing, aId, aEdits, other, dispatch]);

  // Each side's gap layer for the chosen tier and category, from that side's audit.
  useSideGaps('a', data?.a, data?.tier, data?.category, dispatch);
  useSideGaps('b', data?.b, data?.tier, data?.category, dispatch);

  const indicators = useMemo(() => (data?.a.result && data.b.result && preset ? compareIndicators(data.a.result, data.b.result, preset) : null), [data?.a.result, data?.b.result, preset]);
  const onClose = useCallback(() => dispatch({ type: 'comparison/closed' }), [dispatch]);
  const onLargeType = useCallback((on: boolean) => dispatch({ type: 'comparison/largeType', on }), [dispatch]);
  const onGapChoice = useCallback((patch: { tier: string; category: FacilityCategory }) => dispatch({ type: 'ui/changed', patch }), [dispatch]);
  if (!data || !preset) return null;
  const nameOf = (d: ComparisonSideData) => (d.scenario === null ? t('compareView.base') : scenarioLabel(d.scenario, t));
  return (
    <CompareView data={data} aName={nameOf(data.a)} bName={nameOf(data.b)} preset={preset} ui={ui} indicators={indicators} changes={changes} large={large} onClose={onClose} onLargeType={onLargeType} onGapChoice={onGapChoice} />
  );
}
