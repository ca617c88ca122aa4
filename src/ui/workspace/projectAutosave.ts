// Autosave of the project document (project, edited preset, undo history, scenarios, drawn candidate sites) to IndexedDB, shared
// safely between tabs. Renders nothing; driven by the store:
// - every change is saved after a short pause, and at once when the page is hidden or unloaded
//   (`visibilitychange`, `pagehide`), so a reload right after an edit keeps it;
// - each save builds on the revision this tab last loaded or wrote. When another tab saves newer
//   work (told at once over a BroadcastChannel), a tab without unsaved changes of its own simply
//   shows it (reloads it, nothing to ask); a tab with unsaved changes stops saving and the user
//   chooses: reload theirs or keep mine. A save whose base is no longer the latest (checked against
//   the stamp in localStorage, and again inside the save's IndexedDB transaction) is refused and asks the same;
// - a failed save (QuotaExceededError, …) is put in the store for the UI to show, with the offer
//   to export the project as a file; leaving the page with such unsaved changes asks first.
import { projectDocument, type PresetEditState, type ProjectDocument, type SavedCandidates } from '../../planning/projectDocument';
import type { Project } from '../../planning/project';
import type { Scenario } from '../../planning/scenario';
import type { UndoHistory } from '../../planning/undoHistory';
import type { UserEdit } from '../../planning/userEdit';
import type { Action, AppState } from '../state/appState';
import type { CandidatesState } from '../state/candidatesState';
import type { Store } from '../state/store';
import { SaveConflict, saveDocument, writeJournal, type JournalLayers, type LayersWrite, type SavedStamp, type SaveOutcome } from '../state/persist';

/** The parts of the state a save writes; compared by identity to know whether anything changed. */
interface Parts {
  project: Project;
  preset: PresetEditState['preset'] | null;
  presetId: string | null;
  history: UndoHistory<UserEdit>;
  scenarioList: Scenario[];
  scenarioId: string;
  candidates: CandidatesState;
}

function partsOf(s: AppState): Parts | null {
  if (!s.project || !s.presetEdits) return null;
  const edited = s.presetEdits.present !== s.presetEdits.base;
  return {
    project: s.project, preset: edited ? s.presetEdits.present : null, presetId: edited ? s.presetEdits.base.id : null, history: s.history,
    scenarioList: s.scenarios.list, scenarioId: s.scenarios.currentId, candidates: s.candidates,
  };
}

/** The saved part of the candidates' state: the drawn points and the source, not draw mode. */
const sameCandidates = (a: CandidatesState, b: CandidatesState) => a === b || (a.drawn === b.drawn && a.source === b.source && a.next === b.next);

function savedCandidates(c: CandidatesState): SavedCandidates {
  return { source: c.source, drawn: c.drawn.map((d) => ({ id: d.id, position: [d.position[0], d.position[1]] })), next: c.next };
}

const sameParts = (a: Parts | null, b: Parts | null) =>
  a === b || (!!a && !!b && a.project === b.project && a.preset === b.preset && a.presetId === b.presetId && a.history === b.history
    && a.scenarioList === b.scenarioList && a.scenarioId === b.scenarioId && sameCandidates(a.candidates, b.candidates));

/** The document of the current state (without the view: view choices are saved per browser). */
export function documentOf(s: AppState): ProjectDocument | null {
  const p = partsOf(s);
  if (!p) return null;
  return projectDocument({
    project: p.project, presetEdit: p.preset && p.presetId ? { presetId: p.presetId, preset: p.preset } : null, history: p.history,
    scenarios: { list: p.scenarioList, currentId: p.scenarioId }, candidates: savedCandidates(p.candidates),
  }, new Date().toISOString());
}

interface SavedMessage {
  type: 'saved';
  tabId: string;
  revision: number;
  savedAt: string;
}

export const CHANNEL = 'lifecircle-project';

/** A write IndexedDB has neither committed nor refused by then is reported as failed (the user can export). */
const SAVE_DEADLINE_MS = 30_000;

function withDeadline(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new DOMException(`IndexedDB did not confirm the save within ${ms / 1000} s`, 'TimeoutError')), ms);
    p.then(() => { clearTimeout(t); resolve(); }, (e: unknown) => { clearTimeout(t); reject(e); });
  });
}

