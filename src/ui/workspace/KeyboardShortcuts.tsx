// Keyboard (renders nothing): Esc ends placing a facility or drawing candidates, else closes the dialog or clears the selection, / focuses the
// community search, Ctrl+Z undoes the last edit, Ctrl+Shift+Z and Ctrl+Y redo it (⌘ on a Mac),
// walking the one history of every user edit (preset and scenario). While the user types in a
// field, the field keeps its own undo and the shortcuts stay out.
import { useEffect } from 'react';
import type { Action, AppState } from '../state/appState';
import { useStore } from '../state/store';

/** The shortcut a key press stands for, if any (pure, so the key handling is testable on its own). */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, typing: boolean): 'escape' | 'search' | 'undo' | 'redo' | null {
  if (e.key === 'Escape') return 'escape';
  if (typing) return null;
  if (e.key === '/' && !e.ctrlKey && !e.metaKey) return 'search';
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  // With Shift held (or Caps Lock on) the key arrives upper-case: compare case-insensitively.
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

export function KeyboardShortcuts() {
  const store = useStore<AppState, Action>();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = isTyping(e.target);
      switch (shortcutOf(e, typing)) {
        case 'escape':
          if (store.getState().scenarios.adding) store.dispatch({ type: 'scenario/addArmed', on: false });
          else if (store.getState().candidates.drawing) store.dispatch({ type: 'candidates/drawing', on: false });
          else if (store.getState().view.dialog) store.dispatch({ type: 'dialog/closed' });
          else store.dispatch({ type: 'selection/cleared' });
          if (typing) (e.target as HTMLElement).blur();
          break;
        case 'search':
          e.preventDefault();
          document.getElementById('community-search')?.focus();
          break;
        case 'undo':
          e.preventDefault();
          store.dispatch({ type: 'history/undone' });
          break;
        case 'redo':
          e.preventDefault();
          store.dispatch({ type: 'history/redone' });
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return null;
}
