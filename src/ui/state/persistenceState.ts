// The persistence slice of the app's state: what the user must know about saving. A save that
// failed (with the browser's reason), another tab's newer saved work (nothing is saved over it
// until the user chooses), a project file that could not be opened, and the revision of the saved
// project this tab last loaded or wrote.

export interface SaveFailure {
  /** The DOMException's name, e.g. QuotaExceededError. */
  name: string;
  message: string;
}

/** A save by another tab that this tab has not loaded. */
export interface OtherTabSave {
  revision: number;
  savedAt: string | null;
}

export interface PersistenceState {
  saveError: SaveFailure | null;
  conflict: OtherTabSave | null;
  /** A project that could not be read: a file the user opened, or the stored one at start-up. */
  fileError: { source: 'file' | 'stored'; message: string } | null;
  /** Revision of the stored project this tab last loaded or saved (0: none). */
  revision: number;
  /** The start-up load is done (its 'persist/saved' came): edits from now on are saved. */
  loaded: boolean;
}

export const initialPersistenceState: PersistenceState = { saveError: null, conflict: null, fileError: null, revision: 0, loaded: false };

export type PersistenceAction =
  /** This tab's project was written (or loaded) at `revision`. */
  | { type: 'persist/saved'; revision: number }
  | { type: 'persist/saveFailed'; error: SaveFailure }
  /** Another tab saved newer work: saving stops until the user reloads theirs or keeps this tab's. */
  | { type: 'persist/conflict'; other: OtherTabSave }
  | { type: 'persist/conflictResolved' }
  | { type: 'persist/fileFailed'; source: 'file' | 'stored'; message: string }
  | { type: 'persist/fileErrorDismissed' };

export const isPersistenceAction = (a: { type: string }): a is PersistenceAction => a.type.startsWith('persist/');

export function reducePersistence(s: PersistenceState, a: PersistenceAction): PersistenceState {
  switch (a.type) {
    case 'persist/saved':
      return s.revision === a.revision && s.saveError === null && s.loaded ? s : { ...s, revision: a.revision, saveError: null, loaded: true };
    case 'persist/saveFailed':
      return { ...s, saveError: a.error };
    case 'persist/conflict':
      return s.conflict?.revision === a.other.revision ? s : { ...s, conflict: a.other };
    case 'persist/conflictResolved':
      return s.conflict === null ? s : { ...s, conflict: null };
    case 'persist/fileFailed':
      return { ...s, fileError: { source: a.source, message: a.message } };
    case 'persist/fileErrorDismissed':
      return s.fileError === null ? s : { ...s, fileError: null };
  }
}
