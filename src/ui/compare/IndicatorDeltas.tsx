// The city-wide indicators of both sides of the comparison (plain props): each indicator's value
// in A and in B, the change with its direction (▲ up, ▼ down, = unchanged; green when towards the
// target, red when away from it), and met / not met on each side where a document sets a target.
// Shares change in percentage points.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../text/format';
import { indicatorValueText, targetText } from '../../text/indicatorText';
import type { IndicatorComparisonRow } from './indicatorComparison';

interface Props {
  rows: IndicatorComparisonRow[];
  aName: string;
  bName: string;
}

const ARROW = { up: '▲', down: '▼', same: '=' } as const;

export function IndicatorDeltas({ rows, aName, bName }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const changeText = (r: IndicatorComparisonRow): string => {
    if (r.change === null || r.direction === null) return '—';
    if (r.direction === 'same') return t('compareView.direction.same');
    const sign = r.change > 0 ? '+' : '−';
    const v = Math.abs(r.change);
    return r.unit === 'share' ? t('compareView.indicators.points', { value: `${sign}${formatNumber(v * 100, lang, 1)}` }) : `${sign}${indicatorValueText(t, lang, r.unit, v)}`;
  };
  const met = (m: boolean | null) => (m === null ? null : <span className={`met ${m ? 'yes' : 'no'}`}>{m ? t('compareView.indicators.met') : t('compareView.indicators.notMet')}</span>);
  return (
    <section className="indicator-deltas" data-testid="indicator-deltas">
      <h3>{t('compareView.indicators.title')}</h3>
      <table>
        <thead><tr><th>{t('compareView.indicators.indicator')}</th><th className="n">A · {aName}</th><th className="n">B · {bName}</th><th className="n">{t('compareView.indicators.change')}</th><th>{t('compareView.indicators.target')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.direction === 'up' || r.direction === 'down' ? 'moved' : ''} data-testid="indicator-delta" data-id={r.id} data-before={r.before ?? ''} data-after={r.after ?? ''} data-change={r.change ?? ''} data-direction={r.direction ?? ''}>
              <td>{r.indicator.name[lang]}</td>
              <td className="n">{indicatorValueText(t, lang, r.unit, r.before)} {met(r.metBefore)}</td>
              <td className="n">{indicatorValueText(t, lang, r.unit, r.after)} {met(r.metAfter)}</td>
              <td className={`n delta ${r.better === null ? '' : r.better ? 'better' : 'worse'}`} title={r.direction ? t(`compareView.direction.${r.direction}`) : ''}>
                <span aria-hidden="true">{r.direction ? ARROW[r.direction] : ''}</span> {changeText(r)}
              </td>
              <td>{r.indicator.target ? targetText(t, lang, r.unit, r.indicator.target) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
