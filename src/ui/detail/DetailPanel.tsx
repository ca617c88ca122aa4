// Detail of the selected community: every figure with its unit, each failure as actual vs
// required with the rule's name and source, life-circle coverage per tier and category, the
// "6个1" checklist, the facilities serving it, its data warnings, and estimates marked as such.
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditResult, Community, CommunityResult, Facility, FacilityCategory, Failure, RuleId, RulePreset } from '../../engine/types';
import { formatNumber, formatSharePercent } from '../../text/format';
import { failureText } from '../../text/ruleText';
import { CATEGORY_COLORS, toCss } from '../map/colors';
import { registerResidentialStrings } from '../residential/residentialStrings';

interface Props {
  community: Community | null;
  result: CommunityResult | null;
  audit: AuditResult | null;
  preset: RulePreset;
  facilities: Facility[];
  onClose: () => void;
  onShowGaps: (tier: string, category: FacilityCategory) => void;
  onSelectFacility: (index: number) => void;
  /** Which distance the coverage figures use (ui/network ModeBadge), shown next to their headings. */
  modeBadge?: ReactNode;
}

export function DetailPanel({ community, result, audit, preset, facilities, onClose, onShowGaps, onSelectFacility, modeBadge }: Props) {
  const { t, i18n } = useTranslation();
  registerResidentialStrings();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const facilityIndex = useMemo(() => new Map(facilities.map((f, i) => [f.id, i])), [facilities]);

  if (!community) return <section className="detail empty-detail" data-testid="detail-empty"><p>{t('detail.none')}</p></section>;
  if (!result) return <section className="detail" data-testid="detail"><h2>{community.name}</h2><p>{t('status.pending')}…</p></section>;

  const est = new Set(result.estimates.map((e) => e.split(/[:\s]/)[0]));
  const mark = (key: string) => (est.has(key) || result.estimates.some((e) => e.includes(key)) ? <em className="estimate">{t('detail.estimateMark', { text: t('detail.estimate') })}</em> : null);
  const warnings = (audit?.warnings ?? []).filter((w) => (w.layer === 'communities' && w.feature === result.id) || (w.layer === 'facilities' && result.facilityIds.includes(w.feature)));
  const tiers = Object.entries(result.lifeCircles).sort((a, b) => Number(a[0]) - Number(b[0]));
  const served = result.facilityIds.map((id) => facilityIndex.get(id)).filter((i): i is number => i !== undefined);
  const m2 = (v: number | null, d = 0) => t('unit.m2', { value: formatNumber(v, lang, d) });

  return (
    <section className="detail" data-testid="detail" data-id={result.id}>
      <header className="detail-head">
        <div>
          <h2 data-testid="detail-name">{result.name}</h2>
          <div className="muted">{result.id}{result.street ? ` · ${result.street}` : ''} · {t(`setting.${result.setting}`)}</div>
          {community.resettlement && <div className="tag">{t('detail.resettlement')}</div>}
        </div>
        <span className={`badge big ${result.status}`} data-testid="detail-status">{t(`status.${result.status}`)}</span>
        <button className="close" onClick={onClose} aria-label={t('detail.close')}>×</button>
      </header>

      <h3>{t('detail.failures')} {result.failures.length > 0 && <span className="count">{result.failures.length}</span>}</h3>
      {result.failures.length === 0 ? (
        <p className="ok">✓ {t('detail.noFailures')}</p>
      ) : (
        <ul className="failures" data-testid="failures">
          {groupByRule(result.failures).map(([rule, fs]) => (
            <li key={rule} className="failure-group">
              <div className="failure-rule">{t(`rule.${rule}`)}{fs.length > 1 && <span className="count">{fs.length}</span>}</div>
              {fs.map((f, i) => {
                const ft = failureText(f, t, lang, preset);
                return (
                  <div key={i} className="failure" data-testid="failure" data-rule={f.rule}>
                    <div className="failure-values">
                      {ft.qualifier && <span className="qual">{ft.qualifier}</span>}
                      <span className="actual" data-testid="failure-actual">{ft.actual}</span>
                      <span className="op">{ft.op}</span>
                      <span className="required" data-testid="failure-required">{t('detail.required')} {ft.required}</span>
                      {f.rule === 'lifeCircle' && f.tier && f.category && <button className="link gap-link" title={t('detail.showGaps')} onClick={() => onShowGaps(f.tier!, f.category!)}>{t('detail.gapShort')} ▸</button>}
                    </div>
                  </div>
                );
              })}
              <div className="source" data-testid="failure-source">{t('detail.source')}{lang === 'zh' ? '：' : ': '}{[...new Set(fs.map((f) => f.source[lang]))].join(lang === 'zh' ? '；' : '; ')}</div>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('detail.figures')} {modeBadge}</h3>
      <dl className="figures">
        <dt>{t('detail.households')}</dt><dd>{t('unit.households', { value: formatNumber(result.households, lang) })}{community.estimated?.households ? <em className="estimate">{t('detail.estimateMark', { text: t('detail.estimate') })}</em> : mark('households')}</dd>
        <dt>{t('detail.population')}</dt><dd>{t('unit.persons', { value: formatNumber(result.population, lang) })}{result.populationEstimated && <em className="estimate">{t('detail.estimateMark', { text: t('detail.estimate') })}</em>}</dd>
        <dt>{t('detail.area')}</dt><dd>{t('unit.ha', { value: formatNumber(result.area_m2 / 10000, lang, 1) })}</dd>
        <dt>{t('detail.serviceArea')}</dt><dd>{m2(result.serviceArea_m2)}{mark('serviceArea')}</dd>
        <dt>{t('detail.areaPer100')}</dt><dd>{t('unit.m2per100', { value: formatNumber(result.areaPer100Households_m2, lang, 1) })}</dd>
        <dt>{t('detail.largestStation')}</dt><dd>{m2(result.largestStation_m2)}</dd>
        <dt>{t('residentialUi.basis.label')}</dt>
        <dd data-testid="detail-basis" data-basis={result.coverageBasis ?? 'community-area'}>{t(`residentialUi.basis.${result.coverageBasis ?? 'community-area'}`)}</dd>
        {(result.residentialArea_m2 ?? 0) > 0 && <><dt>{t('residentialUi.basis.residentialArea')}</dt><dd>{t('unit.ha', { value: formatNumber((result.residentialArea_m2 ?? 0) / 10000, lang, 1) })}</dd></>}
        <dt>{t('detail.green')}</dt><dd>{formatSharePercent(result.greenCoverage)}%</dd>
        <dt>{t('detail.park')}</dt><dd>{formatSharePercent(result.parkCoverage)}%</dd>
      </dl>
      {result.estimates.length > 0 && (
        <ul className="estimates"><b>{t('detail.listLabel', { label: t('detail.estimates') })}</b>{result.estimates.map((e, i) => <li key={i}>{estimateText(e, t)}</li>)}</ul>
      )}

      <h3>{t('detail.lifeCircles')} {modeBadge}</h3>
      <table className="life-circles">
        <tbody>
          {tiers.map(([tier, cats]) => (
            <tr key={tier}>
              <th>{t('tier.distance', { minutes: preset.tiers[tier]?.minutes ?? tier, distance: `${Math.round(audit?.parameters.tiers[tier] ?? preset.tiers[tier]?.distance_m ?? 0)} m` })}</th>
              <td>
                {Object.entries(cats).map(([cat, share]) => {
                  const ok = (share ?? 0) >= preset.rules.lifeCircle.threshold - 1e-9;
                  return (
                    <button key={cat} className={`chip ${ok ? 'ok' : 'bad'}`} onClick={() => onShowGaps(tier, cat as FacilityCategory)} title={t('detail.showGaps')}>
                      {t(`category.${cat}`)} {formatSharePercent(share ?? 0)}%
                    </button>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {preset.rules.sixOnes.enabled && (
        <>
          <h3>{t('detail.sixOnes')}</h3>
          <ul className="six-ones" data-testid="six-ones">
            {preset.rules.sixOnes.groups.map((g) => {
              const ok = result.sixOnes[g.key];
              return <li key={g.key} className={ok ? 'ok' : 'bad'}>{ok ? '✓' : '✗'} {g.label[lang]}</li>;
            })}
          </ul>
        </>
      )}

      <h3>{t('detail.facilities')} <span className="count">{served.length}</span></h3>
      {served.length === 0 ? <p className="muted">{t('detail.noFacilities')}</p> : (
        <ul className="facility-list">
          {served.map((i) => {
            const f = facilities[i];
            return (
              <li key={f.id}>
                <button className="link" onClick={() => onSelectFacility(i)}>
                  <i className="dot" style={{ background: toCss(CATEGORY_COLORS[f.category]) }} /> {f.name ?? f.id}
                </button>
                <span className="muted"> {t(`category.${f.category}`)} · {f.floorArea !== null ? m2(f.floorArea) : '—'}{f.floorAreaEstimated ? `（${t('detail.estimate')}）` : ''}{f.proposed ? ` · ${t('detail.proposed')}` : ''}</span>
              </li>
            );
          })}
        </ul>
      )}

      {warnings.length > 0 && (
        <>
          <h3>{t('detail.warnings')}</h3>
          <ul className="warnings">
            {warnings.map((w, i) => <li key={i}>⚠ {t(`warning.${w.code}`)} — {w.layer}/{w.feature}{w.field ? ` · ${w.field}` : ''}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}

/** Failures grouped by rule, in the order rules first appear (one source line per rule). */
function groupByRule(fs: Failure[]): [RuleId, Failure[]][] {
  const m = new Map<RuleId, Failure[]>();
  for (const f of fs) m.set(f.rule, [...(m.get(f.rule) ?? []), f]);
  return [...m.entries()];
}

/** The engine's estimate notes (audit.ts: 'households', 'population', 'floorArea:<id>[ (preset default N m²)]') in words. */
function estimateText(e: string, t: (k: string, v?: Record<string, unknown>) => string): string {
  if (e === 'households') return t('detail.estimateHouseholds');
  if (e === 'population') return t('detail.estimatePopulation');
  if (e === 'residentialHouseholds') return t('residentialUi.estimate');
  const m = /^floorArea:(\S+)(?: \(preset default ([\d.]+) m²\))?/.exec(e);
  if (m) return m[2] ? t('detail.estimateFloorAreaDefault', { id: m[1], area: m[2] }) : t('detail.estimateFloorArea', { id: m[1] });
  return e;
}
