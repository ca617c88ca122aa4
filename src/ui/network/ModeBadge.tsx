// Which distance the figures on screen use, always visible on the main screen, with a one-click
// switch (the settings dialog keeps the same choice, ui.mode). STANDARDS §1: "Show which one a figure used."
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistanceMode } from '../../engine/types';
import { registerNetworkStrings } from './networkStrings';
import './network.css';

interface Props {
  mode: DistanceMode;
  /** Walking mode needs a roads layer. */
  hasRoads: boolean;
  onChange: (mode: DistanceMode) => void;
  /** Compact: the badge only (e.g. in the detail panel heading). */
  compact?: boolean;
  /** The coverage basis shown with the mode (residential/BasisBadge). */
  basis?: ReactNode;
}

export function ModeBadge({ mode, hasRoads, onChange, compact, basis }: Props) {
  registerNetworkStrings();
  const { t } = useTranslation();
  const other: DistanceMode = mode === 'network' ? 'euclidean' : 'network';
  const badge = (
    <span className={`mode-badge ${mode}`} data-testid={compact ? 'mode-badge-compact' : 'mode-badge'} data-mode={mode} title={t('networkUi.mode.label')}>
      {mode === 'network' ? '🚶 ' : '📏 '}{t(`networkUi.mode.${mode}`)}
    </span>
  );
  if (compact) return basis ? <>{badge} {basis}</> : badge;
  const disabled = other === 'network' && !hasRoads;
  return (
    <div className="mode-switch" data-testid="mode-switch">
      <span className="mode-label">{t('networkUi.mode.label')}</span>
      {badge}
      {basis}
      <button
        data-testid="mode-toggle"
        onClick={() => onChange(other)}
        disabled={disabled}
        title={disabled ? t('networkUi.mode.noRoads') : undefined}
      >
        ⇄ {t(other === 'network' ? 'networkUi.mode.toggleToNetwork' : 'networkUi.mode.toggleToEuclidean')}
      </button>
    </div>
  );
}
