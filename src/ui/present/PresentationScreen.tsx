// Presentation mode for residents' meetings: the map fills the screen, one view of the planner's
// sequence at a time, with a large headline (≥ 32 px), plain-language figures (≥ 20 px), a
// simplified legend, and nothing technical (no table, no layer or rule controls). The keyboard
// (→ / PageDown, ← / PageUp, Esc) is handled by the workspace; the buttons do the same.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MlMap } from 'maplibre-gl';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { AuditResult, Facility, Failure, RulePreset } from '../../engine/types';
import type { PresentationView } from '../../planning/presentation';
import type { Project } from '../../planning/project';
import type { CommunityGap } from '../../report/gaps';
import { formatNumber, formatSharePercent } from '../../text/format';
import { failureText } from '../../text/ruleText';
import { MapView } from '../map/MapView';
import { CATEGORY_COLORS, FAIL, PASS, toCss } from '../map/colors';
import { GAP_SWATCH } from '../map/legendEntries';
import { ringsBBox, type BBox } from '../map/layerData';
import type { UiChoices } from '../state/uiChoices';
import { registerPresentStrings } from './presentStrings';
import { installBundledFont } from '../export/reportFontsBrowser';
import './present.css';

interface Props {
  project: Project;
  result: AuditResult | null;
  preset: RulePreset;
  ui: UiChoices;
  views: PresentationView[];
  step: number;
  /** The shown community's worst gap (from the engine worker), when the view is a community. */
  gap: CommunityGap | null;
  onStep: (delta: number) => void;
  onExit: () => void;
}

const noTooltip = () => '';
const noop = () => undefined;
const MAX_FAILURES = 3;

