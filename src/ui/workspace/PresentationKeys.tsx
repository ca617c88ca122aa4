// Presentation mode's keys and address (renders nothing): `?present=1` in the URL or the key P opens
// it; → / PageDown step forward and ← / PageUp back (what a presentation clicker sends); Esc leaves
// (and drops `present` from the address, so a reload opens the workspace).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action, AppState } from '../state/appState';
import { useStore } from '../state/store';
import { playableSequence } from '../present/sequence';
import { registerPresentStrings } from '../present/presentStrings';

const FORWARD = new Set(['ArrowRight', 'PageDown']);
const BACK = new Set(['ArrowLeft', 'PageUp']);

export function PresentationKeys() {
  const store = useStore<AppState, Action>();
  const { t, i18n } = useTranslation();

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('present') === '1') store.dispatch({ type: 'presentation/opened' });
  }, [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
      if (!s.presentation.open) {
        if ((e.key === 'p' || e.key === 'P') && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && !s.view.dialog && !s.presentation.editing) {
          e.preventDefault();
          store.dispatch({ type: 'presentation/opened' });
        }
        return;
      }
      if (FORWARD.has(e.key) || BACK.has(e.key)) {
        e.preventDefault();
        registerPresentStrings();
        const lang = i18n.language === 'en' ? 'en' : 'zh';
        const count = s.project ? playableSequence(s.project, s.audit.result, t, lang).length : 0;
        store.dispatch({ type: 'presentation/stepped', delta: FORWARD.has(e.key) ? 1 : -1, count });
      } else if (e.key === 'Escape') {
        store.dispatch({ type: 'presentation/closed' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, t, i18n]);

  // Leaving presentation mode drops ?present=1 from the address.
  useEffect(() => store.subscribe(() => {
    if (store.getState().presentation.open) return;
    const url = new URL(window.location.href);
    if (url.searchParams.has('present')) {
      url.searchParams.delete('present');
      window.history.replaceState(null, '', url.toString());
    }
  }), [store]);

  return null;
}
