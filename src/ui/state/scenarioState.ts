// The scenarios slice of the app store: the named scenarios (planning/scenario.ts: the base data
// plus an ordered list of edits, as plain data) and the current one. Pure updaters, unit-tested in
// test/ui/state/. An edit is tried on the current scenario's data before it is kept, so a scenario
// never holds an edit that cannot apply; an edit that fails leaves the scenarios as they were and
// says why (`error`). Undo and redo are not this slice's: every change the user makes here is
// recorded in the app's one undo history (appState.ts, planning/userEdit.ts: ScenarioEdit), which
// puts a snapshot back with `restoreScenarios`.
import { datasetProjection } from '../../engine/audit';
import type { Dataset, Position } from '../../engine/types';
import type { AuditChanges } from '../../planning/auditChanges';
import type { SuggestPhase, SuggestResult } from '../../planning/suggest/suggest';
import type { ScenarioChange, ScenariosSnapshot } from '../../planning/userEdit';

/** A proposals run (建议选址): its progress while it runs, then its sites, or why it failed. */
export interface ProposalsState {
  progress: { phase: SuggestPhase; done: number; total: number } | null;
  result: (SuggestResult & { candidates: number }) | null;
  error: string | null;
}
import {
  addEdit, applyEdit, createScenario, deleteScenario, duplicateScenario, nextDefaultIndex, readScenario, renameScenario, revertEdit, scenarioData,
  type Edit, type Scenario, type ScenarioName,
} from '../../planning/scenario';

export interface ScenariosState {
  list: Scenario[];
  currentId: string;
  error: string | null;
  /** Adding a facility on the map: armed (waiting for a click), then the clicked position (the form asks the rest). */
  adding: { at: Position | null } | null;
  /** The scenario the current one is compared with (BASE_ID: the base data), and the changes from it to the current one. */
  compare: { otherId: string; changes: AuditChanges | null } | null;
  proposals: ProposalsState;
}

/** The id that names the base data (no edits) as a scenario to compare with. */
export const BASE_ID = '';

export type ScenarioAction =
  | { type: 'scenario/loaded'; list: Scenario[]; currentId: string }
  | { type: 'scenario/edited'; edit: Edit }
  /** Removes edit `index` of the current scenario (refused when a later edit depends on it). */
  | { type: 'scenario/editReverted'; index: number }
  /** A new empty scenario: named `name`, or with the next default name when none is given. */
  | { type: 'scenario/created'; name?: string }
  | { type: 'scenario/duplicated'; id: string; name: string }
  | { type: 'scenario/renamed'; id: string; name: string }
  | { type: 'scenario/deleted'; id: string }
  | { type: 'scenario/switched'; id: string }
  | { type: 'scenario/errorCleared' }
  /** Adding a facility: armed (true) or cancelled (false). */
  | { type: 'scenario/addArmed'; on: boolean }
  /** The clicked position of the facility being added. */
  | { type: 'scenario/addPlaced'; position: Position }
  /** Compare the current scenario with `otherId` (BASE_ID: the base data); null stops comparing. */
  | { type: 'scenario/compareWith'; otherId: string | null }
  /** The comparison's changes (from the other scenario to the current one) for `otherId`. */
  | { type: 'scenario/compared'; otherId: string; changes: AuditChanges }
  | { type: 'scenario/proposalsStarted' }
  | { type: 'scenario/proposalsProgress'; phase: SuggestPhase; done: number; total: number }
  | { type: 'scenario/proposalsFinished'; result: SuggestResult & { candidates: number } }
  /** The run failed (`message`) or was cancelled (null). */
  | { type: 'scenario/proposalsStopped'; message: string | null }
  /** Accepting the proposals: each site an addFacility edit of the current scenario (the list is cleared). */
  | { type: 'scenario/proposalsAccepted'; edits: Edit[] };

export const isScenarioAction = (a: { type: string }): a is ScenarioAction => a.type.startsWith('scenario/');

