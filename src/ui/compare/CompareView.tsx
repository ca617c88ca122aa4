// The comparison map (plain props): two scenarios side by side, A (the scenario compared with, or
// the base data) on the left and B (the current scenario) on the right. A split view, not a
// swipe: two MapLibre maps with one camera (syncCameras.ts), so each side shows the whole of its
// scenario at once and both are read at the same place. Each side draws its audit's status fill,
// its facilities (proposed ones ringed) and its gap layer for the chosen tier and category; the
// communities whose status differs between A and B are outlined on both. Under the maps: the
// city-wide indicators of A and B with their deltas, and the delta table. Esc leaves.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MlMap } from 'maplibre-gl';
import { PolygonLayer } from '@deck.gl/layers';
import type { FacilityCategory, RulePreset } from '../../engine/types';
import { gapTiers, tierCategories, validGapChoice } from '../map/gapChoice';
import type { AuditChanges } from '../../planning/auditChanges';
import type { UiChoices } from '../state/uiChoices';
import { MapView } from '../map/MapView';
import type { PolygonPart } from '../map/layerData';
import { FAIL, PASS, toCss } from '../map/colors';
import { formatNumber } from '../../text/format';
import type { ComparisonData, ComparisonSideData } from './comparisonData';
import type { IndicatorComparisonRow } from './indicatorComparison';
import { IndicatorDeltas } from './IndicatorDeltas';
import { ChangesTable } from './ChangesTable';
import { syncCameras } from './syncCameras';
import { registerCompareStrings } from './compareStrings';
import { installBundledFont } from '../export/reportFontsBrowser';
import './compare.css';

export interface CompareViewProps {
  data: ComparisonData;
  /** The sides' names as shown. */
  aName: string;
  bName: string;
  preset: RulePreset;
  ui: UiChoices;
  indicators: IndicatorComparisonRow[] | null;
  changes: AuditChanges | null;
  large: boolean;
  onClose: () => void;
  onLargeType: (on: boolean) => void;
  /** Another tier or category for both sides' gap layers (the workspace's choice too). */
  onGapChoice: (choice: { tier: string; category: FacilityCategory }) => void;
}

declare global {
  interface Window {
    __lifecircle?: Record<string, unknown>;
  }
}

const noop = () => undefined;
const CHANGED_HALO = [20, 20, 20, 255] as [number, number, number, number];
const CHANGED_LINE = [255, 214, 0, 255] as [number, number, number, number];

