// Presentation mode for residents' meetings: the map fills the screen, one view of the planner's
// sequence at a time, with a large headline (≥ 32 px), plain-language figures (≥ 20 px), a
// simplified legend, and nothing technical (no table, no layer or rule controls). The keyboard
// (→ / PageDown, ← / PageUp, Esc) is handled by the workspace; the buttons do the same.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MlMap } from 'maplibre-gl';
import type { AuditResult, RulePreset } from '../../engine/types';
import type { PresentationView } from '../../planning/presentation';
import type { Project } from '../../planning/project';
import type { CommunityGap } from '../../report/gaps';
import { formatNumber, formatSharePercent } from '../../text/format';
import { failureText } from '../../text/ruleText';
import { MapView } from '../map/MapView';
import { CATEGORY_COLORS, FAIL, PASS, toCss } from '../map/colors';
import { GAP_SWATCH } from '../map/legendEntries';
import type { UiChoices } from '../state/uiChoices';
import { registerPresentStrings } from './presentStrings';
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
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const mapRef = useRef<MlMap | null>(null);
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
    showFacilities: index >= 0,
    showGreen: true,
    showNetwork: false,
    showLabels: true,
    showGaps: !!gap,
    circles: lifeGap ? 'category' : 'none',
    tier: lifeGap ? lifeGap.tier : p.ui.tier,
    category: lifeGap ? lifeGap.category : p.ui.category,
  }), [p.ui, index, gap, lifeGap]);
  const gaps = useMemo(() => (gap && index >= 0 ? [{ community: index, polygon: gap.uncovered }] : null), [gap, index]);
  const symbols = useMemo(() => (t('symbol', { returnObjects: true }) as unknown as Record<string, string>), [t]);

  // A saved map view: fly there (the map's own fit and zoom handle the other kinds).
  useEffect(() => {
    if (view?.kind === 'camera') mapRef.current?.fitBounds([[view.bounds[0], view.bounds[1]], [view.bounds[2], view.bounds[3]]], { duration: 600 });
  }, [view, p.step]);

  const s = p.result?.summary;
  const tierLabel = (tier: string) => t('tier.label', { minutes: p.preset.tiers[tier]?.minutes ?? tier });
  const gapCaption = gap ? ('tier' in gap ? t('presentUi.gapCaption', { tier: tierLabel(gap.tier), category: t(`category.${gap.category}`) }) : t(gap.green === 'park' ? 'presentUi.gapPark' : 'presentUi.gapGreen')) : null;

  return (
    <div className="present" data-testid="presentation" data-step={p.step} data-total={p.views.length} data-kind={view?.kind ?? ''}>
      <MapView
        layers={p.project.layers}
        layerVersion={p.project.layerVersion}
        result={p.result}
        preset={p.preset}
        ui={ui}
        selected={index >= 0 ? index : null}
        zoomToken={p.step + 1}
        selectedFacility={null}
        gaps={gaps}
        symbols={symbols}
        tooltip={noTooltip}
        onSelectCommunity={noop}
        onSelectFacility={noop}
        fitToken={view?.kind === 'overview' ? p.step + 1 : 0}
        onMap={(m) => { mapRef.current = m; m?.keyboard.disable(); }}
      />
      <header className="present-headline" data-testid="present-headline">
        <h1>{view?.title ?? t('presentUi.noViews')}</h1>
        {view?.kind === 'overview' && s && (
          <div className="present-facts">
            <p className="present-big">{s.failing > 0 ? t('presentUi.overviewLine', { communities: formatNumber(s.communities, lang), failing: formatNumber(s.failing, lang) }) : t('presentUi.allPass')}</p>
            {s.failing > 0 && <p>{t('presentUi.overviewShare', { share: formatSharePercent(s.failing / Math.max(1, s.communities)) })}</p>}
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
                {r.failures.slice(0, MAX_FAILURES).map((f, k) => <li key={k}>{failureText(f, t, lang, p.preset).line}</li>)}
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
