// The delta table of a comparison (plain props): the failing count of both scenarios, each
// community whose status or figures differ (status in A and in B, figures before → after), and
// the households newly within each tier per category. Shown under the what-if panel's comparison
// choice and in the comparison map.
import { useTranslation } from 'react-i18next';
import type { AuditChanges, FigureKey } from '../../planning/auditChanges';
import { formatNumber, formatSharePercent } from '../../text/format';
import { registerWhatIfStrings } from '../whatif/whatIfStrings';

type T = (key: string, o?: Record<string, unknown>) => string;

/** A figure's name: a rule's figure, or "5分钟 幼儿园" for a life-circle share. */
export function figureName(key: FigureKey | string, t: T): string {
  if (!key.startsWith('lifeCircles.')) return t(`whatIf.figure.${key}`);
  const [, tier, cat] = key.split('.');
  return `${t('tier.label', { minutes: tier.replace(/min$/, '') })} ${t(`category.${cat}`)}`;
}

/** A figure's value: shares as percentages, areas with one decimal; "—" when unknown. */
export function figureText(key: FigureKey | string, v: number | null, lang: 'zh' | 'en'): string {
  return v === null ? '—' : key.startsWith('lifeCircles.') || key.endsWith('Coverage') ? formatSharePercent(v) : formatNumber(v, lang, 1);
}

interface Props {
  changes: AuditChanges;
  /** The names of the scenario compared with (before) and of the current one (after), as shown. */
  otherName: string;
  currentName: string;
  /** At most this many community rows. */
  limit?: number;
}

export function ChangesTable({ changes: c, otherName, currentName, limit = 40 }: Props) {
  registerWhatIfStrings();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <div className="compare" data-testid="compare-table" data-failing-before={c.failingBefore} data-failing-after={c.failingAfter}>
      <div>{t('whatIf.compare.failing', { other: otherName, current: currentName, before: c.failingBefore, after: c.failingAfter })}</div>
      <table>
        <thead><tr><th>{t('whatIf.compare.community')}</th><th>{otherName}</th><th>{currentName}</th><th>{t('whatIf.compare.figures')}</th></tr></thead>
        <tbody>
          {c.communities.slice(0, limit).map((x) => (
            <tr key={x.id} data-testid="compare-row" data-community={x.id} data-status={`${x.statusBefore}>${x.statusAfter}`}>
              <td>{x.name}</td><td>{t(`status.${x.statusBefore}`)}</td><td>{t(`status.${x.statusAfter}`)}</td>
              <td>{x.figures.slice(0, 3).map((f) => `${figureName(f.key, t)} ${figureText(f.key, f.before, lang)} → ${figureText(f.key, f.after, lang)}`).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.householdsWithin.map((g) => (
        <div key={`${g.tier}.${g.category}`} data-testid="compare-households" data-tier={g.tier} data-category={g.category} data-households={g.households}>
          {t('whatIf.change.households', { tier: t('tier.label', { minutes: g.tier }), category: t(`category.${g.category}`), delta: (g.households > 0 ? '+' : '') + formatNumber(g.households, lang) })}
        </div>
      ))}
    </div>
  );
}
