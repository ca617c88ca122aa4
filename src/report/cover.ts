// The cover (report-cli.md §1: title, date, preset, distance mode and tiers, coverage basis) and the
// standards section: every rule of the preset with its threshold and its source, the tiers with
// their distances and required facilities, and the other parameters.
import type { RuleId } from '../engine/types';
import { presetDocuments, ruleCitation } from '../engine/citation';
import { categoryName, figure, households, m2, metres, num, thresholdPct, tierDistance, type ReportContext } from './context';
import { coverageBasisOf } from './shortfall';
import { html, type Html } from './html';

/** "2026年5月3日" / "3 May 2026" from YYYY-MM-DD (other text is shown as given). */
export function formatDate(date: string, lang: 'zh' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'zh') return `${y}年${mo}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[mo - 1] ?? mo} ${y}`;
}

/** How distances were measured, in words. */
export function distanceModeText(ctx: ReportContext): string {
  const p = ctx.result.parameters;
  return p.mode === 'network' ? ctx.t('params.modeNetwork') : ctx.t('params.modeEuclidean', { factor: num(ctx, p.detourFactor, p.detourFactor % 1 ? 2 : 0) });
}

/** The coverage basis of the run: one basis, or how many communities used each. */
export function coverageBasisText(ctx: ReportContext): string {
  const counts = new Map<string, number>();
  for (const c of ctx.result.communities) counts.set(coverageBasisOf(c), (counts.get(coverageBasisOf(c)) ?? 0) + 1);
  if (counts.size <= 1) return ctx.t(`basis.${[...counts.keys()][0] ?? 'community-area'}`);
  return [...counts].map(([b, n]) => ctx.t('basis.count', { basis: ctx.t(`basis.${b}`), count: n })).join(ctx.t('common.listSeparator'));
}

export function tiersText(ctx: ReportContext): string {
  return Object.keys(ctx.result.parameters.tiers)
    .sort((a, b) => Number(a) - Number(b))
    .map((tier) => ctx.t('params.tierDistance', { tier: ctx.t('tier.label', { minutes: ctx.preset.tiers[tier]?.minutes ?? tier }), distance: metres(ctx, tierDistance(ctx, tier) ?? 0) }))
    .join(ctx.t('common.listSeparator'));
}

export function cover(ctx: ReportContext): Html {
  const s = ctx.result.summary;
  const facts: [string, string][] = [
    [ctx.t('cover.preset'), `${ctx.preset.name[ctx.lang]} (${ctx.preset.id})`],
    [ctx.t('cover.mode'), distanceModeText(ctx)],
    [ctx.t('cover.tiers'), tiersText(ctx)],
    [ctx.t('cover.basis'), coverageBasisText(ctx)],
    [ctx.t('cover.scope'), ctx.t('cover.scopeValue', { communities: num(ctx, s.communities), households: households(ctx, s.households) })],
    [ctx.t('cover.result'), ctx.t('cover.resultValue', { failing: num(ctx, s.failing), passing: num(ctx, s.communities - s.failing) })],
  ];
  return html`<section class="cover">
<div class="cover-kicker">${ctx.t('cover.kicker')}</div>
<h1 class="cover-title">${ctx.title}</h1>
<p class="cover-date">${formatDate(ctx.date, ctx.lang)}</p>
<dl class="facts">${facts.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
<p class="cover-note">${ctx.t('cover.note')}</p>
</section>`;
}

