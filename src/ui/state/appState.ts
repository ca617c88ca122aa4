// The app's state as one value and the pure updaters that change it (kepler.gl style: every
// change is an action, `appReducer(state, action) => state`, unit-tested without React). The
// workspace's components subscribe to the slices they show (state/store.ts: useSelector); side
// effects (workers, IndexedDB, keyboard) live in ui/workspace/ and only dispatch actions.
//
// Slices: the project (base data and presets, planning/project.ts), the edited preset, the one undo
// history of every user edit, preset and scenario alike (planning/undoHistory.ts, userEdit.ts: plain
// edit records, saved with the project: planning/savedHistory.ts),
// the user's view choices, the selection, the view (fit requests, open dialog), the audit (result,
// progress, errors, gap layer) and persistence (save failures, another tab's newer work). A new
// feature adds a slice and its actions here (scenarios, comparison, presentation), not state in
// App.tsx. The city-wide indicators panel keeps only its view (open, which indicator per street);
// the figures are derived from the audit.
import type { AuditResult, CommunityResult, DistanceMode, IndicatorId, IndicatorsSummary, Position, RulePreset } from '../../engine/types';
import { computeIndicators } from '../../engine/indicators/computeIndicators';
import type { Gap } from '../../worker/engine.worker';
import { deleteCustomPreset, saveCustomPreset, setActivePreset, type Project, type ProjectLayers } from '../../planning/project';
import { patchResults } from '../../planning/moveFacility';
import { DEFAULT_PRESET_ID, findPreset } from './presetCatalog';
import { dropEdits, emptyHistory, recordEdit, redoEdit, undoEdit, type UndoHistory } from '../../planning/undoHistory';
import { editTarget, type ScenarioChange, type UserEdit } from '../../planning/userEdit';
import { decodeHistory } from '../../planning/savedHistory';
import type { ProjectDocument } from '../../planning/projectDocument';
import { initialPersistenceState, isPersistenceAction, reducePersistence, type PersistenceAction, type PersistenceState } from './persistenceState';
import { DEFAULT_UI, type UiChoices } from './uiChoices';
import { initialPresentationState, isPresentationAction, reducePresentation, type PresentationAction, type PresentationState } from './presentationState';
import { auditChanges, type AuditChanges } from '../../planning/auditChanges';
import {
  BASE_ID, currentScenario, initialScenarios, isScenarioAction, restoreScenarios, SCENARIO_CHANGES, scenarioLayers, scenarioReducer, scenariosSnapshot,
  type ScenarioAction, type ScenariosState,
} from './scenarioState';
import { comparisonReducer, initialComparisonState, isComparisonAction, type ComparisonAction, type ComparisonState } from './comparisonState';
import { initialCandidatesState, isCandidatesAction, reduceCandidates, type CandidatesAction, type CandidatesState } from './candidatesState';

/** What the last what-if edit changed, and how long its incremental re-audit took. */
export interface LastChange {
  changes: AuditChanges | null;
  /** Communities re-audited. */
  affected: number;
  /** Worker time of the incremental re-audit, and from the edit to the result on the main thread. */
  ms: number;
  roundTripMs: number;
}

export interface Progress {
  done: number;
  total: number;
}

export type Dialog = 'import' | 'settings' | 'report';

export interface SelectionState {
  community: number | null;
  facility: number | null;
  /** Bumped when the community was chosen outside the map (table): the map zooms to it. */
  zoomToken: number;
}

export interface ViewState {
  /** Bumped to ask the map to fit the data (toolbar, import, reset). */
  fitToken: number;
  dialog: Dialog | null;
}

export interface AuditState {
  result: AuditResult | null;
  progress: Progress | null;
  error: string | null;
  cancelled: boolean;
  /** Bumped when the engine worker holds a new dataset: the audit runs again. */
  datasetVersion: number;
  /** Layers whose result a facility move already patched in: the workspace does not re-audit them in full. */
  patchedLayers: ProjectLayers | null;
  gaps: Gap[] | null;
  gapsBusy: boolean;
  /** The selected community audited on the community-area basis, beside its residential-basis result. */
  basisCompare: { community: number; area: CommunityResult } | null;
  /** The last what-if edit's changes (null after a full audit). */
  lastChange: LastChange | null;
}