export class ProjectAutosave {
  readonly tabId = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);
  /** What the stored revision holds, as far as this tab knows; null before the start-up load. */
  private stored: Parts | null = null;
  /** The parts at the last store change: a save is scheduled only when they move. */
  private seen: Parts | null = null;
  /** Whether IndexedDB holds the stored parts' layers under the layers key (not after the demo or an older save). */
  private layersStored = false;
  /** The demo district's layers as bundled, when the project started from them: stored as a mark, not megabytes. */
  private demoLayers: Project['layers'] | null = null;
  /** The layers IndexedDB has committed under the layers key (null: none of this tab's, or unknown). */
  private committedLayers: Project['layers'] | null = null;
  /** Saves issued and not yet committed or refused: an unloading page must journal them. */
  private unconfirmed = 0;
  /** The stamp of this tab's latest save (null before its first). */
  private lastStamp: SavedStamp | null = null;
  private base = 0;
  /** The newest revision any tab announced. */
  private latestKnown = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private again = false;
  private channel: BroadcastChannel | null = null;
  private stopFns: (() => void)[] = [];

  /** Shows another tab's newer save in this tab (set by the component that can read it). */
  private reloadNewer: (() => Promise<void>) | null = null;

  constructor(private store: Store<AppState, Action>, private delayMs = 300) {}

  /** How this tab takes another tab's newer save when it has no changes of its own. */
  onNewerSave(reload: () => Promise<void>): void {
    this.reloadNewer = reload;
  }

  /** Whether this tab has changes not yet issued as a save (saves in flight count as issued). */
  get hasOwnChanges(): boolean {
    return this.dirty;
  }

  start(): () => void {
    this.stopFns.push(this.store.subscribe(() => this.changed()));
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (e: MessageEvent<SavedMessage>) => this.heard(e.data);
      this.channel = channel;
      this.stopFns.push(() => channel.close());
    }
    // Hidden may be the first step of an unload: save as on pagehide, committed at once.
    const onHide = () => { if (document.visibilityState === 'hidden') this.flush(); };
    const onPageHide = () => this.flush();
    // Leaving with changes that cannot be saved (a failed save, another tab's newer work): the browser asks first.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const p = this.store.getState().persistence;
      if (this.dirty && (p.saveError || p.conflict)) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    this.stopFns.push(() => window.removeEventListener('beforeunload', onBeforeUnload));
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    this.stopFns.push(() => document.removeEventListener('visibilitychange', onHide), () => window.removeEventListener('pagehide', onPageHide));
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stopFns.splice(0).forEach((f) => f());
  }

  /** The state now in the store is what revision `revision` holds (loaded at start, or another tab's work reloaded). */
  loaded(revision: number, layersStored: boolean, demoLayers: Project['layers'] | null = null): void {
    this.stored = partsOf(this.store.getState());
    this.layersStored = layersStored;
    this.demoLayers = demoLayers;
    this.committedLayers = layersStored && this.stored ? this.stored.project.layers : null;
    this.lastStamp = null;
    this.base = revision;
    this.latestKnown = Math.max(this.latestKnown, revision);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.store.dispatch({ type: 'persist/saved', revision });
  }

  /** The user keeps this tab's work over another tab's newer save: it is saved over theirs. */
  keepMine(): Promise<void> {
    const c = this.store.getState().persistence.conflict;
    if (c) this.base = c.revision;
    this.store.dispatch({ type: 'persist/conflictResolved' });
    return this.saveNow();
  }

  private get dirty(): boolean {
    return this.stored !== null && !sameParts(partsOf(this.store.getState()), this.stored);
  }

  private changed(): void {
    const s = this.store.getState();
    // Only a change of what is saved schedules a save (not, say, the report of a failed one).
    const parts = partsOf(s);
    if (sameParts(parts, this.seen)) return;
    this.seen = parts;
    if (!this.dirty || s.persistence.conflict) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), this.delayMs);
  }

  /**
   * Another tab saved: newer than what this tab loaded, it is shown here at once when this tab has
   * no unsaved changes of its own; otherwise the user is asked (a conflict).
   */
  private heard(m: SavedMessage): void {
    if (m?.type !== 'saved' || m.tabId === this.tabId) return;
    this.latestKnown = Math.max(this.latestKnown, m.revision);
    if (m.revision <= this.base) return;
    if (this.stored !== null && !this.dirty && !this.store.getState().persistence.conflict && this.reloadNewer) {
      void this.reloadNewer();
      return;
    }
    this.store.dispatch({ type: 'persist/conflict', other: { revision: m.revision, savedAt: m.savedAt } });
  }

  /** Saves now (clearing the pause); a save already under way is followed by another. */
  saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.saving) {
      this.again = true;
      return this.saving;
    }
    const written = this.save();
    if (!written) return Promise.resolve();
    this.saving = written.finally(() => {
      this.saving = null;
      if (this.again) {
        this.again = false;
        void this.saveNow();
      }
    });
    return this.saving;
  }

  /**
   * On page hide: the pending save, issued at once even while another is under way (the page may
   * not see another callback), and the journal of every save not yet committed, since an
   * unloading page's IndexedDB transactions may die with it (the timer's save a moment ago too).
   */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.latestKnown > this.base) return;
    void this.save(true);
    const s = this.store.getState();
    const parts = partsOf(s);
    const doc = documentOf(s);
    if (this.unconfirmed === 0 || !this.lastStamp || !parts || !doc || !sameParts(parts, this.stored)) return;
    // Its layers relative to what IndexedDB has committed, not to the saves in flight.
    const layers: JournalLayers = parts.project.layers === this.committedLayers ? 'skip' : parts.project.layers === this.demoLayers ? 'demo' : 'inline';
    writeJournal(doc, this.lastStamp, layers);
  }

  /**
   * Issues the save of the current state synchronously (the write is under way when this returns)
   * and returns its completion; null when there is nothing to save or saving is suspended.
   */
  private save(urgent = false): Promise<void> | null {
    const s = this.store.getState();
    if (!this.dirty || s.persistence.conflict) return null;
    const parts = partsOf(s);
    const doc = documentOf(s);
    if (!parts || !doc) return null;
    let outcome: SaveOutcome;
    const changed = !this.layersStored || !this.stored || this.stored.project.layers !== parts.project.layers;
    const layers: LayersWrite = !changed ? 'skip' : parts.project.layers === this.demoLayers ? 'demo' : 'write';
    try {
      outcome = saveDocument(doc, this.base, this.tabId, { urgent, layers });
    } catch (e) {
      this.failed(e);
      return null;
    }
    if ('conflict' in outcome) {
      this.latestKnown = Math.max(this.latestKnown, outcome.conflict.revision);
      this.store.dispatch({ type: 'persist/conflict', other: { revision: outcome.conflict.revision, savedAt: outcome.conflict.savedAt } });
      return null;
    }
    // Counted as saved at once, so that a save issued before this one completes builds on it.
    const before = { stored: this.stored, base: this.base, layersStored: this.layersStored, lastStamp: this.lastStamp };
    const stamp = outcome.saved;
    this.stored = parts;
    this.layersStored = true;
    this.base = stamp.revision;
    this.lastStamp = stamp;
    this.latestKnown = Math.max(this.latestKnown, stamp.revision);
    this.unconfirmed++;
    return withDeadline(outcome.written, SAVE_DEADLINE_MS).then(
      () => {
        this.unconfirmed--;
        if (layers !== 'skip') this.committedLayers = parts.project.layers;
        this.channel?.postMessage({ type: 'saved', tabId: this.tabId, revision: stamp.revision, savedAt: stamp.savedAt } satisfies SavedMessage);
        this.store.dispatch({ type: 'persist/saved', revision: stamp.revision });
      },
      (e: unknown) => {
        this.unconfirmed--;
        // Not stored: this revision never happened; the changes stay unsaved (the next change or a retry saves them).
        if (this.base === stamp.revision) {
          this.stored = before.stored;
          this.base = before.base;
          this.layersStored = before.layersStored;
          this.lastStamp = before.lastStamp;
        }
        if (e instanceof SaveConflict) {
          this.latestKnown = Math.max(this.latestKnown, e.latest.revision);
          this.store.dispatch({ type: 'persist/conflict', other: { revision: e.latest.revision, savedAt: e.latest.savedAt } });
        } else this.failed(e);
      },
    );
  }

  private failed(e: unknown): void {
    const err = e as { name?: string; message?: string };
    this.store.dispatch({ type: 'persist/saveFailed', error: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } });
  }
}
