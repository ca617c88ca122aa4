// The workspace: one store for the app's state (state/appState.ts: pure updaters), the parts that
// talk to workers, IndexedDB and the keyboard (render nothing, dispatch actions), and the regions
// of the screen, each subscribed to the slices it shows.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSharePercent } from '../text/format';
import { appReducer, initialAppState, selectPreset, type Action, type AppState } from './state/appState';
import { createStore, StoreProvider, useSelector } from './state/store';
import { EngineSync } from './workspace/EngineSync';
import { Persistence } from './workspace/Persistence';
import { KeyboardShortcuts } from './workspace/KeyboardShortcuts';
import { TestHooks } from './workspace/TestHooks';
import { WhatIfTiming } from './workspace/WhatIfTiming';
import { NetworkWhatIfProvider } from './workspace/NetworkWhatIf';
import { ToolbarRegion } from './workspace/ToolbarRegion';
import { AuditNotices } from './workspace/AuditNotices';
import { PersistenceNotices } from './workspace/PersistenceNotices';
import { MapRegion } from './workspace/MapRegion';
import { TableRegion } from './workspace/TableRegion';
import { SidePanel } from './workspace/SidePanel';
import { Dialogs } from './workspace/Dialogs';
import { PresentationKeys } from './workspace/PresentationKeys';
import { PresentationRegion } from './workspace/PresentationRegion';
import { CompareRegion, selectComparing } from './workspace/CompareRegion';

export function App() {
  const [store] = useState(() => createStore<AppState, Action>(appReducer, initialAppState()));
  return (
    <StoreProvider store={store}>
      <EngineSync />
      <Persistence />
      <KeyboardShortcuts />
      <TestHooks />
      <WhatIfTiming />
      <PresentationKeys />
      <Workspace />
    </StoreProvider>
  );
}

const selectLoadError = (s: AppState) => s.loadError;
const selectPresenting = (s: AppState) => s.presentation.open;
const selectReady = (s: AppState) => !!s.project && !!selectPreset(s);
const selectFailingShare = (s: AppState) => {
  const r = s.audit.result;
  return r ? formatSharePercent(r.summary.failing / Math.max(1, r.summary.communities)) : '';
};

function Workspace() {
  const { t } = useTranslation();
  const loadError = useSelector(selectLoadError);
  const ready = useSelector(selectReady);
  const failingShare = useSelector(selectFailingShare);
  const presenting = useSelector(selectPresenting);
  const comparing = useSelector(selectComparing);
  if (loadError) return <div className="fullscreen-message" role="alert"><h1>{t('app.loadFailed')}</h1><p>{loadError}</p></div>;
  if (!ready) return <div className="fullscreen-message" aria-busy="true"><div className="spinner" /><p>{t('app.loading')}</p></div>;
  if (presenting) return <PresentationRegion />;
  if (comparing) return <CompareRegion />;
  return (
    <NetworkWhatIfProvider>
      <div className="app">
        <ToolbarRegion />
        <AuditNotices />
        <PersistenceNotices />
        <main className="workspace">
          <MapRegion />
          <TableRegion />
          <SidePanel />
        </main>
        <Dialogs />
        <span hidden data-testid="failing-share">{failingShare}</span>
      </div>
    </NetworkWhatIfProvider>
  );
}