/** The active preset as loaded (`base`) and as the user edited it (`present`, unsaved). */
export interface PresetEdits {
  base: RulePreset;
  present: RulePreset;
}

/** The city-wide indicators panel: open or folded, and the indicator its street breakdown shows. */
export interface IndicatorsPanelState {
  open: boolean;
  indicator: IndicatorId;
}

export interface AppState {
  project: Project | null;
  loadError: string | null;
  presetEdits: PresetEdits | null;
  /** Every user edit (preset and scenario), in the order made: undo and redo walk it (Ctrl+Z, the buttons). */
  history: UndoHistory<UserEdit>;
  ui: UiChoices;
  selection: SelectionState;
  view: ViewState;
  audit: AuditState;
  indicators: IndicatorsPanelState;
  /** Presentation mode and the planner's sequence editor (state/presentationState.ts). */
  presentation: PresentationState;
  persistence: PersistenceState;
  scenarios: ScenariosState;
  /** The side-by-side comparison map of two scenarios (state/comparisonState.ts). */
  comparison: ComparisonState;
  /** The proposals' candidate sites: their source, the points drawn on the map, draw mode (state/candidatesState.ts). */
  candidates: CandidatesState;
}

export type Action =
  | { type: 'project/loaded'; project: Project; fit?: boolean }
  /** A saved project document (IndexedDB, a project file, another tab's save): project, edits and history together. */
  | { type: 'document/loaded'; doc: ProjectDocument; fit?: boolean }
  | { type: 'project/loadFailed'; message: string }
  /** A change of the project's layers (import, test hook): the selection and results are of the old data. */
  | { type: 'project/updated'; update: (p: Project) => Project; fit?: boolean }
  | { type: 'preset/picked'; id: string }
  | { type: 'preset/edited'; preset: RulePreset }
  /** Undo / redo the last user edit, whatever its kind. */
  | { type: 'history/undone' }
  | { type: 'history/redone' }
  | { type: 'preset/reverted' }
  | { type: 'preset/saved'; preset: RulePreset }
  | { type: 'preset/deleted'; id: string }
  | { type: 'ui/loaded'; ui: UiChoices }
  | { type: 'ui/changed'; patch: Partial<UiChoices> }
  | { type: 'selection/community'; index: number | null; zoom?: boolean }
  | { type: 'selection/facility'; index: number | null }
  | { type: 'selection/cleared' }
  | { type: 'view/fit' }
  | { type: 'dialog/opened'; dialog: Dialog }
  /** Closes `dialog` (any dialog when omitted). */
  | { type: 'dialog/closed'; dialog?: Dialog }
  | { type: 'audit/datasetReady' }
  | { type: 'audit/started'; total: number }
  | { type: 'audit/progress'; done: number; total: number }
  | { type: 'audit/finished'; result: AuditResult | null }
  | { type: 'audit/failed'; message: string }
  | { type: 'audit/cancelled' }
  | { type: 'gaps/started' }
  | { type: 'gaps/finished'; gaps: Gap[] | null }
  | { type: 'gaps/failed'; message: string }
  | { type: 'gaps/cleared' }
  | { type: 'indicators/toggled' }
  /** The indicator the street breakdown shows. */
  | { type: 'indicators/picked'; indicator: IndicatorId }
  /** The community-area result of one community (basis comparison); null clears it. */
  | { type: 'basis/compared'; compare: AuditState['basisCompare'] }
  /** A facility moved and the communities it can reach re-audited (in `mode`): project and results change together. */
  | { type: 'facility/moved'; project: Project; mode: DistanceMode; affected: number[]; results: CommunityResult[] }
  | PresentationAction
  | PersistenceAction
  /** The current scenario's audit after its edits changed, re-auditing only `affected`; with `gaps`, their uncovered parts too (they replace the old ones). */
  | { type: 'audit/edited'; result: AuditResult; affected: number[]; ms: number; roundTripMs: number; gaps?: { communities: number[]; gaps: Gap[] } }
  /** Uncovered parts of `communities` recomputed (after an edit): theirs replace the old ones. */
  | { type: 'gaps/patched'; communities: number[]; gaps: Gap[] }
  | ScenarioAction
  | ComparisonAction
  | CandidatesAction;