function ComparisonSide(p: { side: 'a' | 'b'; data: ComparisonSideData; name: string; changed: number[]; preset: RulePreset; ui: UiChoices; onMap: (map: MlMap | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const symbols = useMemo(() => (t('symbol', { returnObjects: true }) as unknown as Record<string, string>), [t]);
  const communities = p.data.layers.communities;
  // The status-changed communities, outlined (a dark halo under a yellow line) above the fills.
  const outline = useMemo(() => {
    const parts: PolygonPart[] = [];
    for (const index of p.changed) for (const polygon of communities[index]?.geometry ?? []) if (polygon[0]?.length >= 4) parts.push({ index, polygon });
    return [
      new PolygonLayer<PolygonPart>({ id: 'changed-halo', data: parts, getPolygon: (d) => d.polygon, filled: false, stroked: true, getLineColor: CHANGED_HALO, lineWidthMinPixels: 7 }),
      new PolygonLayer<PolygonPart>({ id: 'changed', data: parts, getPolygon: (d) => d.polygon, filled: false, stroked: true, getLineColor: CHANGED_LINE, lineWidthMinPixels: 3.5 }),
    ];
  }, [p.changed, communities]);
  const result = p.data.result;
  const tooltip = (kind: 'community' | 'facility' | 'gap', index: number): string => {
    if (kind === 'facility') {
      const f = p.data.layers.facilities[index];
      return f ? `${f.name ?? f.id}${f.proposed ? ' · ' + t('whatIf.proposed') : ''}\n${t(`category.${f.category}`)}` : '';
    }
    const c = communities[index], r = result?.communities[index];
    if (!c) return '';
    return `${c.name} (${c.id})${r ? `\n${t('unit.households', { value: formatNumber(r.households, lang) })} · ${t(`status.${r.status}`)}` : ''}`;
  };
  return (
    <div className={`compare-side side-${p.side}`} data-testid={`compare-side-${p.side}`} data-scenario={p.data.id} data-ready={!!result && !!p.data.gaps} data-failing={result?.summary.failing ?? ''}>
      <MapView
        layers={p.data.layers}
        result={result}
        preset={p.preset}
        ui={p.ui}
        selected={null}
        zoomToken={0}
        selectedFacility={null}
        gaps={p.data.gaps}
        symbols={symbols}
        tooltip={tooltip}
        onSelectCommunity={noop}
        onSelectFacility={noop}
        fitToken={0}
        extraLayers={outline}
        onMap={p.onMap}
      />
      <div className="compare-label" data-testid={`compare-label-${p.side}`}>
        <span className="compare-letter">{t(`compareView.side.${p.side}`)}</span> {p.name}
        {result ? <span className="compare-failing"> · {t('summary.failing')} {formatNumber(result.summary.failing, lang)}</span> : <span className="compare-busy"> · {t('compareView.busy', { name: p.name })}</span>}
      </div>
    </div>
  );
}

export function CompareView(p: CompareViewProps) {
  registerCompareStrings();
  // The bundled Noto Sans SC, as presentation mode: the same text on any meeting-room machine.
  installBundledFont();
  const { t } = useTranslation();
  const [maps, setMaps] = useState<{ a: MlMap | null; b: MlMap | null }>({ a: null, b: null });
  const onMapA = useMemo(() => (m: MlMap | null) => setMaps((x) => (x.a === m ? x : { ...x, a: m })), []);
  const onMapB = useMemo(() => (m: MlMap | null) => setMaps((x) => (x.b === m ? x : { ...x, b: m })), []);
  // One camera for both maps; the maps for tests and measurements.
  useEffect(() => {
    if (!maps.a || !maps.b) return;
    const unlink = syncCameras(maps.a, maps.b);
    window.__lifecircle = { ...(window.__lifecircle ?? {}), compareMaps: { a: maps.a, b: maps.b } };
    return () => {
      unlink();
      window.__lifecircle = { ...(window.__lifecircle ?? {}), compareMaps: null };
    };
  }, [maps.a, maps.b]);
  // Esc leaves the comparison.
  const { onClose } = p;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Status colours, the gap layer and every facility on both sides, whatever the workspace shows.
  const ui = useMemo<UiChoices>(() => ({ ...p.ui, colorBy: 'status', showGaps: true, showFacilities: true, circles: 'none', tier: p.data.tier, category: p.data.category }), [p.ui, p.data.tier, p.data.category]);
  const { a, b, changed } = p.data;
  const ready = !!a.result && !!b.result;
  const tierText = t('tier.label', { minutes: p.preset.tiers[p.data.tier]?.minutes ?? p.data.tier });
  return (
    <div className={`compare-view${p.large ? ' large' : ''}`} data-testid="compare-view" data-ready={ready && !!a.gaps && !!b.gaps} data-changed={ready ? changed.map((i) => b.layers.communities[i].id).join(',') : ''} role="dialog" aria-label={t('compareView.title')}>
      <header className="compare-head">
        <h2>{t('compareView.title')}: <span data-testid="compare-names">A · {p.aName} ↔ B · {p.bName}</span></h2>
        <div className="compare-legend">
          <span><i style={{ background: toCss(PASS) }} />{t('compareView.legend.pass')}</span>
          <span><i style={{ background: toCss(FAIL) }} />{t('compareView.legend.fail')}</span>
          <span><i className="changed" />{t('compareView.legend.changed')}</span>
          <span><i className="gap" />{t('compareView.legend.gap')}{' '}
            <select data-testid="compare-tier" aria-label={t('map.tier')} value={p.data.tier} onChange={(e) => p.onGapChoice(validGapChoice(p.preset, e.target.value, p.data.category))}>
              {gapTiers(p.preset).map((k) => <option key={k} value={k}>{t('tier.label', { minutes: p.preset.tiers[k].minutes })}</option>)}
            </select>
            <select data-testid="compare-category" aria-label={t('compareView.gaps', { tier: tierText, category: t(`category.${p.data.category}`) })} value={p.data.category} onChange={(e) => p.onGapChoice({ tier: p.data.tier, category: e.target.value as FacilityCategory })}>
              {tierCategories(p.preset, p.data.tier).map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
            </select>
          </span>
          <span><i className="proposed" />{t('compareView.legend.proposed')}</span>
        </div>
        <div className="compare-actions">
          <button data-testid="compare-large" aria-pressed={p.large} onClick={() => p.onLargeType(!p.large)}>{p.large ? t('compareView.normal') : t('compareView.large')}</button>
          <button data-testid="compare-close" onClick={p.onClose}>{t('compareView.close')}</button>
        </div>
      </header>
      <div className="compare-maps">
        <ComparisonSide side="a" data={a} name={p.aName} changed={changed} preset={p.preset} ui={ui} onMap={onMapA} />
        <ComparisonSide side="b" data={b} name={p.bName} changed={changed} preset={p.preset} ui={ui} onMap={onMapB} />
      </div>
      <div className="compare-bottom">
        {ready && <p className="compare-changed" data-testid="compare-changed">{changed.length ? t('compareView.changed', { count: changed.length }) : t('compareView.noneChanged')}</p>}
        {p.indicators && <IndicatorDeltas rows={p.indicators} aName={p.aName} bName={p.bName} />}
        {!p.large && p.changes && (
          <section className="compare-changes">
            <h3>{t('compareView.table')}</h3>
            <ChangesTable changes={p.changes} otherName={p.aName} currentName={p.bName} limit={200} />
          </section>
        )}
      </div>
    </div>
  );
}
