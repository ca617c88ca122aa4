// What the user must know about saving: a failed save (with the offer to export the project as a
// file and to retry), another tab's newer saved work (reload theirs / keep mine), a project that
// could not be read. The save status (revision written) is kept on a hidden element for tests.
import { useTranslation } from 'react-i18next';
import type { Action, AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { keepMine, reloadTheirs, retrySave } from './Persistence';
import { exportProjectFile } from './projectFile';

const selectPersistence = (s: AppState) => s.persistence;

export function PersistenceNotices() {
  const { t, i18n } = useTranslation();
  const store = useStore<AppState, Action>();
  const p = useSelector(selectPersistence);
  const e = p.saveError;
  const reason = e && (e.name === 'QuotaExceededError' ? t('persist.quota', { name: e.name }) : t('persist.otherReason', { name: e.name, message: e.message }));
  const time = p.conflict?.savedAt ? new Date(p.conflict.savedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'zh-CN') : '';
  return (
    <>
      <span hidden data-testid="save-status" data-loaded={p.loaded ? 'true' : 'false'} data-revision={p.revision} data-error={e?.name ?? ''} data-conflict={p.conflict ? p.conflict.revision : ''}>{t('persist.saved', { revision: p.revision })}</span>
      {p.conflict && (
        <div className="notice warn" role="alertdialog" aria-live="assertive" data-testid="tab-conflict">
          <span>{t('persist.conflict', { revision: p.conflict.revision, time })}</span>{' '}
          <button onClick={() => void reloadTheirs(store)} data-testid="conflict-reload">{t('persist.reloadTheirs')}</button>{' '}
          <button onClick={keepMine} data-testid="conflict-keep">{t('persist.keepMine')}</button>
        </div>
      )}
      {e && (
        <div className="notice error" role="alert" data-testid="save-error">
          <span>{t('persist.saveFailed', { reason })}</span>{' '}
          <button onClick={() => exportProjectFile(store.getState())} data-testid="save-error-export">⇩ {t('persist.exportProject')}</button>{' '}
          <button onClick={retrySave} data-testid="save-error-retry">{t('persist.retry')}</button>
        </div>
      )}
      {p.fileError && (
        <div className="notice error" role="alert" data-testid="project-file-error">
          <span>{t(p.fileError.source === 'file' ? 'persist.fileFailed' : 'persist.storedFailed', { message: p.fileError.message })}</span>{' '}
          <button onClick={() => store.dispatch({ type: 'persist/fileErrorDismissed' })}>{t('persist.dismiss')}</button>
        </div>
      )}
    </>
  );
}
