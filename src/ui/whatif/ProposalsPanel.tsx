// The proposals panel (建议选址, plain props): category, tier and K, and where the candidate sites
// come from (a grid over the communities, the candidate site layer, or points drawn on the map:
// drawing on/off, their count, clear; without any candidates Run is off and the panel says why);
// while running, the phase and a cancel button; then the K ranked sites with their marginal gain (households newly within reach)
// and the communities each brings to the threshold, greedy's distance from the exact optimum, and
// "Accept", which adds the sites to the current scenario as proposed facilities.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../../engine/types';
import type { ProposalsState } from '../state/scenarioState';
import { formatNumber } from '../../text/format';
import { registerWhatIfStrings } from './whatIfStrings';
import { registerCandidateStrings } from './candidateStrings';
import { CANDIDATE_SOURCES, type CandidateSource } from '../state/candidatesState';

export interface ProposalsPanelProps {
  tiers: string[];
  state: ProposalsState;
  onRun: (category: FacilityCategory, tier: string, count: number) => void;
  onCancel: () => void;
  onAccept: () => void;
  /** Where the candidates come from, and how many each source holds. */
  source: CandidateSource;
  gridM: number;
  layerCount: number;
  drawnCount: number;
  drawing: boolean;
  onSource: (source: CandidateSource) => void;
  onDraw: (on: boolean) => void;
  onClearDrawn: () => void;
}

/** Why Run is off for a source without candidates (null: it has some). */
export function missingCandidates(source: CandidateSource, layerCount: number, drawnCount: number): 'noLayer' | 'noDrawn' | null {
  if (source === 'layer' && layerCount === 0) return 'noLayer';
  if (source === 'drawn' && drawnCount === 0) return 'noDrawn';
  return null;
}

export function ProposalsPanel(p: ProposalsPanelProps) {
  registerWhatIfStrings();
  registerCandidateStrings();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [category, setCategory] = useState<FacilityCategory>('kindergarten');
  const [tier, setTier] = useState(p.tiers[0] ?? '');
  const [count, setCount] = useState('3');
  const k = Number(count);
  const r = p.state.result;
  const missing = missingCandidates(p.source, p.layerCount, p.drawnCount);
  return (
    <details className="proposals" data-testid="proposals">
      <summary>{t('whatIf.proposals.title')}</summary>
      <div className="form">
        <label>{t('whatIf.category')}{' '}
          <select data-testid="proposals-category" value={category} onChange={(e) => setCategory(e.target.value as FacilityCategory)}>
            {FACILITY_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </label>
        <label>{t('whatIf.proposals.tier')}{' '}
          <select data-testid="proposals-tier" value={tier} onChange={(e) => setTier(e.target.value)}>
            {p.tiers.map((x) => <option key={x} value={x}>{t('tier.label', { minutes: x })}</option>)}
          </select>
        </label>
        <label>K{' '}
          <input data-testid="proposals-k" type="number" min={1} max={20} value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
      </div>
      <fieldset className="form proposals-candidates" data-testid="proposals-source" data-source={p.source}>
        <legend>{t('candidates.source')}</legend>
        {CANDIDATE_SOURCES.map((src) => (
          <label key={src} className="radio">
            <input type="radio" name="proposals-source" value={src} checked={p.source === src} onChange={() => p.onSource(src)} data-testid={`proposals-source-${src}`} />{' '}
            {src === 'grid' ? t('candidates.grid', { grid: p.gridM }) : t(`candidates.${src}`)}
          </label>
        ))}
        {p.source === 'layer' && p.layerCount > 0 && <div className="muted" data-testid="proposals-layer-count" data-count={p.layerCount}>{t('candidates.layerCount', { count: p.layerCount })}</div>}
        {p.source === 'drawn' && (
          <div>
            <button data-testid="proposals-draw" aria-pressed={p.drawing} onClick={() => p.onDraw(!p.drawing)}>{t(p.drawing ? 'candidates.stopDraw' : 'candidates.draw')}</button>{' '}
            <button data-testid="proposals-clear-drawn" disabled={p.drawnCount === 0} onClick={p.onClearDrawn}>{t('candidates.clear')}</button>
            {p.drawnCount > 0 && <div className="muted" data-testid="proposals-drawn-count" data-count={p.drawnCount}>{t('candidates.drawnCount', { count: p.drawnCount })}</div>}
          </div>
        )}
        {missing && <div className="muted" role="status" data-testid="proposals-no-candidates" data-why={missing}>{t(`candidates.${missing}`)}</div>}
      </fieldset>
      <div className="form">
        {p.state.progress
          ? <button data-testid="proposals-cancel" onClick={p.onCancel}>{t('whatIf.cancel')}</button>
          : <button data-testid="proposals-run" disabled={!(Number.isInteger(k) && k >= 1 && k <= 20) || missing !== null} onClick={() => p.onRun(category, tier, k)}>{t('whatIf.proposals.run')}</button>}
      </div>
      {p.state.progress && <div className="muted" data-testid="proposals-progress" data-phase={p.state.progress.phase} data-done={p.state.progress.done} data-total={p.state.progress.total}>{t(`whatIf.proposals.phase.${p.state.progress.phase}`)} {p.state.progress.total > 0 ? `${Math.round((100 * p.state.progress.done) / p.state.progress.total)}%` : ''}</div>}
      {p.state.error && <div className="error">{p.state.error}</div>}
      {r && (
        <div data-testid="proposals-result" data-sites={r.sites.length}>
          <div className="muted">{t('whatIf.proposals.summary', { candidates: formatNumber(r.candidates, lang), before: r.before.communitiesBelowThreshold, after: r.after.communitiesBelowThreshold })}</div>
          <ol>
            {r.sites.map((s) => (
              <li key={s.candidate} data-testid="proposals-site" data-candidate={s.candidate} data-lon={s.lon} data-lat={s.lat} data-gain={s.gainHouseholds}>
                {t('whatIf.proposals.site', { gain: formatNumber(s.gainHouseholds, lang) })}
                {s.communities.filter((c) => c.fixed).length > 0 && <div className="muted">{t('whatIf.proposals.fixes', { list: s.communities.filter((c) => c.fixed).map((c) => c.id).join('、') })}</div>}
              </li>
            ))}
          </ol>
          {r.exact && <div className="muted" data-testid="proposals-gap" data-gap={r.exact.gapPercent}>{t(r.exact.proven ? 'whatIf.proposals.gap' : 'whatIf.proposals.gapBound', { gap: formatNumber(r.exact.gapPercent, lang, 2), optimum: formatNumber(r.exact.householdsGain, lang) })}</div>}
          <button data-testid="proposals-accept" onClick={p.onAccept}>{t('whatIf.proposals.accept')}</button>
        </div>
      )}
    </details>
  );
}
