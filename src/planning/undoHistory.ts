// The undo history of the user's edits: two stacks of plain, serialisable edit records (done,
// undone), so the history lives in the app's store, is saved with the project and survives a
// reload. Undo hands back the edit to revert and redo the edit to apply again; what an edit does
// to the state is its kind's business (userEdit.ts), so new kinds of edit join without changing this.

export interface UndoHistory<E> {
  /** Edits in the order they were made; the last one is undone first. */
  done: E[];
  /** Undone edits; the last one is redone first. Cleared by a new edit. */
  undone: E[];
}

/** Edits kept per stack: older ones drop off the bottom. */
export const UNDO_LIMIT = 100;

export const emptyHistory = <E>(): UndoHistory<E> => ({ done: [], undone: [] });

/** A new edit on top of the history (clears what was undone). */
export function recordEdit<E>(h: UndoHistory<E>, edit: E, limit = UNDO_LIMIT): UndoHistory<E> {
  return { done: [...h.done, edit].slice(-limit), undone: [] };
}

/** The last edit (to revert) and the history after undoing it; null when there is nothing to undo. */
export function undoEdit<E>(h: UndoHistory<E>): { edit: E; history: UndoHistory<E> } | null {
  if (h.done.length === 0) return null;
  const edit = h.done[h.done.length - 1];
  return { edit, history: { done: h.done.slice(0, -1), undone: [...h.undone, edit] } };
}

/** The last undone edit (to apply again) and the history after redoing it; null when none. */
export function redoEdit<E>(h: UndoHistory<E>): { edit: E; history: UndoHistory<E> } | null {
  if (h.undone.length === 0) return null;
  const edit = h.undone[h.undone.length - 1];
  return { edit, history: { done: [...h.done, edit], undone: h.undone.slice(0, -1) } };
}

/** The history without the edits `drop` rejects (for example edits of a preset that is no longer active). */
export function dropEdits<E>(h: UndoHistory<E>, drop: (e: E) => boolean): UndoHistory<E> {
  const done = h.done.filter((e) => !drop(e));
  const undone = h.undone.filter((e) => !drop(e));
  return done.length === h.done.length && undone.length === h.undone.length ? h : { done, undone };
}
