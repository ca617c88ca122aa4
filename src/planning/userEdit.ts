// The user's edits as plain data, the records of the one undo history (undoHistory.ts): every edit
// the user makes, whatever it changes, is one record, so undo and redo walk all of them in the
// order they were made. Each record carries both sides of the change, so undo applies `before` and
// redo `after` without recomputing anything; what a kind's sides are is that kind's business.
import type { RulePreset } from '../engine/types';
import type { Scenario } from './scenario';

/** The active preset's values changed (a field edited, a walking speed applied, a revert to the original). */
export interface PresetEdit {
  kind: 'preset';
  /** The preset being edited: the edit belongs to it and is dropped when another preset becomes active. */
  presetId: string;
  before: RulePreset;
  after: RulePreset;
}

/** The scenarios as one value: every scenario (an ordered edit list) and the current one. */
export interface ScenariosSnapshot {
  list: Scenario[];
  currentId: string;
}

/** What the user did to the scenarios: a what-if edit on the map, a revert from the edit list, accepted proposals, or a scenario created, duplicated, renamed or deleted. */
export type ScenarioChange = 'edit' | 'revert' | 'accept' | 'create' | 'duplicate' | 'rename' | 'delete';

/**
 * The scenarios changed. Both sides are the whole (immutable, structurally shared) scenario list,
 * so undo is exact for every change, including a deleted scenario; because the history is undone
 * last-first, the list before an edit is always the list its undo must bring back.
 */
export interface ScenarioEdit {
  kind: 'scenario';
  change: ScenarioChange;
  before: ScenariosSnapshot;
  after: ScenariosSnapshot;
}

export type UserEdit = PresetEdit | ScenarioEdit;

/** The value an edit leaves behind when applied forwards (redo) or backwards (undo). */
export function editTarget<E extends UserEdit>(edit: E, direction: 'undo' | 'redo'): E['after'] {
  return direction === 'undo' ? edit.before : edit.after;
}