/** The threshold of one rule in words, e.g. "≥ 30 m²/百户（农村 ≥ 20 m²/百户）". */
export function ruleStandard(ctx: ReportContext, id: RuleId): string {
  const r = ctx.preset.rules;
  const t = ctx.t;
  switch (id) {
    case 'areaPer100Households': {
      const base = t('standard.atLeast', { value: t('unit.m2per100', { value: figure(ctx, r.areaPer100Households.threshold) }) });
      const rural = r.areaPer100Households.ruralThreshold;
      return rural !== undefined && rural !== r.areaPer100Households.threshold
        ? t('standard.withRural', { base, rural: t('standard.atLeast', { value: t('unit.m2per100', { value: figure(ctx, rural) }) }) })
        : base;
    }
    case 'stationMinArea':
      return t('standard.urbanRural', { urban: t('standard.atLeast', { value: m2(ctx, r.stationMinArea.urban) }), rural: t('standard.atLeast', { value: m2(ctx, r.stationMinArea.rural) }) });
    case 'greenCoverage':
      return t('standard.coverage', { distance: metres(ctx, r.greenCoverage.distance_m), what: t('standard.green'), share: thresholdPct(ctx, r.greenCoverage.threshold) });
    case 'parkCoverage':
      return t('standard.coverage', { distance: metres(ctx, r.parkCoverage.distance_m), what: t('standard.park'), share: thresholdPct(ctx, r.parkCoverage.threshold) });
    case 'lifeCircle':
      return t('standard.lifeCircle', { share: thresholdPct(ctx, r.lifeCircle.threshold) });
    case 'sixOnes':
      return t('standard.sixOnes', {
        tier: t('tier.label', { minutes: ctx.preset.tiers[r.sixOnes.tier]?.minutes ?? r.sixOnes.tier }),
        share: thresholdPct(ctx, r.sixOnes.threshold),
        groups: r.sixOnes.groups.map((g) => g.label[ctx.lang]).join(t('common.listSeparator')),
      });
    case 'outdoorVenue':
      return t('standard.atLeast', { value: m2(ctx, r.outdoorVenue.minArea) });
    case 'perCapitaPark':
      return t('standard.atLeast', { value: t('unit.m2perPerson', { value: figure(ctx, r.perCapitaPark.m2PerPerson) }) });
    case 'perCapitaSports':
      return t('standard.atLeast', { value: t('unit.m2perPerson', { value: figure(ctx, r.perCapitaSports.m2PerPerson) }) });
    case 'healthPer1000':
      return t('standard.atLeast', { value: t('unit.m2per1000', { value: figure(ctx, r.healthPer1000.m2Per1000) }) });
    case 'communitySize':
      return t('standard.range', { min: num(ctx, r.communitySize.min), max: households(ctx, r.communitySize.max) });
  }
}

export function standardsSection(ctx: ReportContext): Html {
  const t = ctx.t;
  const rules = Object.keys(ctx.preset.rules) as RuleId[];
  const resettlement = ctx.input.dataset.communities.some((c) => c.resettlement === true);
  const shown = rules.filter((id) => ctx.preset.rules[id].enabled || resettlement);
  const tiers = Object.keys(ctx.preset.requiredByTier).sort((a, b) => Number(a) - Number(b));
  const p = ctx.result.parameters;
  return html`<section class="chapter">
<h2>${t('standards.heading')}</h2>
<p>${t('standards.intro', { preset: ctx.preset.name[ctx.lang], id: ctx.preset.id })}</p>
<table class="rules">
<thead><tr><th class="c-rule">${t('standards.rule')}</th><th class="c-std">${t('standards.standard')}</th><th>${t('standards.source')}</th></tr></thead>
<tbody>${shown.map((id) => html`<tr><td>${t(`rule.${id}`)}${ctx.preset.rules[id].enabled ? '' : html`<div class="note">${t('standards.resettlementOnly')}</div>`}</td><td>${ruleStandard(ctx, id)}</td><td class="source">${ruleCitation(ctx.preset, id, ctx.lang)}</td></tr>`)}</tbody>
</table>
<div class="keep"><h3>${t('standards.tiersHeading')}</h3>
<table class="tiers">
<thead><tr><th class="c-rule">${t('standards.tier')}</th><th class="c-dist">${t('standards.distance')}</th><th>${t('standards.required')}</th></tr></thead>
<tbody>${tiers.map((tier) => {
    const spec = ctx.preset.tiers[tier];
    const d = tierDistance(ctx, tier);
    const dist = d === undefined ? '—'
      : p.mode === 'euclidean' && p.detourFactor !== 1 && spec
        ? t('standards.detour', { walk: metres(ctx, spec.distance_m), factor: num(ctx, p.detourFactor, 2), straight: metres(ctx, Math.round(d)) })
        : metres(ctx, d);
    return html`<tr><td>${spec ? spec.level[ctx.lang] : tier}</td><td>${dist}</td><td>${ctx.preset.requiredByTier[tier].map((c) => categoryName(ctx, c)).join(t('common.listSeparator'))}</td></tr>`;
  })}</tbody>
</table></div>
<div class="keep"><h3>${t('standards.paramsHeading')}</h3>
<dl class="params">
<div><dt>${t('cover.mode')}</dt><dd>${distanceModeText(ctx)}</dd></div>
<div><dt>${t('cover.basis')}</dt><dd>${coverageBasisText(ctx)}</dd></div>
<div><dt>${t('params.persons')}</dt><dd>${t('params.personsValue', { value: num(ctx, p.personsPerHousehold, 1) })}</dd></div>
${resettlement ? html`<div><dt>${t('params.resettlement')}</dt><dd>${t('params.resettlementValue')}</dd></div>` : ''}
</dl>
<p class="note">${t('standards.presetSource', { source: presetDocuments(ctx.preset, ctx.lang).join(t('common.docSeparator')) })}</p></div>
</section>`;
}