export const initialAuditState: AuditState = { result: null, progress: null, error: null, cancelled: false, datasetVersion: 0, patchedLayers: null, gaps: null, gapsBusy: false, basisCompare: null, lastChange: null };

export function initialAppState(ui: UiChoices = DEFAULT_UI): AppState {
  return {
    project: null,
    loadError: null,
    presetEdits: null,
    history: emptyHistory(),
    ui,
    selection: { community: null, facility: null, zoomToken: 0 },
    view: { fitToken: 0, dialog: null },
    audit: initialAuditState,
    indicators: { open: true, indicator: 'serviceFacilityCoverage' },
    presentation: initialPresentationState,
    persistence: initialPersistenceState,
    scenarios: initialScenarios(),
    comparison: initialComparisonState,
    candidates: initialCandidatesState,
  };
}

// ----------------------------------------------------------------------------------------------
// Selectors

/** The current scenario's layers: the project's base data with the scenario's edits applied. */
export const selectScenarioLayers = (s: AppState): ProjectLayers | null =>
  s.project ? scenarioLayers(s.project.layers, currentScenario(s.scenarios).edits) : null;
export const selectCurrentEdits = (s: AppState) => currentScenario(s.scenarios).edits;
export const selectCanUndo = (s: AppState) => s.history.done.length > 0;
export const selectCanRedo = (s: AppState) => s.history.undone.length > 0;

/** The preset the audit uses: the active one with the user's edits. */
export const selectPreset = (s: AppState): RulePreset | null => s.presetEdits?.present ?? null;
export const selectLayers = (s: AppState): ProjectLayers | null => s.project?.layers ?? null;
export const selectHasRoads = (s: AppState): boolean => (s.project?.layers.roads.length ?? 0) > 0;

let lastIndicators: { result: AuditResult; preset: RulePreset; value: IndicatorsSummary } | null = null;
/**
 * The city-wide indicators of the shown result under the active preset (recomputed from the
 * communities, so a patched what-if result and an edited target show at once); the same object
 * while neither changes.
 */
export const selectCityIndicators = (s: AppState): IndicatorsSummary | null => {
  const result = s.audit.result, preset = selectPreset(s);
  if (!result || !preset) return null;
  if (lastIndicators?.result !== result || lastIndicators.preset !== preset) lastIndicators = { result, preset, value: computeIndicators(result.communities, preset) };
  return lastIndicators.value;
};

// ----------------------------------------------------------------------------------------------
// Updaters

/** Only the candidate site layer changed: the scenarios' edits (which name facilities, green and communities) still apply. */
function onlyCandidatesChanged(before: Project | null, after: Project): boolean {
  if (!before || before.layers === after.layers) return false;
  const keys = new Set([...Object.keys(before.layers), ...Object.keys(after.layers)]) as Set<keyof ProjectLayers>;
  return [...keys].every((k) => k === 'candidates' || before.layers[k] === after.layers[k]);
}

/** A new project value; when its layers changed (not by a move), the selection and results are
 *  dropped; when its communities changed, so are the table's search text and street (they named
 *  the old data). */
function withProject(s: AppState, project: Project, fit: boolean): AppState {
  const layersChanged = project.layers !== s.project?.layers;
  const communitiesChanged = project.layers.communities !== s.project?.layers.communities;
  const filters = s.ui.filters;
  return {
    ...s,
    ui: communitiesChanged && (filters.search || filters.street) ? { ...s.ui, filters: { ...filters, search: '', street: '' } } : s.ui,
    project,
    loadError: null,
    view: fit ? { ...s.view, fitToken: s.view.fitToken + 1 } : s.view,
    selection: layersChanged ? { ...s.selection, community: null, facility: null } : s.selection,
    audit: layersChanged ? { ...s.audit, result: null, gaps: null, patchedLayers: null, basisCompare: null, lastChange: null } : s.audit,
    // Edits name the base data's features: other data starts with one empty scenario, and the
    // recorded scenario changes (of the old scenarios) leave the history.
    scenarios: layersChanged && !onlyCandidatesChanged(s.project, project) ? initialScenarios() : s.scenarios,
    history: layersChanged && !onlyCandidatesChanged(s.project, project) ? withoutScenarioEdits(s.history) : s.history,
    // Points drawn over other communities are of another place.
    candidates: communitiesChanged && (s.candidates.drawn.length || s.candidates.drawing) ? { ...s.candidates, drawn: [], drawing: false } : s.candidates,
  };
}

