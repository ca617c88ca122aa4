// The toolbar's presentation buttons: start presentation mode, and prepare its sequence.
import { useTranslation } from 'react-i18next';
import { registerPresentStrings } from './presentStrings';

export function PresentActions({ onStart, onPlan, disabled }: { onStart: () => void; onPlan: () => void; disabled?: boolean }) {
  registerPresentStrings();
  const { t } = useTranslation();
  return (
    <>
      <button onClick={onStart} disabled={disabled} data-testid="present-start" title="P">▶ {t('presentUi.start')}</button>
      <button onClick={onPlan} data-testid="present-plan">{t('presentUi.plan')}</button>
    </>
  );
}