/** One empty scenario (a new project starts with it), by default with the first default name. */
export function initialScenarios(name: ScenarioName = { defaultIndex: 1 }): ScenariosState {
  const list = createScenario([], name);
  return { list, currentId: list[0].id, error: null, adding: null, compare: null, proposals: NO_PROPOSALS };
}

const NO_PROPOSALS: ProposalsState = { progress: null, result: null, error: null };

export const currentScenario = (s: ScenariosState): Scenario => s.list.find((x) => x.id === s.currentId) ?? s.list[0];

const errText = (e: unknown) => String((e as Error)?.message ?? e);

function withCurrent(s: ScenariosState, update: (c: Scenario) => Scenario): ScenariosState {
  const cur = currentScenario(s);
  const next = update(cur);
  return { ...s, list: s.list.map((x) => (x === cur ? next : x)), error: null, adding: null };
}

/** The user's changes to the scenarios, by action: each is one record of the undo history. */
export const SCENARIO_CHANGES: Partial<Record<ScenarioAction['type'], ScenarioChange>> = {
  'scenario/edited': 'edit',
  'scenario/editReverted': 'revert',
  'scenario/proposalsAccepted': 'accept',
  'scenario/created': 'create',
  'scenario/duplicated': 'duplicate',
  'scenario/renamed': 'rename',
  'scenario/deleted': 'delete',
};

export const scenariosSnapshot = (s: ScenariosState): ScenariosSnapshot => ({ list: s.list, currentId: s.currentId });

/**
 * The scenarios put back as `snap` held them (undo or redo of a recorded change): the scenario it
 * names current, so the change undone is the one shown; a comparison with a scenario that no longer
 * exists ends.
 */
export function restoreScenarios(s: ScenariosState, snap: ScenariosSnapshot): ScenariosState {
  if (s.list === snap.list && s.currentId === snap.currentId) return s;
  const compare = s.compare && s.compare.otherId !== BASE_ID && !snap.list.some((x) => x.id === s.compare!.otherId) ? null : s.compare;
  return { ...s, list: snap.list, currentId: snap.currentId, compare, error: null, adding: null };
}

