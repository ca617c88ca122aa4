// The presentation slice of the app's store: whether presentation mode is on, which view of the
// sequence is shown, and whether the planner's editor is open; and its pure updaters. The sequence
// itself belongs to the project (planning/presentation.ts), so it is saved with it.
import { setPresentation, type PresentationView } from '../../planning/presentation';
import type { AppState } from './appState';

export interface PresentationState {
  open: boolean;
  /** Index into the playable sequence. */
  step: number;
  /** The planner's sequence editor is open. */
  editing: boolean;
}

export const initialPresentationState: PresentationState = { open: false, step: 0, editing: false };

export type PresentationAction =
  /** Presentation mode on, at `step` (default: the first view). */
  | { type: 'presentation/opened'; step?: number }
  | { type: 'presentation/closed' }
  /** One step forward (+1) or back (-1) in a sequence of `count` views; stops at either end. */
  | { type: 'presentation/stepped'; delta: number; count: number }
  | { type: 'presentation/editor'; open: boolean }
  /** The planner's new sequence (null: back to the default one). */
  | { type: 'presentation/planned'; views: PresentationView[] | null };

export const isPresentationAction = (a: { type: string }): a is PresentationAction => a.type.startsWith('presentation/');

function slice(s: AppState, patch: Partial<PresentationState>): AppState {
  const p = s.presentation;
  const keys = Object.keys(patch) as (keyof PresentationState)[];
  return keys.every((k) => p[k] === patch[k]) ? s : { ...s, presentation: { ...p, ...patch } };
}

export function reducePresentation(s: AppState, a: PresentationAction): AppState {
  switch (a.type) {
    case 'presentation/opened':
      return slice(s, { open: true, step: Math.max(0, a.step ?? 0), editing: false });
    case 'presentation/closed':
      return slice(s, { open: false });
    case 'presentation/stepped': {
      if (!s.presentation.open || a.count <= 0) return s;
      return slice(s, { step: Math.max(0, Math.min(a.count - 1, s.presentation.step + a.delta)) });
    }
    case 'presentation/editor':
      return slice(s, { editing: a.open });
    case 'presentation/planned': {
      if (!s.project) return s;
      const project = setPresentation(s.project, a.views);
      return project === s.project ? s : { ...s, project };
    }
  }
}
