// Slot for the import UI (drag-and-drop, field mapping dialog), to be built in src/ui/import/.
// Accepting an import is one pure state update: replaceLayer(project, kind, features) in
// state/project.ts; the App re-sends the dataset to the worker and re-audits on its own.
import { useTranslation } from 'react-i18next';

export function ImportSlot({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('import.title')} onClick={(e) => e.stopPropagation()} data-testid="import-dialog">
        <h2>{t('import.title')}</h2>
        <div className="dropzone">{t('import.placeholder')}</div>
        <div className="dialog-actions"><button onClick={onClose}>{t('import.close')}</button></div>
      </div>
    </div>
  );
}