const withoutScenarioEdits = (h: UndoHistory<UserEdit>) => dropEdits(h, (e) => e.kind === 'scenario');

/** A scenario action; a change the user made to the scenarios is recorded in the history. */
function reduceScenarios(s: AppState, a: ScenarioAction): AppState {
  const scenarios = scenarioReducer(s.scenarios, a, s.project?.layers ?? null);
  if (scenarios === s.scenarios) return s;
  // Scenarios read back from storage replace the ones the recorded changes were made to.
  if (a.type === 'scenario/loaded') return { ...s, scenarios, history: withoutScenarioEdits(s.history) };
  const change: ScenarioChange | undefined = SCENARIO_CHANGES[a.type];
  if (!change || scenarios.list === s.scenarios.list) return { ...s, scenarios };
  const edit: UserEdit = { kind: 'scenario', change, before: scenariosSnapshot(s.scenarios), after: scenariosSnapshot(scenarios) };
  return { ...s, scenarios, history: recordEdit(s.history, edit) };
}

function updateProject(s: AppState, update: (p: Project) => Project): AppState {
  if (!s.project) return s;
  const next = update(s.project);
  return next === s.project ? s : withProject(s, next, false);
}

/** The active preset becomes `next`, recorded as an undoable edit. */
function editPreset(s: AppState, next: RulePreset): AppState {
  const e = s.presetEdits;
  if (!e || next === e.present) return s;
  const edit: UserEdit = { kind: 'preset', presetId: e.base.id, before: e.present, after: next };
  return { ...s, presetEdits: { ...e, present: next }, history: recordEdit(s.history, edit) };
}

/** An edit applied backwards (undo) or forwards (redo). */
function applyUserEdit(s: AppState, edit: UserEdit, direction: 'undo' | 'redo'): AppState {
  switch (edit.kind) {
    case 'preset':
      return s.presetEdits && s.presetEdits.base.id === edit.presetId ? { ...s, presetEdits: { ...s.presetEdits, present: editTarget(edit, direction) } } : s;
    case 'scenario':
      return { ...s, scenarios: restoreScenarios(s.scenarios, editTarget(edit, direction)) };
  }
}

function undoOrRedo(s: AppState, direction: 'undo' | 'redo'): AppState {
  const step = direction === 'undo' ? undoEdit(s.history) : redoEdit(s.history);
  return step ? { ...applyUserEdit(s, step.edit, direction), history: step.history } : s;
}

/** A saved document replaces the project, the edited preset, the undo history (preset and
 *  scenario edits), the scenarios and the drawn candidate sites together. */
function loadDocument(s: AppState, doc: ProjectDocument, fit: boolean): AppState {
  const next = withProject(s, doc.project, fit);
  const base = findPreset(doc.project.activePresetId, doc.project.customPresets);
  // A stored copy of the preset's own values is the preset itself: undoing back to it is "unedited".
  const json = JSON.stringify(base);
  const asBase = (p: RulePreset) => (p === base || JSON.stringify(p) !== json ? p : base);
  const present = doc.presetEdit && doc.presetEdit.presetId === base.id ? asBase(doc.presetEdit.preset) : base;
  const kept = dropEdits(decodeHistory(doc.history, doc.scenarioStates), (e) => e.kind === 'preset' && e.presetId !== base.id);
  const canonical = (e: UserEdit): UserEdit => (e.kind === 'preset' ? { ...e, before: asBase(e.before), after: asBase(e.after) } : e);
  const history = { done: kept.done.map(canonical), undone: kept.undone.map(canonical) };
  // The document's scenarios (checked against its data when it was read); none saved: one empty scenario.
  const scenarios = doc.scenarios?.list.length
    ? scenarioReducer(initialScenarios(), { type: 'scenario/loaded', list: doc.scenarios.list, currentId: doc.scenarios.currentId }, doc.project.layers)
    : initialScenarios();
  return { ...next, presetEdits: { base, present }, history, scenarios, candidates: loadedCandidates(doc) };
}

