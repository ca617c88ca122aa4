// The map area, connected to the store: the map with its tooltips, the walking-network facility
// panel and mode badge, the map controls and the legend; the proposals' candidate sites (the
// candidate layer, the drawn points) and, in "draw candidates" mode, the clicks that add or
// remove drawn points.
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
import { mainMap, setMainMap } from '../map/mapHandle';
import { candidateLayers } from '../map/candidateLayers';
import { hitDrawnCandidate } from '../state/candidatesState';
import { registerCandidateStrings } from '../whatif/candidateStrings';

const selectProject = (s: AppState) => s.project;
const selectResult = (s: AppState) => s.audit.result;
const selectUi = (s: AppState) => s.ui;
const selectSelection = (s: AppState) => s.selection;
const selectFitToken = (s: AppState) => s.view.fitToken;
const selectGaps = (s: AppState) => s.audit.gaps;
const selectGapsBusy = (s: AppState) => s.audit.gapsBusy;
const selectAdding = (s: AppState) => s.scenarios.adding !== null;
const selectDrawing = (s: AppState) => s.candidates.drawing;
const selectDrawn = (s: AppState) => s.candidates.drawn;
const selectCandidateSites = (s: AppState) => s.project?.layers.candidates;

export function MapRegion() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  // The map shows the current scenario: the base data with its what-if edits.
  const layers = useSelector(selectScenarioLayers);
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
  // Drawing candidates: a click on a drawn point (within 10 px) removes it, elsewhere adds one.
  const drawing = useSelector(selectDrawing);
  const drawn = useSelector(selectDrawn);
  const candidateSites = useSelector(selectCandidateSites);
  const onMapClick = useCallback((position: Position): boolean => {
    if (adding) { dispatch({ type: 'scenario/addPlaced', position }); return true; }
    if (drawing) {
      const map = mainMap();
      const hit = map ? hitDrawnCandidate(drawn, map.project(position), (p) => map.project(p)) : null;
      dispatch(hit ? { type: 'candidates/removed', id: hit } : { type: 'candidates/added', position });
      return true;
    }
    return net.onMapClick(position);
  }, [adding, drawing, drawn, dispatch, net]);
  const hasLayer = !!candidateSites?.length;
  const hasDrawn = drawn.length > 0;
  const legendMarks = useMemo(() => ({ candidateLayer: hasLayer, drawnCandidates: hasDrawn }), [hasLayer, hasDrawn]);
  const extraLayers = useMemo(() => [...candidateLayers(candidateSites, drawn, drawing), ...(net.layers ?? [])], [candidateSites, drawn, drawing, net.layers]);
  registerCandidateStrings();
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
        extraLayers={extraLayers}
        onMapClick={onMapClick}
        onMap={(map) => { setMainMap(map); net.onMap(map); }}
      />
      {net.panel && <FacilityNetworkPanel {...net.panel} />}
      {/* One row for the distance badge and the hint: they wrap rather than overlap on a narrow map. */}
      <div className="map-topbar">
        <ModeBadge mode={ui.mode} hasRoads={net.hasRoads} onChange={(mode) => patchUi({ mode })} basis={result ? <BasisBadge {...runBasis(result)} /> : undefined} />
        <div className="map-hint" data-testid={drawing ? 'candidates-draw-hint' : undefined}>{t(drawing ? 'candidates.drawHint' : 'map.clickHint')}</div>
      </div>
      <MapControls ui={ui} preset={preset} onChange={patchUi} gapsBusy={gapsBusy} gapsCount={gapsCount} />
      <Legend ui={ui} preset={preset} marks={legendMarks} />
    </section>
  );
}
