// Performance marks of each what-if edit, end to end (renders nothing; read by
// bench/whatIfEndToEnd.bench.ts and visible in the browser's performance panel):
//   whatif:edit     the current scenario's edits changed in the store (an edit, undo or redo);
//   whatif:audited  the worker's incremental re-audit is in the store (status fill, header counts,
//                   change list render from it);
//   whatif:gaps     the gap layer's recomputed parts are in the store (when the gap layer is shown);
//   whatif:figures  the frame after the last of them has been drawn: every figure shows the edit.
// The measure `whatif:update` spans whatif:edit → whatif:figures; its detail carries the worker's
// own time of the re-audit and how many communities it re-audited. An edit overtaken by the next
// one before its audit arrived is not measured.
import { useEffect } from 'react';
import { selectCurrentEdits, type Action, type AppState } from '../state/appState';
import { useStore } from '../state/store';

/** Two animation frames: the callback runs once the frame that follows the last store change has been drawn. */
const afterNextFrame = (f: () => void) => requestAnimationFrame(() => requestAnimationFrame(f));

export function WhatIfTiming() {
  const store = useStore<AppState, Action>();
  useEffect(() => {
    if (typeof performance?.mark !== 'function') return;
    let edits = selectCurrentEdits(store.getState());
    /** The edit being followed: its mark, then the audit and gap states it waits for. */
    let pending: { id: number; audit: AppState['audit']['lastChange']; gapsAtEdit: AppState['audit']['gaps']; audited: boolean; workerMs: number; affected: number } | null = null;
    let counter = 0;
    const finish = (p: NonNullable<typeof pending>) => afterNextFrame(() => {
      performance.mark('whatif:figures');
      performance.measure('whatif:update', { start: `whatif:edit#${p.id}`, end: 'whatif:figures', detail: { workerMs: p.workerMs, affected: p.affected } });
      performance.clearMarks(`whatif:edit#${p.id}`);
    });
    return store.subscribe(() => {
      const s = store.getState();
      const next = selectCurrentEdits(s);
      if (next !== edits) {
        edits = next;
        // A new edit list with the same data (a project load) is not an edit: only while an audit is shown.
        if (!s.audit.result) { pending = null; return; }
        pending = { id: ++counter, audit: s.audit.lastChange, gapsAtEdit: s.audit.gaps, audited: false, workerMs: 0, affected: 0 };
        performance.mark(`whatif:edit#${pending.id}`);
        performance.mark('whatif:edit');
        return;
      }
      const p = pending;
      if (!p) return;
      if (!p.audited && s.audit.lastChange !== p.audit && s.audit.lastChange) {
        performance.mark('whatif:audited');
        p.audited = true;
        p.workerMs = s.audit.lastChange.ms;
        p.affected = s.audit.lastChange.affected;
      }
      // The gap layer's parts come with the audit (the same action) or after it (gaps/patched).
      if (p.audited && (!s.ui.showGaps || (s.audit.gaps !== p.gapsAtEdit && !s.audit.gapsBusy))) {
        if (s.ui.showGaps) performance.mark('whatif:gaps');
        pending = null;
        finish(p);
      }
    });
  }, [store]);
  return null;
}
