// The audit report as one standalone HTML document (report-cli.md): cover, standards, summary,
// overview map, ranked gap list, one page per community on request, appendix. Pure: no DOM, no
// Node; the command line prints it to PDF with Chromium, the app previews and prints the same string.
import { createContext, type ReportInput, type ReportOptions } from './context';
import { cover, standardsSection } from './cover';
import { summarySection } from './summary';
import { overviewMap } from './maps';
import { gapListSection, rankFailing } from './gapList';
import { communityPage } from './communityPage';
import { appendixSection } from './appendix';
import type { ReportPages } from './gaps';
import { codePointsOf, fontFaceCss } from './fonts';
import { reportCss } from './styles';
import { html } from './html';

/** Community pages: the failing ones in gap-list order, then (with `all`) the passing ones in data order. */
function pageOrder(pages: ReportPages, ranking: number[], n: number): number[] {
  if (pages === 'none') return [];
  if (pages === 'failing') return ranking;
  const failing = new Set(ranking);
  return [...ranking, ...Array.from({ length: n }, (_, i) => i).filter((i) => !failing.has(i))];
}

export function renderReport(input: ReportInput, options: ReportOptions = {}): string {
  const ctx = createContext(input, options);
  const t = ctx.t;
  const ranking = rankFailing(ctx.result.communities);
  const ranks = new Map(ranking.map((i, k) => [i, k + 1]));
  const body = html`<body>
${cover(ctx)}
${standardsSection(ctx)}
${summarySection(ctx)}
<section class="chapter">
<h2>${t('map.heading')}</h2>
${overviewMap(ctx, ranks)}
</section>
${gapListSection(ctx, ranking)}
${pageOrder(ctx.pages, ranking, ctx.result.communities.length).map((i) => communityPage(ctx, i, input.gaps?.[ctx.result.communities[i].id]))}
${appendixSection(ctx)}
</body>`;
  const head = html`<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="LifeCircle"><title>${ctx.title}</title>`;
  const css = reportCss(ctx.title);
  const fonts = typeof options.fonts === 'function' ? options.fonts(codePointsOf(head.value + body.value + ctx.title)) : options.fonts ?? [];
  return `<!DOCTYPE html>\n<html lang="${ctx.lang === 'zh' ? 'zh-CN' : 'en'}">\n<head>${head.value}\n<style>\n${fontFaceCss(fonts)}\n${css}</style>\n</head>\n${body.value}\n</html>\n`;
}
