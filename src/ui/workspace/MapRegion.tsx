// The map area, connected to the store: the map with its tooltips, the walking-network facility
// panel and mode badge, the map controls and the legend.
import { BasisBadge } from '../residential/BasisBadge';
import { runBasis } from '../residential/coverageBasis';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiChoices } from '../state/uiChoices';
import type { Position } from '../../engine/types';
import { MapView } from '../map/MapView';
import { MapControls } from '../map/MapControls';
import { Legend } from '../map/Legend';
import { FacilityNetworkPanel } from '../network/FacilityNetworkPanel';
import { ModeBadge } from '../network/ModeBadge';
import { formatNumber } from '../../text/format';
import { failureText } from '../../text/ruleText';
import { selectPreset, selectScenarioLayers, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { useNetwork } from './NetworkWhatIf';
import { communitiesBelowThreshold, validGapChoice } from '../map/gapChoice';
import { setMainMap } from '../map/mapHandle';

const selectProject = (s: AppState) => s.project;
const selectResult = (s: AppState) => s.audit.result;
const selectUi = (s: AppState) => s.ui;
const selectSelection = (s: AppState) => s.selection;
const selectFitToken = (s: AppState) => s.view.fitToken;
const selectGaps = (s: AppState) => s.audit.gaps;
const selectGapsBusy = (s: AppState) => s.audit.gapsBusy;
const selectAdding = (s: AppState) => s.scenarios.adding !== null;

/** A number that changes whenever the layers object does (the map's layer-data version). */
let layerCounter = 0;
const layerVersions = new WeakMap<object, number>();
function useLayerVersion(layers: object | null): number {
  if (!layers) return 0;
  let v = layerVersions.get(layers);
  if (v === undefined) { v = ++layerCounter; layerVersions.set(layers, v); }
  return v;
}

export function MapRegion() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  // The map shows the current scenario: the base data with its what-if edits.
  const layers = useSelector(selectScenarioLayers);
  const layerVersion = useLayerVersion(layers);
  const result = useSelector(selectResult);
  const preset = useSelector(selectPreset);
  const ui = useSelector(selectUi);
  const selection = useSelector(selectSelection);
  const fitToken = useSelector(selectFitToken);
  const gaps = useSelector(selectGaps);
  const gapsBusy = useSelector(selectGapsBusy);
  const net = useNetwork();

  // Adding a proposed facility takes the next click; otherwise the walking what-if may (moving).
  const adding = useSelector(selectAdding);
  const onMapClick = useCallback((position: Position): boolean => {
    if (adding) { dispatch({ type: 'scenario/addPlaced', position }); return true; }
    return net.onMapClick(position);
  }, [adding, dispatch, net]);
  const patchUi = useCallback((patch: Partial<UiChoices>) => dispatch({ type: 'ui/changed', patch }), [dispatch]);
  // A preset without the chosen tier or category (another preset picked): fall back to one it has.
  useEffect(() => {
    if (!preset) return;
    const valid = validGapChoice(preset, ui.tier, ui.category);
    if (valid.tier !== ui.tier || valid.category !== ui.category) patchUi(valid);
  }, [preset, ui.tier, ui.category, patchUi]);
  const gapsCount = useMemo(() => (gaps && result && preset ? communitiesBelowThreshold(result, preset, ui.tier, ui.category) : null), [gaps, result, preset, ui.tier, ui.category]);

  const symbols = useMemo(() => (t('symbol', { returnObjects: true }) as unknown as Record<string, string>), [t]);

  const tooltip = useCallback((kind: 'community' | 'facility' | 'gap', index: number): string => {
    if (!project) return '';
    if (kind === 'facility') {
      const f = layers?.facilities[index];
      if (!f) return '';
      return `${f.name ?? f.id}${f.proposed ? ' · ' + t('whatIf.proposed') : ''}\n${t(`category.${f.category}`)} · ${f.floorArea !== null ? t('unit.m2', { value: formatNumber(f.floorArea, lang) }) : '—'}`;
    }
    const c = project.layers.communities[index];
    const r = result?.communities[index];
    if (!c) return '';
    const head = `${c.name} (${c.id})${c.street ? ' · ' + c.street : ''}`;
    if (kind === 'gap') return `${head}\n${t('map.gaps')} · ${t('tier.label', { minutes: preset?.tiers[ui.tier]?.minutes ?? ui.tier })} ${t(`category.${ui.category}`)}`;
    if (!r) return head;
    const status = t(`status.${r.status}`);
    const lines = r.failures.slice(0, 4).map((f) => '• ' + failureText(f, t, lang, preset ?? undefined).line);
    const more = r.failures.length > 4 ? `\n… +${r.failures.length - 4}` : '';
    return `${head}\n${t('unit.households', { value: formatNumber(r.households, lang) })} · ${status}${lines.length ? '\n' + lines.join('\n') : ''}${more}`;
  }, [project, layers, result, t, lang, preset, ui.tier, ui.category]);

  if (!project || !preset || !layers) return null;
  return (
    <section className="map-area">
      <MapView
        layers={layers}
        layerVersion={layerVersion}
        result={result}
        preset={preset}
        ui={ui}
        selected={selection.community}
        zoomToken={selection.zoomToken}
        selectedFacility={selection.facility}
        gaps={gaps}
        symbols={symbols}
        tooltip={tooltip}
        onSelectCommunity={(index) => dispatch({ type: 'selection/community', index })}
        onSelectFacility={(index) => { dispatch({ type: 'selection/facility', index }); if (ui.circles === 'none') patchUi({ circles: 'selected' }); }}
        fitToken={fitToken}
        extraLayers={net.layers}
        onMapClick={onMapClick}
        onMap={(map) => { setMainMap(map); net.onMap(map); }}
      />
      {net.panel && <FacilityNetworkPanel {...net.panel} />}
      {/* One row for the distance badge and the hint: they wrap rather than overlap on a narrow map. */}
      <div className="map-topbar">
        <ModeBadge mode={ui.mode} hasRoads={net.hasRoads} onChange={(mode) => patchUi({ mode })} basis={result ? <BasisBadge {...runBasis(result)} /> : undefined} />
        <div className="map-hint">{t('map.clickHint')}</div>
      </div>
      <MapControls ui={ui} preset={preset} onChange={patchUi} gapsBusy={gapsBusy} gapsCount={gapsCount} />
      <Legend ui={ui} preset={preset} />
    </section>
  );
}
