// The detail panel's side-by-side figures: for the selected community, each coverage rule's share
// by straight line and by walking network ("直线 92% · 步行 61%"), the current mode underlined.
import { useTranslation } from 'react-i18next';
import type { DistanceMode, RulePreset } from '../../engine/types';
import { formatSharePercent } from '../../text/format';
import type { CompareResult } from '../../planning/whatIf/networkSession';
import { compareRows } from './compareRows';
import { registerNetworkStrings } from './networkStrings';
import './network.css';

interface Props {
  compare: CompareResult | null;
  busy: boolean;
  preset: RulePreset;
  mode: DistanceMode;
  error?: string | null;
}

export function ModeComparison({ compare, busy, preset, mode, error }: Props) {
  registerNetworkStrings();
  const { t } = useTranslation();
  const rows = compare ? compareRows(preset, compare.euclidean, compare.network) : [];
  const share = (v: number | null, threshold: number, m: DistanceMode) => (
    <span className={`${v !== null && v + 1e-9 < threshold ? 'bad' : ''} ${m === mode ? 'cur' : ''}`}>{v === null ? '—' : `${formatSharePercent(v)}%`}</span>
  );
  return (
    <section className="mode-compare" data-testid="mode-compare" aria-busy={busy}>
      <h3>{t('networkUi.compare.title')}</h3>
      {error && <p className="warn" role="alert">{t('networkUi.error.worker', { message: error })}</p>}
      {busy && !compare && <p className="muted">{t('networkUi.compare.busy')}</p>}
      {compare && !compare.network && <p className="muted">{t('networkUi.compare.noRoads')}</p>}
      {compare && (
        <table>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="compare-row" data-key={r.key} data-euclidean={r.euclidean} data-network={r.network ?? ''}>
                <th>{r.kind === 'lifeCircle' ? `${t('tier.label', { minutes: preset.tiers[r.tier!]?.minutes ?? r.tier })} ${t(`category.${r.category}`)}` : t(`networkUi.compare.${r.kind}`)}</th>
                <td className="pair">
                  {t('networkUi.compare.euclidean')} {share(r.euclidean, r.threshold, 'euclidean')} · {t('networkUi.compare.network')} {share(r.network, r.threshold, 'network')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {compare?.network && <p className="note">{t('networkUi.compare.note')}{busy ? ` ${t('networkUi.compare.busy')}` : ''}</p>}
    </section>
  );
}