/** The scenarios after action `a`; `base` is the project's base data (null before a project loads). */
export function scenarioReducer(s: ScenariosState, a: ScenarioAction, base: Dataset | null): ScenariosState {
  const cur = currentScenario(s);
  switch (a.type) {
    case 'scenario/loaded':
      return a.list.length ? { ...s, list: a.list.map(readScenario), currentId: a.list.some((x) => x.id === a.currentId) ? a.currentId : a.list[0].id, error: null, adding: null, compare: null } : s;
    case 'scenario/edited': {
      if (!base) return s;
      let data: Dataset;
      try {
        data = applyEdit(scenarioLayers(base, cur.edits), a.edit, projectionOf(base));
      } catch (e) {
        return { ...s, error: errText(e) };
      }
      const next = withCurrent(s, (c) => addEdit(c, a.edit));
      // The data just computed is the new edit list's: the map and the workers need not replay it.
      rememberLayers(base, currentScenario(next).edits, data);
      return next;
    }
    case 'scenario/editReverted': {
      if (!base) return s;
      try {
        const reverted = revertEdit(cur, a.index, base, projectionOf(base));
        return withCurrent(s, () => reverted);
      } catch (e) {
        return { ...s, error: errText(e) };
      }
    }
    case 'scenario/created': {
      const list = createScenario(s.list, a.name ?? { defaultIndex: nextDefaultIndex(s.list) });
      return { ...s, list, currentId: list[list.length - 1].id, error: null };
    }
    case 'scenario/duplicated': {
      if (!s.list.some((x) => x.id === a.id)) return { ...s, error: `duplicate: no scenario "${a.id}"` };
      const list = duplicateScenario(s.list, a.id, a.name);
      const copy = list[list.findIndex((x) => x.id === a.id) + 1];
      return { ...s, list, currentId: copy.id, error: null };
    }
    case 'scenario/renamed': {
      const name = a.name.trim();
      if (!name) return { ...s, error: 'rename: a scenario needs a name' };
      return s.list.some((x) => x.id === a.id && x.name !== name) ? { ...s, list: renameScenario(s.list, a.id, name), error: null } : s;
    }
    case 'scenario/deleted': {
      if (!s.list.some((x) => x.id === a.id)) return s;
      if (s.list.length === 1) return { ...s, error: 'delete: the only scenario cannot be deleted' };
      const list = deleteScenario(s.list, a.id);
      const compare = s.compare?.otherId === a.id ? null : s.compare;
      const currentId = a.id === s.currentId ? list[0].id : s.currentId;
      return { ...s, list, currentId, compare, error: null };
    }
    case 'scenario/switched':
      return a.id === s.currentId || !s.list.some((x) => x.id === a.id) ? s : { ...s, currentId: a.id, error: null };
    case 'scenario/errorCleared':
      return s.error === null ? s : { ...s, error: null };
    case 'scenario/addArmed':
      return a.on ? { ...s, adding: { at: null } } : s.adding === null ? s : { ...s, adding: null };
    case 'scenario/addPlaced':
      return s.adding ? { ...s, adding: { at: [a.position[0], a.position[1]] } } : s;
    case 'scenario/compareWith':
      if (a.otherId === null) return s.compare === null ? s : { ...s, compare: null };
      return a.otherId !== BASE_ID && !s.list.some((x) => x.id === a.otherId) ? s : { ...s, compare: { otherId: a.otherId, changes: null } };
    case 'scenario/proposalsStarted':
      return { ...s, proposals: { progress: { phase: 'demand', done: 0, total: 1 }, result: null, error: null } };
    case 'scenario/proposalsProgress':
      return s.proposals.progress ? { ...s, proposals: { ...s.proposals, progress: { phase: a.phase, done: a.done, total: a.total } } } : s;
    case 'scenario/proposalsFinished':
      return { ...s, proposals: { progress: null, result: a.result, error: null } };
    case 'scenario/proposalsStopped':
      return { ...s, proposals: { progress: null, result: null, error: a.message } };
    case 'scenario/proposalsAccepted': {
      if (!base) return s;
      const projection = projectionOf(base);
      let data = scenarioLayers(base, cur.edits);
      try {
        for (const e of a.edits) data = applyEdit(data, e, projection);
      } catch (e) {
        return { ...s, error: errText(e) };
      }
      const next = withCurrent(s, (c) => ({ ...c, edits: [...c.edits, ...a.edits] }));
      return { ...next, proposals: NO_PROPOSALS };
    }
    case 'scenario/compared':
      return s.compare?.otherId === a.otherId ? { ...s, compare: { otherId: a.otherId, changes: a.changes } } : s;
  }
}

// ----------------------------------------------------------------------------------------------
// The current scenario's data, computed once per (base, edits) pair: the map, the workers and the
// tables all see the same arrays (unchanged layers are the base's own). Edit lists are immutable
// values, so the data of each list is kept while the list lives: undo and redo find it again
// instead of replaying every edit; a new edit starts from the data before it.

const layersOf = new WeakMap<readonly Edit[], { base: object; data: object }>();
let projectionMemo: { base: object; projection: ReturnType<typeof datasetProjection> } | null = null;

/** The base data's local projection (from every position of every layer), once per base. */
function projectionOf(base: Dataset): ReturnType<typeof datasetProjection> {
  if (projectionMemo?.base !== base) projectionMemo = { base, projection: datasetProjection(base) };
  return projectionMemo.projection;
}

function rememberLayers(base: object, edits: readonly Edit[], data: object): void {
  layersOf.set(edits, { base, data });
}

/** `base` with `edits` applied (the same object when there are none). */
export function scenarioLayers<T extends Dataset>(base: T, edits: readonly Edit[]): T {
  if (edits.length === 0) return base;
  const known = layersOf.get(edits);
  if (known?.base === base) return known.data as T;
  const data = scenarioData(base, edits, projectionOf(base)) as T;
  rememberLayers(base, edits, data);
  return data;
}
