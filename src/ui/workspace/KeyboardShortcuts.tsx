// Keyboard (renders nothing): Esc closes the dialog or clears the selection, / focuses the
// community search, Ctrl+Z / Ctrl+Shift+Z undo and redo (not while typing) the history edited last:
// the scenario's what-if edits or the preset's.
import { useEffect } from 'react';
import type { Action, AppState } from '../state/appState';
import { useStore } from '../state/store';

export function KeyboardShortcuts() {
  const store = useStore<AppState, Action>();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
      if (e.key === 'Escape') {
        if (store.getState().scenarios.adding) store.dispatch({ type: 'scenario/addArmed', on: false });
        else if (store.getState().view.dialog) store.dispatch({ type: 'dialog/closed' });
        else store.dispatch({ type: 'selection/cleared' });
        if (typing) target.blur();
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        document.getElementById('community-search')?.focus();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
        if (store.getState().lastEdited === 'scenario') store.dispatch({ type: e.shiftKey ? 'scenario/redone' : 'scenario/undone' });
        else store.dispatch({ type: e.shiftKey ? 'preset/redone' : 'preset/undone' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return null;
}