export function PresentationScreen(p: Props) {
  registerPresentStrings();
  installBundledFont();
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const mapRef = useRef<MlMap | null>(null);
  const headlineRef = useRef<HTMLElement>(null);
  const view = p.views[Math.min(p.step, p.views.length - 1)] as PresentationView | undefined;
  const index = view?.kind === 'community' ? p.project.layers.communities.findIndex((c) => c.id === view.communityId) : -1;
  const r = index >= 0 && p.result?.communities.length === p.project.layers.communities.length ? p.result.communities[index] : null;
  const gap = index >= 0 ? p.gap : null;
  const lifeGap = gap && 'tier' in gap ? gap : null;

  // The map's view choices for this view: status colours; for a community, its worst gap and the
  // life circles of that category.
  const ui = useMemo<UiChoices>(() => ({
    ...p.ui,
    colorBy: 'status',
    showFacilities: false,
    showGreen: true,
    showNetwork: false,
    showLabels: true,
    showGaps: !!gap,
    circles: lifeGap ? 'category' : 'none',
    tier: lifeGap ? lifeGap.tier : p.ui.tier,
    category: lifeGap ? lifeGap.category : p.ui.category,
  }), [p.ui, gap, lifeGap]);
  const gaps = useMemo(() => (gap && index >= 0 ? [{ community: index, polygon: gap.uncovered }] : null), [gap, index]);
  const symbols = useMemo(() => (t('symbol', { returnObjects: true }) as unknown as Record<string, string>), [t]);

  // The camera for each view, leaving room for the headline (top left) and the legend (bottom left).
  const extent = useMemo(() => {
    let b: BBox | null = null;
    for (const c of p.project.layers.communities) b = ringsBBox(c.geometry, b ?? undefined);
    return b && Number.isFinite(b[0]) ? b : null;
  }, [p.project.layers.communities]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !view) return;
    const el = map.getContainer();
    const w = el.clientWidth;
    const h = el.clientHeight;
    let b: BBox | null = null;
    let padding = { top: 40, bottom: 40, left: 40, right: 40 };
    if (view.kind === 'camera') b = view.bounds;
    else if (view.kind === 'overview') {
      // The whole area to the right of the headline box.
      const right = headlineRef.current?.getBoundingClientRect().right ?? 0;
      b = extent;
      padding = { top: 60, bottom: 130, left: Math.min(w * 0.4, Math.max(420, right + 24)), right: 60 };
    }
    else if (index >= 0) { b = ringsBBox(p.project.layers.communities[index].geometry); padding = { top: Math.min(340, h * 0.3), bottom: 110, left: Math.min(520, w * 0.27), right: 120 }; }
    if (b && Number.isFinite(b[0])) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding, maxZoom: 17, duration: view.kind === 'overview' ? 0 : 700 });
  }, [view, index, extent, p.project.layers.communities]);

  // Facilities of the gap's category only (the workspace's all-category dots are too busy for a meeting room).
  const categoryLayer = useMemo(() => {
    if (!lifeGap) return [];
    const data = p.project.layers.facilities.filter((f) => f.category === lifeGap.category);
    return [new ScatterplotLayer<Facility>({
      id: 'present-facilities', data, getPosition: (f) => f.position, radiusUnits: 'pixels', getRadius: 9,
      getFillColor: CATEGORY_COLORS[lifeGap.category], getLineColor: [255, 255, 255, 255], lineWidthUnits: 'pixels', getLineWidth: 2.5, stroked: true,
    })];
  }, [lifeGap, p.project.layers.facilities]);

  // Category names inside an English sentence read in lower case ("within 5 min of any kindergarten").
  const categoryWord = (c: string) => (lang === 'en' ? t(`category.${c}`).toLowerCase() : t(`category.${c}`));
  // A failure in words a resident follows: what share of the community is how near to what,
  // against the standard (other rules keep the workspace's wording).
  const residentLine = (f: Failure): string => {
    const ft = failureText(f, t, lang, p.preset);
    const params = p.result?.parameters;
    if (f.rule === 'lifeCircle' && f.tier && f.category)
      return t('presentUi.line.lifeCircle', { actual: ft.actual, required: ft.required, minutes: p.preset.tiers[f.tier]?.minutes ?? f.tier, category: categoryWord(f.category) });
    if ((f.rule === 'greenCoverage' || f.rule === 'parkCoverage') && params)
      return t(`presentUi.line.${f.rule === 'parkCoverage' ? 'park' : 'green'}`, { actual: ft.actual, required: ft.required, distance: f.rule === 'parkCoverage' ? params.parkDistance_m : params.greenDistance_m });
    return ft.line;
  };
  const s = p.result?.summary;
  // The rules most communities fail, most first (at most three): what the district lacks.
  const topRules = Object.entries(s?.byRule ?? {}).filter(([, n]) => (n ?? 0) > 0).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)).slice(0, 3) as [string, number][];
  const tierLabel = (tier: string) => t('tier.label', { minutes: p.preset.tiers[tier]?.minutes ?? tier });
  const gapCaption = gap ? ('tier' in gap ? t('presentUi.gapCaption', { tier: tierLabel(gap.tier), category: categoryWord(gap.category) }) : t(gap.green === 'park' ? 'presentUi.gapPark' : 'presentUi.gapGreen')) : null;

  return (
    <div className="present" data-testid="presentation" data-step={p.step} data-total={p.views.length} data-kind={view?.kind ?? ''}>
      <MapView
        layers={p.project.layers}
        result={p.result}
        preset={p.preset}
        ui={ui}
        selected={index >= 0 ? index : null}
        zoomToken={0}
        selectedFacility={null}
        gaps={gaps}
        symbols={symbols}
        tooltip={noTooltip}
        onSelectCommunity={noop}
        onSelectFacility={noop}
        fitToken={0}
        extraLayers={categoryLayer}
        onMap={(m) => { mapRef.current = m; m?.keyboard.disable(); }}
      />
      <header className="present-headline" data-testid="present-headline" ref={headlineRef}>
        <h1>{view?.title ?? t('presentUi.noViews')}</h1>
        {view?.kind === 'overview' && s && (
          <div className="present-facts">
            <p className="present-big">{s.failing > 0 ? t('presentUi.overviewLine', { communities: formatNumber(s.communities, lang), failing: formatNumber(s.failing, lang) }) : t('presentUi.allPass')}</p>
            {s.failing > 0 && <p>{t('presentUi.overviewShare', { share: formatSharePercent(s.failing / Math.max(1, s.communities)) })}</p>}
            {topRules.length > 0 && (
              <ul className="present-failures" data-testid="present-top-rules">
                {topRules.map(([rule, n]) => <li key={rule}>{t('presentUi.ruleCount', { rule: t(`rule.${rule}`), count: formatNumber(n, lang) })}</li>)}
              </ul>
            )}
          </div>
        )}
        {r && (
          <div className="present-facts">
            <p className="present-big">
              <span className={`present-status ${r.status}`}>{t(`presentUi.${r.status}`)}</span>
              {r.households !== null && <span>{t('presentUi.households', { value: formatNumber(r.households, lang) })}</span>}
            </p>
            {r.failures.length > 0 && (
              <ul className="present-failures">
                {r.failures.slice(0, MAX_FAILURES).map((f, k) => <li key={k}>{residentLine(f)}</li>)}
                {r.failures.length > MAX_FAILURES && <li className="more">{t('presentUi.moreFailures', { count: r.failures.length - MAX_FAILURES })}</li>}
              </ul>
            )}
          </div>
        )}
      </header>
      <div className="present-legend" data-testid="present-legend">
        <div><i style={{ background: toCss(PASS, 0.7) }} />{t('presentUi.legendPass')}</div>
        <div><i style={{ background: toCss(FAIL, 0.8) }} />{t('presentUi.legendFail')}</div>
        {index >= 0 && <div><i className="outline" />{t('presentUi.community')}</div>}
        {gapCaption && <div><i style={{ background: GAP_SWATCH.color, outline: `2px solid ${GAP_SWATCH.outline}` }} />{gapCaption}</div>}
        {lifeGap && <div><i className="dot" style={{ background: toCss(CATEGORY_COLORS[lifeGap.category]) }} />{t('presentUi.circles', { category: t(`category.${lifeGap.category}`), tier: tierLabel(lifeGap.tier) })}</div>}
      </div>
      <nav className="present-nav">
        <button onClick={() => p.onStep(-1)} disabled={p.step <= 0} aria-label={t('presentUi.prev')} data-testid="present-prev">‹</button>
        <span className="present-step" data-testid="present-step">{t('presentUi.step', { n: Math.min(p.step, p.views.length - 1) + 1, total: p.views.length })}</span>
        <button onClick={() => p.onStep(1)} disabled={p.step >= p.views.length - 1} aria-label={t('presentUi.next')} data-testid="present-next">›</button>
        <span className="present-keys">{t('presentUi.keys')}</span>
      </nav>
      <button className="present-exit" onClick={p.onExit} data-testid="present-exit">✕ {t('presentUi.exit')}</button>
    </div>
  );
}