/** The document's drawn candidate sites and source (draw mode off); none saved: the defaults. */
function loadedCandidates(doc: ProjectDocument): CandidatesState {
  const c = doc.candidates;
  if (!c) return initialCandidatesState;
  const drawn = c.drawn.map((d) => ({ id: d.id, position: [d.position[0], d.position[1]] as Position }));
  // The next number follows every saved one, so that a new point's id cannot repeat one (a hand-edited file).
  const highest = drawn.reduce((m, d) => Math.max(m, /^D\d+$/.test(d.id) ? Number(d.id.slice(1)) : 0), 0);
  return { source: c.source, drawn, drawing: false, next: Math.max(c.next, highest + 1) };
}

function patchUi(s: AppState, patch: Partial<UiChoices>): AppState {
  const keys = Object.keys(patch) as (keyof UiChoices)[];
  if (keys.every((k) => Object.is(s.ui[k], patch[k]))) return s;
  return { ...s, ui: { ...s.ui, ...patch } };
}

/** The gap layer with the parts of `communities` replaced by `fresh`, in community order. */
function patchGaps(gaps: Gap[], communities: number[], fresh: Gap[]): Gap[] {
  const drop = new Set(communities);
  return [...gaps.filter((g) => !drop.has(g.community)), ...fresh].sort((x, y) => x.community - y.community);
}

function audit(s: AppState, patch: Partial<AuditState>): AppState {
  return { ...s, audit: { ...s.audit, ...patch } };
}

