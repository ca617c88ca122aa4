// The workspace's dialogs, connected to the store: import (always mounted so that files dropped
// anywhere open it), settings, the report preview and the presentation editor.
import { ImportSlot } from '../import/ImportSlot';
import { SettingsDialog } from '../SettingsDialog';
import { ReportPreviewRegion } from './ReportPreviewRegion';
import { PresentationEditorRegion } from './PresentationRegion';
import type { Action, AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectDialog = (s: AppState) => s.view.dialog;
const selectProject = (s: AppState) => s.project;
const selectUi = (s: AppState) => s.ui;

export function Dialogs() {
  const { dispatch } = useStore<AppState, Action>();
  const dialog = useSelector(selectDialog);
  const project = useSelector(selectProject);
  const ui = useSelector(selectUi);
  return (
    <>
      <ImportSlot
        open={dialog === 'import'}
        onOpen={() => dispatch({ type: 'dialog/opened', dialog: 'import' })}
        onClose={() => dispatch({ type: 'dialog/closed', dialog: 'import' })}
        project={project}
        onApply={(update) => dispatch({ type: 'project/updated', update, fit: true })}
      />
      <PresentationEditorRegion />
      {dialog === 'report' && <ReportPreviewRegion onClose={() => dispatch({ type: 'dialog/closed', dialog: 'report' })} />}
      {dialog === 'settings' && <SettingsDialog ui={ui} onChange={(patch) => dispatch({ type: 'ui/changed', patch })} onClose={() => dispatch({ type: 'dialog/closed' })} />}
    </>
  );
}
