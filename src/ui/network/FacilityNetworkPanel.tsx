// Floating panel for the selected facility on the map: its walking bands (legend with reachable
// network lengths, timings), "all facilities of the category", move (click the new spot, or drag
// the handle) with undo/redo, and the re-audit it caused.
import { useTranslation } from 'react-i18next';
import type { Facility, RulePreset } from '../../engine/types';
import { distanceParts, formatNumber } from '../../text/format';
import { toCss } from '../map/colors';
import type { BandsResult, GraphInfo } from '../../planning/whatIf/networkSession';
import { bandColor } from './networkLayers';
import { registerNetworkStrings } from './networkStrings';
import './network.css';

export interface FacilityNetworkPanelProps {
  facility: Facility;
  preset: RulePreset;
  bands: BandsResult | null;
  busy: boolean;
  error: string | null;
  showBands: boolean;
  allOfCategory: boolean;
  categoryCount: number;
  moving: boolean;
  canUndo: boolean;
  canRedo: boolean;
  graph: GraphInfo | null;
  /** The last move's incremental re-audit: communities re-audited and worker time. */
  lastMove: { affected: number; ms: number } | null;
  onShowBands: (on: boolean) => void;
  onAllOfCategory: (on: boolean) => void;
  onMove: () => void;
  onCancelMove: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onClose: () => void;
}

export function FacilityNetworkPanel(p: FacilityNetworkPanelProps) {
  registerNetworkStrings();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const tiers = Object.values(p.preset.tiers).sort((a, b) => a.distance_m - b.distance_m);
  const dist = (m: number) => { const d = distanceParts(m); return t(`unit.${d.key}`, { value: d.value }); };
  return (
    <div className="facility-network" data-testid="facility-network" data-facility={p.facility.id}>
      <h4>
        <span>{t('networkUi.facility.title')} · {p.facility.name ?? p.facility.id}</span>
        <button className="close" onClick={p.onClose} aria-label={t('networkUi.facility.close')}>×</button>
      </h4>
      <div className="muted">{t(`category.${p.facility.category}`)}</div>
      <label><input type="checkbox" data-testid="bands-toggle" checked={p.showBands} onChange={(e) => p.onShowBands(e.target.checked)} /> {t('networkUi.facility.bands', { tiers: tiers.map((x) => t('tier.label', { minutes: x.minutes })).join(' / ') })}</label>
      <label><input type="checkbox" data-testid="bands-all" checked={p.allOfCategory} disabled={!p.showBands} onChange={(e) => p.onAllOfCategory(e.target.checked)} /> {t('networkUi.facility.allOfCategory', { category: t(`category.${p.facility.category}`), count: p.categoryCount })}</label>
      <div className="actions">
        {p.moving
          ? <button className="active" data-testid="move-cancel" onClick={p.onCancelMove}>{t('networkUi.facility.cancelMove')}</button>
          : <button data-testid="move-start" onClick={p.onMove}>✥ {t('networkUi.facility.move')}</button>}
        <button data-testid="move-undo" onClick={p.onUndo} disabled={!p.canUndo}>↶ {t('networkUi.facility.undo')}</button>
        <button data-testid="move-redo" onClick={p.onRedo} disabled={!p.canRedo}>↷ {t('networkUi.facility.redo')}</button>
      </div>
      {p.moving && <div className="warn" data-testid="move-hint">{t('networkUi.facility.moving')}</div>}
      {!p.moving && <div className="muted">{t('networkUi.facility.dragHint')}</div>}
      {p.error && <div className="warn" role="alert">{t('networkUi.error.worker', { message: p.error })}</div>}
      {p.showBands && p.busy && <div className="muted" data-testid="bands-busy">{t('networkUi.facility.busy')}</div>}
      {p.showBands && p.bands && (
        <>
          <ul className="band-legend" data-testid="band-legend" data-sources={p.bands.sources.length}>
            {p.bands.bands.map((b, i) => (
              <li key={b.tier} data-tier={b.tier}>
                <i style={{ background: toCss([...bandColor(i), 160] as [number, number, number, number]) }} />
                {t('tier.distance', { minutes: b.minutes, distance: dist(b.distance_m) })} · {t('networkUi.facility.length', { value: dist(b.length_m) })}
              </li>
            ))}
          </ul>
          {p.bands.sources.length === 1 && <div className="muted">{t('networkUi.facility.circle')}</div>}
          {p.bands.offNetwork.length > 0 && <div className="warn">{t('networkUi.facility.offNetwork')}{p.bands.sources.length > 1 ? ` (${p.bands.offNetwork.length})` : ''}</div>}
          {p.bands.connector_m !== null && <div className="muted">{t('networkUi.facility.connector', { value: formatNumber(p.bands.connector_m, lang) })}</div>}
          <div className="muted" data-testid="bands-timing" data-ms={p.bands.ms}>{t('networkUi.facility.timing', { ms: formatNumber(p.bands.ms, lang, 1) })}</div>
        </>
      )}
      {p.graph && <div className="muted" data-testid="graph-timing" data-ms={p.graph.buildMs}>{t('networkUi.facility.graph', { ms: formatNumber(p.graph.buildMs, lang), nodes: formatNumber(p.graph.nodes, lang), edges: formatNumber(p.graph.edges, lang) })}</div>}
      {p.lastMove && <div className="muted" data-testid="move-result" data-affected={p.lastMove.affected}>{t('networkUi.facility.reaudit', { count: p.lastMove.affected, ms: formatNumber(p.lastMove.ms, lang) })}</div>}
    </div>
  );
}
