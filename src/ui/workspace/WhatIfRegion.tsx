// The what-if panel, connected to the store: the scenarios slice (list, current edits, the
// facility being added), undo and redo of the app's one history, the selected facility of the current scenario and the last edit's
// changes; every button is a scenario action. A new proposed facility gets a fresh id.
import { useTranslation } from 'react-i18next';
import type { FacilityCategory } from '../../engine/types';
import { selectCanRedo, selectCanUndo, selectCurrentEdits, selectScenarioLayers, type Action, type AppState } from '../state/appState';
import { currentScenario } from '../state/scenarioState';
import { useSelector, useStore } from '../state/store';
import { WhatIfPanel } from '../whatif/WhatIfPanel';
import { scenarioLabel } from '../whatif/scenarioLabel';
import { registerWhatIfStrings } from '../whatif/whatIfStrings';
import { ProposalsRegion } from './ProposalsRegion';

const selectScenarios = (s: AppState) => s.scenarios;
const selectFacility = (s: AppState) => s.selection.facility;
const selectLastChange = (s: AppState) => s.audit.lastChange;

/** `proposed-<n>`, the first n not taken. */
export function proposedId(taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((f) => f.id));
  let n = 1;
  while (ids.has(`proposed-${n}`)) n++;
  return `proposed-${n}`;
}

export function WhatIfRegion() {
  registerWhatIfStrings();
  const { t } = useTranslation();
  const { dispatch } = useStore<AppState, Action>();
  const scenarios = useSelector(selectScenarios);
  const edits = useSelector(selectCurrentEdits);
  const layers = useSelector(selectScenarioLayers);
  const facilityIndex = useSelector(selectFacility);
  const lastChange = useSelector(selectLastChange);
  const canUndo = useSelector(selectCanUndo);
  const canRedo = useSelector(selectCanRedo);
  if (!layers) return null;
  const f = facilityIndex !== null ? layers.facilities[facilityIndex] : undefined;
  const cur = currentScenario(scenarios);
  const edit = (e: Parameters<typeof dispatch>[0]) => dispatch(e);
  return (
    <>
    <WhatIfPanel
      scenarios={scenarios.list}
      currentId={scenarios.currentId}
      edits={edits}
      canUndo={canUndo}
      canRedo={canRedo}
      error={scenarios.error}
      adding={scenarios.adding}
      selected={f && facilityIndex !== null ? { index: facilityIndex, facility: f } : null}
      lastChange={lastChange}
      onSwitch={(id) => dispatch({ type: 'scenario/switched', id })}
      onCreate={() => dispatch({ type: 'scenario/created' })}
      onDuplicate={() => dispatch({ type: 'scenario/duplicated', id: cur.id, name: t('whatIf.copyName', { name: scenarioLabel(cur, t) }) })}
      onRename={(name) => dispatch({ type: 'scenario/renamed', id: cur.id, name })}
      onDelete={() => dispatch({ type: 'scenario/deleted', id: cur.id })}
      onArmAdd={(on) => dispatch({ type: 'scenario/addArmed', on })}
      onAdd={(category: FacilityCategory, floorArea) => {
        const at = scenarios.adding?.at;
        if (!at) return;
        edit({ type: 'scenario/edited', edit: { type: 'addFacility', facility: { id: proposedId(layers.facilities), category, floorArea, position: at, proposed: true } } });
      }}
      onChange={(id, category, floorArea) => edit({ type: 'scenario/edited', edit: { type: 'changeFacility', id, category, floorArea } })}
      onRemove={(id) => { dispatch({ type: 'selection/facility', index: null }); edit({ type: 'scenario/edited', edit: { type: 'deleteFacility', id } }); }}
      onUndo={() => dispatch({ type: 'history/undone' })}
      onRedo={() => dispatch({ type: 'history/redone' })}
      onRevert={(index) => dispatch({ type: 'scenario/editReverted', index })}
      onDismissError={() => dispatch({ type: 'scenario/errorCleared' })}
      compare={scenarios.compare}
      onCompareWith={(otherId) => dispatch({ type: 'scenario/compareWith', otherId })}
      onOpenComparison={() => dispatch({ type: 'comparison/opened' })}
    />
    <ProposalsRegion />
    </>
  );
}
