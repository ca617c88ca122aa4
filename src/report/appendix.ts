// The appendix: the input layers (files, format, features, coordinate system) and how the figures
// were computed, so that a reader can check and repeat the audit.
import { num, type ReportContext } from './context';
import { html, type Html } from './html';

export function appendixSection(ctx: ReportContext): Html {
  const t = ctx.t;
  const p = ctx.result.parameters;
  const method = [
    p.mode === 'network' ? t('appendix.methodNetwork') : t('appendix.methodEuclidean'),
    t('appendix.methodCoverage'),
    t('appendix.methodHouseholds'),
    t('appendix.methodShares'),
    t('appendix.methodRanking'),
    t('appendix.methodEstimates', { persons: num(ctx, p.personsPerHousehold, 1) }),
  ];
  return html`<section class="chapter appendix">
<h2>${t('appendix.heading')}</h2>
${ctx.layers.length ? html`<h3>${t('appendix.inputs')}</h3>
<table class="inputs"><thead><tr><th>${t('appendix.layer')}</th><th>${t('appendix.file')}</th><th class="n">${t('appendix.features')}</th><th>${t('appendix.crs')}</th></tr></thead>
<tbody>${ctx.layers.map((l) => html`<tr><td>${t(`appendix.kind.${l.kind}`)}</td><td class="file">${l.files.join(', ')}<div class="note">${l.format}</div></td><td class="n">${num(ctx, l.features)}</td><td>${l.crs}</td></tr>`)}</tbody></table>` : ''}
<h3>${t('appendix.method')}</h3>
<ul>${method.map((m) => html`<li>${m}</li>`)}</ul>
<p class="note">${t('appendix.generated')}</p>
</section>`;
}
