// Presentation mode and its editor, connected to the store: the sequence (planner's or default),
// the shown view's community gap (asked of the engine worker), stepping and leaving.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bounds } from '../../planning/presentation';
import type { CommunityGap } from '../../report/gaps';
import { PresentationScreen } from '../present/PresentationScreen';
import { PresentationEditor } from '../present/PresentationEditor';
import { placeName } from '../present/defaultViews';
import { editableSequence, playableSequence } from '../present/sequence';
import { registerPresentStrings } from '../present/presentStrings';
import { mainMap } from '../map/mapHandle';
import { selectPreset, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { engine } from './engineHandle';

const selectProject = (s: AppState) => s.project;
const selectResult = (s: AppState) => s.audit.result;
const selectUi = (s: AppState) => s.ui;
const selectPresentation = (s: AppState) => s.presentation;

function useLang(): 'zh' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** The full-screen show (rendered instead of the workspace while presentation mode is on). */
export function PresentationRegion() {
  registerPresentStrings();
  const { t } = useTranslation();
  const lang = useLang();
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const result = useSelector(selectResult);
  const preset = useSelector(selectPreset);
  const ui = useSelector(selectUi);
  const pres = useSelector(selectPresentation);
  const views = useMemo(() => (project ? playableSequence(project, result, t, lang) : []), [project, result, t, lang]);
  const step = Math.min(pres.step, Math.max(0, views.length - 1));
  const view = views[step];
  const communityId = view?.kind === 'community' ? view.communityId : null;
  const [gap, setGap] = useState<{ id: string; gap: CommunityGap | null } | null>(null);

  useEffect(() => {
    const index = communityId && project ? project.layers.communities.findIndex((c) => c.id === communityId) : -1;
    const e = engine();
    if (index < 0 || !result || !e) return;
    let live = true;
    e.worstGapOf(result, index).then((g) => { if (live) setGap({ id: communityId!, gap: g }); }, () => { if (live) setGap({ id: communityId!, gap: null }); });
    return () => { live = false; };
  }, [communityId, project, result]);

  const onStep = useCallback((delta: number) => dispatch({ type: 'presentation/stepped', delta, count: views.length }), [dispatch, views.length]);
  const onExit = useCallback(() => dispatch({ type: 'presentation/closed' }), [dispatch]);
  if (!project || !preset) return null;
  return <PresentationScreen project={project} result={result} preset={preset} ui={ui} views={views} step={step} gap={gap && gap.id === communityId ? gap.gap : null} onStep={onStep} onExit={onExit} />;
}

function currentBounds(): Bounds | null {
  const b = mainMap()?.getBounds();
  return b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : null;
}

/** The planner's editor, as a dialog over the workspace. */
export function PresentationEditorRegion() {
  registerPresentStrings();
  const { t } = useTranslation();
  const lang = useLang();
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const result = useSelector(selectResult);
  const editing = useSelector((s: AppState) => s.presentation.editing);
  if (!editing || !project) return null;
  const { views, isDefault } = editableSequence(project, result, t, lang);
  return (
    <PresentationEditor
      views={views}
      isDefault={isDefault}
      communities={project.layers.communities}
      result={result}
      overviewTitle={t('presentUi.overviewTitle', { place: placeName(project, lang) })}
      currentBounds={currentBounds}
      onChange={(next) => dispatch({ type: 'presentation/planned', views: next })}
      onStart={() => dispatch({ type: 'presentation/opened' })}
      onClose={() => dispatch({ type: 'presentation/editor', open: false })}
    />
  );
}
