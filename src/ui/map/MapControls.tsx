// Map panel: what the community colour shows, which layers draw, life circles and the
// uncovered-area (gap) layer for a chosen tier and category.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityCategory, RulePreset } from '../../engine/types';
import type { CirclesMode, UiChoices } from '../state/uiChoices';
import { METRIC_KEYS, type MetricKey } from './metrics';
import { gapTiers, tierCategories, validGapChoice } from './gapChoice';
import { registerResidentialStrings } from '../residential/residentialStrings';

interface Props {
  ui: UiChoices;
  preset: RulePreset;
  onChange: (patch: Partial<UiChoices>) => void;
  gapsBusy: boolean;
  /** Communities below the preset's threshold for the chosen tier and category (gapChoice.ts). */
  gapsCount: number | null;
}

// Memoised: the map region re-renders on every what-if edit; this redraws only when its own inputs change.
export const MapControls = memo(function MapControls({ ui, preset, onChange, gapsBusy, gapsCount }: Props) {
  registerResidentialStrings();
  const { t } = useTranslation();
  const tiers = gapTiers(preset);
  const needsTierCat = ui.colorBy === 'lifeCircle' || ui.showGaps || ui.circles === 'category';
  const categories = tierCategories(preset, ui.tier);
  const threshold = Math.round(preset.rules.lifeCircle.threshold * 1000) / 10;
  return (
    <div className="map-controls" data-testid="map-controls">
      <label className="field">
        <span>{t('map.colorBy')}</span>
        <select value={ui.colorBy} onChange={(e) => onChange({ colorBy: e.target.value as MetricKey })} data-testid="color-by">
          {METRIC_KEYS.map((k) => <option key={k} value={k}>{t(`map.metric.${k}`)}</option>)}
        </select>
      </label>
      <fieldset className="layer-toggles">
        <legend>{t('map.layers')}</legend>
        <label><input type="checkbox" checked={ui.showFacilities} onChange={(e) => onChange({ showFacilities: e.target.checked })} data-testid="toggle-facilities" /> {t('map.facilities')}</label>
        <label><input type="checkbox" checked={ui.showGreen} onChange={(e) => onChange({ showGreen: e.target.checked })} /> {t('map.green')}</label>
        <label><input type="checkbox" checked={ui.showResidential} onChange={(e) => onChange({ showResidential: e.target.checked })} data-testid="toggle-residential" /> {t('residentialUi.layer')}</label>
        <label><input type="checkbox" checked={ui.showNetwork} onChange={(e) => onChange({ showNetwork: e.target.checked })} /> {t('map.network')}</label>
        <label><input type="checkbox" checked={ui.showLabels} onChange={(e) => onChange({ showLabels: e.target.checked })} /> {t('map.labels')}</label>
        <label><input type="checkbox" checked={ui.showGaps} onChange={(e) => onChange({ showGaps: e.target.checked })} data-testid="toggle-gaps" /> {t('map.gaps')}</label>
      </fieldset>
      <label className="field">
        <span>{t('map.circles')}</span>
        <select value={ui.circles} onChange={(e) => onChange({ circles: e.target.value as CirclesMode })}>
          <option value="none">{t('map.circlesNone')}</option>
          <option value="selected">{t('map.circlesSelected')}</option>
          <option value="category">{t('map.circlesCategory')}</option>
        </select>
      </label>
      {needsTierCat && (
        <div className="tier-cat">
          <label className="field">
            <span>{t('map.tier')}</span>
            <select value={ui.tier} onChange={(e) => onChange(validGapChoice(preset, e.target.value, ui.category))} data-testid="gap-tier">
              {tiers.map((k) => <option key={k} value={k}>{t('tier.label', { minutes: preset.tiers[k].minutes })} · {preset.tiers[k].distance_m} m</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('map.category')}</span>
            <select value={ui.category} onChange={(e) => onChange({ category: e.target.value as FacilityCategory })} data-testid="gap-category">
              {categories.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
            </select>
          </label>
        </div>
      )}
      {ui.showGaps && <div className="gap-status" data-testid="gap-status">{gapsBusy ? t('map.gapsComputing') : gapsCount !== null ? t('map.gapsCount', { count: gapsCount, threshold }) : ''}</div>}
    </div>
  );
});
