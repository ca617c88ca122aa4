// The undo history as the project document saves it (schema version 3): preset edits as they are,
// and scenario edits as references into one table of the scenario states they name. A scenario
// edit's two sides are whole scenario lists (userEdit.ts), structurally shared in memory; written
// out naively, a history of N edits to a scenario would hold N lists of up to N edits each. The
// table keeps every distinct edit once, every distinct scenario once (its edits as indices) and
// every distinct state once (its scenarios as indices and the current one), so the saved size
// grows with the number of edits, and reading it back restores the sharing.
import { readScenario, type Edit, type Scenario } from './scenario';
import type { UndoHistory } from './undoHistory';
import type { PresetEdit, ScenarioChange, ScenariosSnapshot, UserEdit } from './userEdit';

/** A scenario edit as saved: its two sides are indices into `SavedScenarioStates.states`. */
export interface SavedScenarioEdit {
  kind: 'scenario';
  change: ScenarioChange;
  before: number;
  after: number;
}

export type SavedEdit = PresetEdit | SavedScenarioEdit;

/** The distinct edits, scenarios and scenario states the saved history's scenario edits name. */
export interface SavedScenarioStates {
  edits: Edit[];
  /** A scenario with its edits as indices into `edits`. */
  scenarios: { id: string; name: string; defaultIndex?: number | null; edits: number[] }[];
  /** A state: its scenarios as indices into `scenarios`, in order, and the current one's id. */
  states: { list: number[]; currentId: string }[];
}

/** The history as saved, and the table of its scenario states (null when it holds no scenario edit). */
export function encodeHistory(h: UndoHistory<UserEdit>): { history: UndoHistory<SavedEdit>; scenarioStates: SavedScenarioStates | null } {
  if (!h.done.some((e) => e.kind === 'scenario') && !h.undone.some((e) => e.kind === 'scenario')) {
    return { history: h as UndoHistory<SavedEdit>, scenarioStates: null };
  }
  const table: SavedScenarioStates = { edits: [], scenarios: [], states: [] };
  const editIndex = new Map<Edit, number>();
  const scenarioIndex = new Map<Scenario, number>();
  const listIndex = new Map<Scenario[], number[]>();
  const stateIndex = new Map<string, number>();
  const edit = (e: Edit) => {
    let i = editIndex.get(e);
    if (i === undefined) editIndex.set(e, (i = table.edits.push(e) - 1));
    return i;
  };
  const scenario = (s: Scenario) => {
    let i = scenarioIndex.get(s);
    if (i === undefined) {
      const saved: SavedScenarioStates['scenarios'][number] = { id: s.id, name: s.name, edits: s.edits.map(edit) };
      if (s.defaultIndex !== undefined) saved.defaultIndex = s.defaultIndex;
      scenarioIndex.set(s, (i = table.scenarios.push(saved) - 1));
    }
    return i;
  };
  const state = (snap: ScenariosSnapshot) => {
    let list = listIndex.get(snap.list);
    if (!list) listIndex.set(snap.list, (list = snap.list.map(scenario)));
    // States are new objects per edit, their lists shared: one entry per list and current scenario.
    const key = `${list.join(',')}|${snap.currentId}`;
    let i = stateIndex.get(key);
    if (i === undefined) stateIndex.set(key, (i = table.states.push({ list, currentId: snap.currentId }) - 1));
    return i;
  };
  const saved = (e: UserEdit): SavedEdit => (e.kind === 'preset' ? e : { kind: 'scenario', change: e.change, before: state(e.before), after: state(e.after) });
  return { history: { done: h.done.map(saved), undone: h.undone.map(saved) }, scenarioStates: table };
}

/** The saved history back as the app's records, sharing edits, scenarios and states as they were shared when saved. */
export function decodeHistory(h: UndoHistory<SavedEdit>, table: SavedScenarioStates | null | undefined): UndoHistory<UserEdit> {
  if (!table) return h as UndoHistory<UserEdit>;
  const scenarios = table.scenarios.map((s): Scenario => readScenario({ id: s.id, name: s.name, ...(s.defaultIndex !== undefined ? { defaultIndex: s.defaultIndex } : {}), edits: s.edits.map((i) => table.edits[i]) }));
  const lists = new Map<string, Scenario[]>();
  const states = table.states.map((st): ScenariosSnapshot => {
    const key = st.list.join(',');
    let list = lists.get(key);
    if (!list) lists.set(key, (list = st.list.map((i) => scenarios[i])));
    return { list, currentId: st.currentId };
  });
  const edit = (e: SavedEdit): UserEdit => (e.kind === 'preset' ? e : { kind: 'scenario', change: e.change, before: states[e.before], after: states[e.after] });
  return { done: h.done.map(edit), undone: h.undone.map(edit) };
}