function reduce(s: AppState, a: Action): AppState {
  if (isPresentationAction(a)) return reducePresentation(s, a);
  if (isComparisonAction(a)) {
    // Opening the comparison without a scenario chosen to compare with compares with the base data.
    const scenarios = a.type === 'comparison/opened' && !s.scenarios.compare && s.project
      ? scenarioReducer(s.scenarios, { type: 'scenario/compareWith', otherId: BASE_ID }, s.project.layers)
      : s.scenarios;
    if (a.type === 'comparison/opened' && !scenarios.compare) return s;
    const comparison = comparisonReducer(s.comparison, a);
    return comparison === s.comparison && scenarios === s.scenarios ? s : { ...s, scenarios, comparison };
  }
  if (isCandidatesAction(a)) {
    const candidates = reduceCandidates(s.candidates, a);
    if (candidates === s.candidates) return s;
    // Drawing candidates and placing a proposed facility both take the map's clicks: one at a time.
    const drawingStarted = candidates.drawing && !s.candidates.drawing && s.scenarios.adding;
    return { ...s, candidates, scenarios: drawingStarted ? { ...s.scenarios, adding: null } : s.scenarios };
  }
  if (isScenarioAction(a)) {
    if (a.type === 'scenario/addArmed' && a.on && s.candidates.drawing) s = { ...s, candidates: { ...s.candidates, drawing: false } };
    return reduceScenarios(s, a);
  }
  switch (a.type) {
    case 'project/loaded':
      return withProject(s, a.project, !!a.fit);
    case 'document/loaded':
      return loadDocument(s, a.doc, !!a.fit);
    case 'project/loadFailed':
      return { ...s, loadError: a.message };
    case 'project/updated': {
      const next = updateProject(s, a.update);
      return a.fit && next.project ? { ...next, view: { ...next.view, fitToken: next.view.fitToken + 1 } } : next;
    }
    case 'preset/picked':
      return updateProject(s, (p) => setActivePreset(p, a.id));
    case 'preset/saved':
      return updateProject(s, (p) => saveCustomPreset(p, a.preset));
    case 'preset/deleted':
      return updateProject(s, (p) => deleteCustomPreset(p, a.id, DEFAULT_PRESET_ID));
    case 'preset/edited':
      return editPreset(s, a.preset);
    case 'history/undone':
      return undoOrRedo(s, 'undo');
    case 'history/redone':
      return undoOrRedo(s, 'redo');
    case 'preset/reverted':
      return s.presetEdits ? editPreset(s, s.presetEdits.base) : s;
    case 'ui/loaded':
      return { ...s, ui: a.ui };
    case 'ui/changed':
      return patchUi(s, a.patch);
    case 'selection/community':
      return {
        ...s,
        selection: { ...s.selection, community: a.index, zoomToken: a.zoom && a.index !== null ? s.selection.zoomToken + 1 : s.selection.zoomToken },
      };
    case 'selection/facility':
      return s.selection.facility === a.index ? s : { ...s, selection: { ...s.selection, facility: a.index } };
    case 'selection/cleared':
      return s.selection.community === null && s.selection.facility === null ? s : { ...s, selection: { ...s.selection, community: null, facility: null } };
    case 'view/fit':
      return { ...s, view: { ...s.view, fitToken: s.view.fitToken + 1 } };
    case 'dialog/opened':
      return { ...s, view: { ...s.view, dialog: a.dialog } };
    case 'dialog/closed':
      return s.view.dialog === null || (a.dialog && s.view.dialog !== a.dialog) ? s : { ...s, view: { ...s.view, dialog: null } };
    case 'audit/datasetReady':
      return audit(s, { datasetVersion: s.audit.datasetVersion + 1 });
    case 'audit/started':
      return audit(s, { cancelled: false, error: null, progress: { done: 0, total: a.total } });
    case 'audit/progress':
      return s.audit.progress ? audit(s, { progress: { done: a.done, total: a.total } }) : s;
    case 'audit/finished':
      return audit(s, a.result ? { progress: null, result: a.result, basisCompare: null, lastChange: null } : { progress: null });
    case 'audit/failed':
      return audit(s, { progress: null, error: a.message });
    case 'audit/cancelled':
      return audit(s, { progress: null, cancelled: true });
    case 'gaps/started':
      return audit(s, { gapsBusy: true });
    case 'gaps/finished':
      return audit(s, a.gaps ? { gapsBusy: false, gaps: a.gaps } : { gapsBusy: false });
    case 'gaps/failed':
      return audit(s, { gapsBusy: false, error: a.message });
    case 'gaps/cleared':
      return s.audit.gaps === null ? s : audit(s, { gaps: null });
    case 'indicators/toggled':
      return { ...s, indicators: { ...s.indicators, open: !s.indicators.open } };
    case 'indicators/picked':
      return s.indicators.indicator === a.indicator ? s : { ...s, indicators: { ...s.indicators, indicator: a.indicator } };
    case 'basis/compared':
      return s.audit.basisCompare === a.compare ? s : audit(s, { basisCompare: a.compare });
    case 'facility/moved': {
      const res = s.audit.result;
      const result = res && res.parameters.mode === a.mode && res.communities.length === a.project.layers.communities.length ? patchResults(res, a.affected, a.results, selectPreset(s) ?? undefined) : res;
      return { ...s, project: a.project, audit: { ...s.audit, result, patchedLayers: a.project.layers } };
    }
    case 'audit/edited': {
      const prev = s.audit.result;
      const changes = prev && prev.communities.length === a.result.communities.length ? auditChanges(prev, a.result, a.affected) : null;
      const gaps = a.gaps && s.audit.gaps ? { gaps: patchGaps(s.audit.gaps, a.gaps.communities, a.gaps.gaps) } : {};
      return audit(s, { result: a.result, lastChange: { changes, affected: a.affected.length, ms: a.ms, roundTripMs: a.roundTripMs }, ...gaps });
    }
    case 'gaps/patched':
      return audit(s, { gaps: patchGaps(s.audit.gaps ?? [], a.communities, a.gaps) });
    default:
      if (isPersistenceAction(a)) {
        const persistence = reducePersistence(s.persistence, a);
        return persistence === s.persistence ? s : { ...s, persistence };
      }
      return s;
  }
}

/** The active preset changed (picked, saved, deleted, another project): its edits and their history are dropped. */
function syncPresetEdits(s: AppState): AppState {
  const active = s.project ? findPreset(s.project.activePresetId, s.project.customPresets) : null;
  if ((s.presetEdits?.base ?? null) === active) return s;
  return { ...s, presetEdits: active ? { base: active, present: active } : null, history: dropEdits(s.history, (e) => e.kind === 'preset') };
}

/** The comparison closes when nothing is compared any more (comparison stopped, scenario deleted, other data). */
function syncComparison(s: AppState): AppState {
  return s.comparison.open && !s.scenarios.compare ? { ...s, comparison: comparisonReducer(s.comparison, { type: 'comparison/closed' }) } : s;
}

export function appReducer(s: AppState, a: Action): AppState {
  const next = reduce(s, a);
  return next === s ? s : syncComparison(syncPresetEdits(next));
}
