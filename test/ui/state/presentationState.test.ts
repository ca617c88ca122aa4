// The presentation slice of the store: opening, stepping within the sequence, closing, and the
// planner's sequence saved in the project.
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, type Action, type AppState } from '../../../src/ui/state/appState';
import { emptyLayers, newProject } from '../../../src/planning/project';
import type { PresentationView } from '../../../src/planning/presentation';

const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([{ type: 'project/loaded', project: newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, emptyLayers(), 'national-2022') }]);
const views: PresentationView[] = [{ kind: 'overview', title: '全区现状' }, { kind: 'community', communityId: 'A', title: '甲' }];

describe('app state: presentation', () => {
  it('starts closed at the first view', () => {
    expect(initialAppState().presentation).toEqual({ open: false, step: 0, editing: false });
  });

  it('opens at the first view, steps forward and back, stops at both ends, closes', () => {
    let s = run([{ type: 'presentation/opened' }], loaded());
    expect(s.presentation).toMatchObject({ open: true, step: 0 });
    s = run([{ type: 'presentation/stepped', delta: 1, count: 3 }, { type: 'presentation/stepped', delta: 1, count: 3 }], s);
    expect(s.presentation.step).toBe(2);
    const end = appReducer(s, { type: 'presentation/stepped', delta: 1, count: 3 });
    expect(end).toBe(s);
    s = run([{ type: 'presentation/stepped', delta: -1, count: 3 }, { type: 'presentation/stepped', delta: -1, count: 3 }, { type: 'presentation/stepped', delta: -1, count: 3 }], s);
    expect(s.presentation.step).toBe(0);
    s = appReducer(s, { type: 'presentation/closed' });
    expect(s.presentation.open).toBe(false);
    // Reopening starts again at the first view.
    expect(run([{ type: 'presentation/stepped', delta: 1, count: 3 }, { type: 'presentation/opened' }], s).presentation.step).toBe(0);
  });

  it('does not step while closed, nor in an empty sequence', () => {
    const s = loaded();
    expect(appReducer(s, { type: 'presentation/stepped', delta: 1, count: 3 })).toBe(s);
    const open = appReducer(s, { type: 'presentation/opened' });
    expect(appReducer(open, { type: 'presentation/stepped', delta: 1, count: 0 })).toBe(open);
  });

  it('clamps a step that a shorter sequence no longer has', () => {
    const s = run([{ type: 'presentation/opened', step: 4 }, { type: 'presentation/stepped', delta: 1, count: 2 }], loaded());
    expect(s.presentation.step).toBe(1);
  });

  it('opening closes the editor; the editor opens and closes', () => {
    let s = appReducer(loaded(), { type: 'presentation/editor', open: true });
    expect(s.presentation.editing).toBe(true);
    s = appReducer(s, { type: 'presentation/opened' });
    expect(s.presentation).toMatchObject({ open: true, editing: false });
  });

  it('keeps the planner’s sequence in the project, keeping the layers, the selection and the results', () => {
    const before = run([{ type: 'selection/community', index: 0 }], loaded());
    const s = appReducer(before, { type: 'presentation/planned', views });
    expect(s.project?.presentation).toEqual(views);
    expect(s.project?.layers).toBe(before.project?.layers);
    expect(s.selection).toBe(before.selection);
    expect(appReducer(s, { type: 'presentation/planned', views: s.project!.presentation! })).toBe(s);
    expect(appReducer(s, { type: 'presentation/planned', views: null }).project?.presentation).toBeUndefined();
    // Without a project there is nothing to keep it in.
    const none = initialAppState();
    expect(appReducer(none, { type: 'presentation/planned', views })).toBe(none);
  });
});
