// The user's edits as plain data, the records of the undo history (undoHistory.ts). Each record
// carries both sides of the change, so undo applies `before` and redo `after` without recomputing
// anything. Today the user edits the active preset; facility edits and scenario changes join as
// further kinds of this union, each with its own apply in the store.
import type { RulePreset } from '../engine/types';

/** The active preset's values changed (a field edited, a walking speed applied, a revert to the original). */
export interface PresetEdit {
  kind: 'preset';
  /** The preset being edited: the edit belongs to it and is dropped when another preset becomes active. */
  presetId: string;
  before: RulePreset;
  after: RulePreset;
}

export type UserEdit = PresetEdit;

/** The value an edit leaves behind when applied forwards (redo) or backwards (undo). */
export function editTarget<E extends UserEdit>(edit: E, direction: 'undo' | 'redo'): E['after'] {
  return direction === 'undo' ? edit.before : edit.after;
}
