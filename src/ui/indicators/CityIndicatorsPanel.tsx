// "How is the city doing?": the city-wide indicators before any single community, each figure
// with its target and met / not met, the situation its document reports, and which document,
// clause and sentence it answers; then one indicator per street (街道) or town, a street opening its
// communities in the table. Plain props; the store is read by workspace/IndicatorsRegion.
import { useTranslation } from 'react-i18next';
import type { IndicatorId, IndicatorsSummary } from '../../engine/types';
import { indicatorValueText, referenceText, sentencesText, shownIndicators, targetText } from '../../text/indicatorText';

interface Props {
  indicators: IndicatorsSummary;
  open: boolean;
  onToggle: () => void;
  /** The indicator of the street breakdown. */
  indicator: IndicatorId;
  onPickIndicator: (id: IndicatorId) => void;
  /** The table's street filter ('' = all). */
  street: string;
  onPickStreet: (street: string) => void;
}

function Met({ met }: { met: boolean | null }) {
  const { t } = useTranslation();
  if (met === null) return null;
  return <span className={`met ${met ? 'yes' : 'no'}`} data-met={met}>{met ? t('indicators.met') : t('indicators.notMet')}</span>;
}

export function CityIndicatorsPanel({ indicators, open, onToggle, indicator, onPickIndicator, street, onPickStreet }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const rows = shownIndicators(indicators.area);
  const chosen = rows.find((x) => x.id === indicator) ?? rows[0];
  const streets = indicators.streets.filter((s) => s.street !== '');
  return (
    <section className="city-indicators" data-testid="city-indicators" aria-labelledby="city-indicators-title">
      <div className="city-head">
        <h2 id="city-indicators-title">{t('indicators.title')}</h2>
        <button type="button" className="link" aria-expanded={open} onClick={onToggle} data-testid="city-toggle">{open ? t('indicators.fold') : t('indicators.unfold')}</button>
      </div>
      {open && (
        <>
          <p className="city-lead">{t('indicators.lead')}</p>
          <ul className="indicator-list">
            {rows.map((x) => (
              <li key={x.id} className={`indicator${x.id === chosen?.id ? ' chosen' : ''}`} data-testid="indicator" data-id={x.id} data-value={x.value ?? ''} data-met={x.met ?? ''}>
                <div className="indicator-line">
                  <span className="indicator-name">{x.name[lang]}</span>
                  <span className="indicator-value">{indicatorValueText(t, lang, x.unit, x.value)}</span>
                  <Met met={x.met} />
                </div>
                <div className="indicator-meta">
                  {x.target && <span className="indicator-target">{t('indicators.target')} {targetText(t, lang, x.unit, x.target)}</span>}
                  {x.reference && <span className="indicator-reference">{t('indicators.reference')} {referenceText(t, lang, x.unit, x.reference)}</span>}
                  {streets.length > 0 && x.value !== null && (
                    <button type="button" className="link" onClick={() => onPickIndicator(x.id)} aria-pressed={x.id === chosen?.id} data-testid="indicator-by-street">{t('indicators.byStreet')}</button>
                  )}
                </div>
                <div className="source" data-testid="indicator-source">{t('indicators.source')}{lang === 'zh' ? '：' : ': '}{x.source[lang]}</div>
                {x.sentences.length > 0 && <div className="indicator-sentence" data-testid="indicator-sentence">{t('indicators.sentence')}{lang === 'zh' ? '：' : ': '}{sentencesText(x.sentences, lang)}</div>}
                <details className="indicator-definition"><summary>{t('indicators.definition')}</summary>{x.definition[lang]}</details>
              </li>
            ))}
          </ul>
          {streets.length > 0 && chosen && (
            <div className="street-breakdown" data-testid="street-breakdown" data-indicator={chosen.id}>
              <h3>{t('indicators.byStreetOf', { name: chosen.name[lang] })}</h3>
              <table>
                <thead><tr><th>{t('indicators.street')}</th><th className="n">{t('indicators.communities')}</th><th className="n">{t('indicators.value')}</th><th>{chosen.target ? targetText(t, lang, chosen.unit, chosen.target) : ''}</th></tr></thead>
                <tbody>
                  {streets.map((s) => {
                    const f = s.values[chosen.id];
                    return (
                      <tr key={s.street} className={s.street === street ? 'active' : ''} data-testid="street-row" data-street={s.street} data-value={f?.value ?? ''}>
                        <td><button type="button" className="link" onClick={() => onPickStreet(s.street === street ? '' : s.street)} title={t('indicators.showInTable')}>{s.street}</button></td>
                        <td className="n">{s.communities}</td>
                        <td className="n">{indicatorValueText(t, lang, chosen.unit, f?.value ?? null)}</td>
                        <td><Met met={f?.met ?? null} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="source">{t('indicators.streetNote')}</p>
            </div>
          )}
          {streets.length === 0 && <p className="source">{t('indicators.noStreets')}</p>}
        </>
      )}
    </section>
  );
}
