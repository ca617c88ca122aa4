// The side panel, connected to the store: the preset picker and editor (edits with undo/redo),
// the city-wide indicators while no community is selected, the selected community's detail and
// its straight-line / walking figures side by side; above them the what-if panel (scenarios,
// edits, what changed, proposals).
import { PresetPanel } from '../preset/PresetPanel';
import { DetailPanel } from '../detail/DetailPanel';
import { ModeBadge } from '../network/ModeBadge';
import { ModeComparison } from '../network/ModeComparison';
import { selectCanRedo, selectCanUndo, selectPreset, selectScenarioLayers, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { useNetwork } from './NetworkWhatIf';
import { IndicatorsRegion } from './IndicatorsRegion';
import { BasisBadge } from '../residential/BasisBadge';
import { BasisComparison } from '../residential/BasisComparison';
import { WhatIfRegion } from './WhatIfRegion';

const selectProject = (s: AppState) => s.project;
const selectModified = (s: AppState) => !!s.presetEdits && s.presetEdits.present !== s.presetEdits.base;
const selectResult = (s: AppState) => s.audit.result;
const selectSelected = (s: AppState) => s.selection.community;
const selectMode = (s: AppState) => s.ui.mode;
const selectCompareBases = (s: AppState) => s.ui.compareBases;
const selectBasisCompare = (s: AppState) => s.audit.basisCompare;

export function SidePanel() {
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const modified = useSelector(selectModified);
  const canUndo = useSelector(selectCanUndo);
  const canRedo = useSelector(selectCanRedo);
  const layers = useSelector(selectScenarioLayers);
  const preset = useSelector(selectPreset);
  const result = useSelector(selectResult);
  const selected = useSelector(selectSelected);
  const mode = useSelector(selectMode);
  const compareBases = useSelector(selectCompareBases);
  const basisCompare = useSelector(selectBasisCompare);
  const net = useNetwork();
  if (!project || !preset) return null;
  const selectedResult = selected !== null ? result?.communities[selected] ?? null : null;
  return (
    <aside className="side">
      <WhatIfRegion />
      <PresetPanel
        project={project}
        modified={modified}
        canUndo={canUndo}
        canRedo={canRedo}
        preset={preset}
        onPick={(id) => dispatch({ type: 'preset/picked', id })}
        onEdit={(next) => dispatch({ type: 'preset/edited', preset: next })}
        onUndo={() => dispatch({ type: 'history/undone' })}
        onRedo={() => dispatch({ type: 'history/redone' })}
        onRevert={() => dispatch({ type: 'preset/reverted' })}
        onSave={(saved) => dispatch({ type: 'preset/saved', preset: saved })}
        onDelete={(id) => dispatch({ type: 'preset/deleted', id })}
      />
      {selected === null && <IndicatorsRegion />}
      <DetailPanel
        community={selected !== null ? project.layers.communities[selected] ?? null : null}
        result={selectedResult}
        audit={result}
        preset={preset}
        facilities={layers?.facilities ?? project.layers.facilities}
        onClose={() => dispatch({ type: 'selection/community', index: null })}
        onShowGaps={(tier, category) => dispatch({ type: 'ui/changed', patch: { showGaps: true, tier, category, colorBy: 'lifeCircle' } })}
        onSelectFacility={(index) => { dispatch({ type: 'selection/facility', index }); dispatch({ type: 'ui/changed', patch: { circles: 'selected' } }); }}
        modeBadge={<ModeBadge compact mode={result?.parameters.mode ?? mode} hasRoads={net.hasRoads} onChange={(m) => dispatch({ type: 'ui/changed', patch: { mode: m } })} basis={selectedResult ? <BasisBadge basis={selectedResult.coverageBasis ?? 'community-area'} /> : undefined} />}
      />
      {selectedResult && (project.layers.residential?.length ?? 0) > 0 && (
        <BasisComparison
          on={compareBases}
          onToggle={(on) => dispatch({ type: 'ui/changed', patch: { compareBases: on } })}
          preset={preset}
          residential={selectedResult}
          area={basisCompare && basisCompare.community === selected ? basisCompare.area : null}
        />
      )}
      {selected !== null && net.hasRoads && <ModeComparison compare={net.compare} busy={net.compareBusy} preset={preset} mode={mode} error={net.compareError} />}
    </aside>
  );
}
