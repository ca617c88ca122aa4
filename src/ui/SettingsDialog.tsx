// Settings: basemap (offline by default; OpenStreetMap or Tianditu raster online) and distance mode.
import { useTranslation } from 'react-i18next';
import type { Basemap, UiChoices } from './state/uiChoices';
import type { DistanceMode } from '../engine/types';

export function SettingsDialog({ ui, onChange, onClose }: { ui: UiChoices; onChange: (p: Partial<UiChoices>) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('settings.title')} onClick={(e) => e.stopPropagation()}>
        <h2>{t('settings.title')}</h2>
        <fieldset>
          <legend>{t('settings.basemap')}</legend>
          {(['offline', 'osm', 'tianditu'] as Basemap[]).map((b) => (
            <label key={b} className="radio"><input type="radio" name="basemap" checked={ui.basemap === b} onChange={() => onChange({ basemap: b })} /> {t(`settings.basemap${b === 'offline' ? 'Offline' : b === 'osm' ? 'Osm' : 'Tianditu'}`)}</label>
          ))}
          {ui.basemap === 'tianditu' && (
            <label className="field"><span>{t('settings.tiandituKey')}</span><input type="text" value={ui.tiandituKey} onChange={(e) => onChange({ tiandituKey: e.target.value.trim() })} /></label>
          )}
          <p className="muted small">{t('settings.onlineNote')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('settings.mode')}</legend>
          {(['euclidean', 'network'] as DistanceMode[]).map((m) => (
            <label key={m} className="radio"><input type="radio" name="mode" checked={ui.mode === m} onChange={() => onChange({ mode: m })} /> {t(m === 'euclidean' ? 'settings.modeEuclidean' : 'settings.modeNetwork')}</label>
          ))}
        </fieldset>
        <div className="dialog-actions"><button onClick={onClose}>{t('settings.close')}</button></div>
      </div>
    </div>
  );
}
