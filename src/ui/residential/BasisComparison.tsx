// The detail panel's side-by-side figures by coverage basis: for the selected community, each
// coverage rule's share over its residential land and over its whole area ("居住用地 92% · 社区面积 61%"),
// like the straight-line / walking comparison. The toggle lives in the heading.
import { useTranslation } from 'react-i18next';
import type { CommunityResult, RulePreset } from '../../engine/types';
import { formatSharePercent } from '../../text/format';
import { compareRows } from '../network/compareRows';
import { registerNetworkStrings } from '../network/networkStrings';
import { registerResidentialStrings } from './residentialStrings';

interface Props {
  on: boolean;
  onToggle: (on: boolean) => void;
  preset: RulePreset;
  /** The community's result on the audit's (residential) basis. */
  residential: CommunityResult;
  /** The same community on the community-area basis; null while computing. */
  area: CommunityResult | null;
}

export function BasisComparison({ on, onToggle, preset, residential, area }: Props) {
  registerResidentialStrings();
  registerNetworkStrings();
  const { t } = useTranslation();
  const rows = on && area ? compareRows(preset, residential, area) : [];
  const share = (v: number | null, threshold: number) => (
    <span className={v !== null && v + 1e-9 < threshold ? 'bad' : ''}>{v === null ? '—' : `${formatSharePercent(v)}%`}</span>
  );
  return (
    <section className="mode-compare basis-compare" data-testid="basis-compare">
      <label><input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} data-testid="toggle-compare-bases" /> {t('residentialUi.compare.toggle')}</label>
      {on && !area && <p className="muted">{t('residentialUi.compare.busy')}</p>}
      {on && area && (
        <>
          <h3>{t('residentialUi.compare.title')}</h3>
          <table>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="basis-compare-row" data-key={r.key} data-residential={r.euclidean} data-area={r.network ?? ''}>
                  <th>{r.kind === 'lifeCircle' ? `${t('tier.label', { minutes: preset.tiers[r.tier!]?.minutes ?? r.tier })} ${t(`category.${r.category}`)}` : t(`networkUi.compare.${r.kind}`)}</th>
                  <td className="pair">
                    {t('residentialUi.compare.residential')} {share(r.euclidean, r.threshold)} · {t('residentialUi.compare.area')} {share(r.network, r.threshold)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="note">{t('residentialUi.compare.note')}</p>
        </>
      )}
    </section>
  );
}
