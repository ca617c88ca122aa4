// The audit's progress bar (with cancel), its cancelled and error notices, and in walking mode
// the notice that no road layer covers the data (with an offer to import one).
import { useTranslation } from 'react-i18next';
import { roadCoverage } from '../network/roadCoverage';
import { RoadCoverageNotice } from '../network/RoadCoverageNotice';
import { selectHasRoads, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectProgress = (s: AppState) => s.audit.progress;
const selectCancelled = (s: AppState) => s.audit.cancelled;
const selectError = (s: AppState) => s.audit.error;
const selectMode = (s: AppState) => s.ui.mode;
const selectResult = (s: AppState) => s.audit.result;

export function AuditNotices() {
  const { t } = useTranslation();
  const { dispatch } = useStore<AppState, Action>();
  const progress = useSelector(selectProgress);
  const cancelled = useSelector(selectCancelled);
  const error = useSelector(selectError);
  const mode = useSelector(selectMode);
  const hasRoads = useSelector(selectHasRoads);
  const result = useSelector(selectResult);
  const coverage = roadCoverage(mode, hasRoads, result);
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
      <RoadCoverageNotice coverage={coverage} onImport={() => dispatch({ type: 'dialog/opened', dialog: 'import' })} onEuclidean={() => dispatch({ type: 'ui/changed', patch: { mode: 'euclidean' } })} />
    </>
  );
}
