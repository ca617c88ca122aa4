// The audit's progress bar (with cancel), and its cancelled and error notices.
import { useTranslation } from 'react-i18next';
import type { Action, AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectProgress = (s: AppState) => s.audit.progress;
const selectCancelled = (s: AppState) => s.audit.cancelled;
const selectError = (s: AppState) => s.audit.error;

export function AuditNotices() {
  const { t } = useTranslation();
  const { dispatch } = useStore<AppState, Action>();
  const progress = useSelector(selectProgress);
  const cancelled = useSelector(selectCancelled);
  const error = useSelector(selectError);
  return (
    <>
      {progress && (
        <div className="progress" role="status" data-testid="progress">
          <span>{t('app.auditing', { done: progress.done, total: progress.total })}</span>
          <progress max={progress.total || 1} value={progress.done} />
          <button onClick={() => dispatch({ type: 'audit/cancelled' })}>{t('app.cancel')}</button>
        </div>
      )}
      {cancelled && !progress && <div className="notice">{t('app.cancelled')}</div>}
      {error && <div className="notice error" role="alert">{t('error.worker', { message: error })}</div>}
    </>
  );
}
