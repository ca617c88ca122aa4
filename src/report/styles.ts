// Print styles of the report: A4 portrait, page numbers in the bottom margin, no table row split
// across pages, headings kept with what follows, each community on a page of its own. On screen
// (the app's preview) the same document reads as a column of A4 width.
import { REPORT_FONT_FAMILY } from './fonts';

/** A CSS string literal of any text: each character outside letters, digits and plain punctuation
 *  as a hex escape, so nothing in it can end the string, the rule or the <style> element. */
export function cssString(text: string): string {
  return `"${text.replace(/[^\p{L}\p{N} .,:;!?()（）·、，。：；_/%-]/gu, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `)}"`;
}

/** The report's style sheet; `title` runs in the top margin of every page but the cover. */
export function reportCss(title: string): string {
  return `
@page { size: A4 portrait; margin: 16mm 15mm 17mm 15mm;
  @top-left { content: ${cssString(title)}; font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 7.5pt; color: #8a939e; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: counter(page) " / " counter(pages); font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 8pt; color: #6b7480; } }
@page :first { @top-left { content: none; } @bottom-center { content: none; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 9.5pt; line-height: 1.55; color: #1c2430; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 12mm 15mm; background: #fff; } }
h1, h2, h3 { font-weight: 700; line-height: 1.3; break-after: avoid; page-break-after: avoid; }
h2 { font-size: 15pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #1c2430; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
p { margin: 0 0 2.5mm; }
ul { margin: 0 0 3mm; padding-left: 5mm; }
.note { color: #5b6470; font-size: 8pt; }
.est { display: inline-block; margin-left: 1mm; padding: 0 1mm; font-size: 7pt; line-height: 1.4; color: #8a5a00; border: 0.6pt solid #d9a640; border-radius: 1mm; vertical-align: 0.3mm; white-space: nowrap; }
.chapter, .community-page { break-before: page; page-break-before: always; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: 700; background: #eef1f4; border-bottom: 0.8pt solid #9aa6b3; padding: 1.2mm 1.5mm; }
td { border-bottom: 0.4pt solid #d5dbe1; padding: 1.1mm 1.5mm; vertical-align: top; }
.n { text-align: right; white-space: nowrap; }
.c-rule { width: 30%; } .c-std { width: 28%; } .c-dist { width: 24%; } .c-tier { width: 12%; }
.c-figure { width: 31%; } .c-value { width: 14%; } .c-standard { width: 13%; } .c-category { width: 25%; } .c-share { width: 17%; } 
td.gapcell { font-size: 8pt; }
td.source { font-size: 7.5pt; color: #3d4650; }
.keep { break-inside: avoid; page-break-inside: avoid; }

/* cover */
.cover { min-height: 250mm; display: flex; flex-direction: column; padding-top: 38mm; }
.cover-kicker { font-size: 10pt; letter-spacing: 0.5pt; color: #5b6470; border-top: 3pt solid #c0392b; padding-top: 3mm; width: 100%; }
.cover-title { font-size: 25pt; margin: 6mm 0 3mm; }
.cover-date { font-size: 11pt; color: #3d4650; margin-bottom: 14mm; }
.facts, .params { margin: 0; }
.facts div, .params div { display: flex; gap: 4mm; padding: 1.8mm 0; border-bottom: 0.4pt solid #d5dbe1; }
.facts dt, .params dt { flex: 0 0 34mm; color: #5b6470; }
.facts dd, .params dd { margin: 0; flex: 1; }
.cover-note { margin-top: auto; font-size: 8pt; color: #5b6470; }

/* summary */
.cards { display: flex; gap: 3mm; margin: 2mm 0 4mm; }
.card { flex: 1; border: 0.8pt solid #c9d1d9; border-radius: 1.5mm; padding: 2.5mm 3mm; }
.card-value { font-size: 17pt; font-weight: 700; line-height: 1.2; }
.card-label { font-size: 8.5pt; color: #5b6470; }
.card.fail .card-value { color: #b03326; } .card.pass .card-value { color: #2d7a3e; }

/* maps */
.map-figure { margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }
svg.map { display: block; width: 100%; height: auto; border: 0.6pt solid #9aa6b3; font-family: '${REPORT_FONT_FAMILY}', sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 1mm 5mm; list-style: none; padding: 0; margin: 1.5mm 0 0; font-size: 8pt; }
.legend li { display: flex; align-items: center; gap: 1.2mm; }
svg.sw { width: 3.6mm; height: 3.6mm; flex: none; }
.map-caption { font-size: 7pt; color: #6b7480; margin: 1mm 0 0; }
.rank-index { columns: 4; column-gap: 5mm; list-style: none; padding: 0; font-size: 8.5pt; }
.rank-index li { break-inside: avoid; margin-bottom: 0.8mm; }
.rank-index .rank { margin-right: 1.5mm; font-size: 7.5pt; min-width: 5mm; }

/* gap list and community pages */
.gap { break-inside: avoid; page-break-inside: avoid; margin-bottom: 4mm; }
.gap h3, .community-name { display: flex; align-items: baseline; gap: 2mm; flex-wrap: wrap; }
.rank { display: inline-block; min-width: 6mm; text-align: center; color: #fff; background: #c0392b; border-radius: 3mm; padding: 0 1.5mm; font-size: 9pt; }
.id { font-size: 8pt; font-weight: 400; color: #6b7480; }
.meta { color: #3d4650; font-size: 8.5pt; margin-bottom: 1.5mm; }
.meta .sep { color: #9aa6b3; }
.qual-inline { margin-left: 1.5mm; color: #3d4650; }
.qual-cont { padding-left: 4mm; color: #3d4650; }
table.failures tr.cont td { border-top: none; }
table.failures td { padding-top: 0.7mm; padding-bottom: 0.7mm; }
.badge { font-size: 8.5pt; font-weight: 700; padding: 0.3mm 2mm; border-radius: 1mm; }
.badge.fail { color: #fff; background: #c0392b; } .badge.pass { color: #fff; background: #2d7a3e; }
td.verdict, th.verdict { width: 15mm; text-align: center; white-space: nowrap; }
td.verdict.pass { color: #2d7a3e; } td.verdict.fail { color: #b03326; font-weight: 700; } td.verdict.off { color: #9aa6b3; }
tr.mapped td { background: #fbeae7; }
.community-page table.figures { margin-bottom: 2mm; }
.community-page table.figures td { padding: 0.6mm 1.5mm; line-height: 1.4; }
.community-page table.figures th { padding: 0.9mm 1.5mm; }
.tag { margin-left: 1.5mm; font-size: 7pt; color: #b03326; border: 0.5pt solid #e3a59c; border-radius: 1mm; padding: 0 0.8mm; white-space: nowrap; }
.six-ones { font-size: 8.5pt; margin-bottom: 2mm; }
.six-title { font-weight: 700; background: #eef1f4; border-bottom: 0.8pt solid #9aa6b3; padding: 0.9mm 1.5mm; }
.six-ones ul { list-style: none; padding: 1mm 0 0; margin: 0; display: flex; flex-wrap: wrap; gap: 1mm 5mm; }
.six-ones li b { font-weight: 700; margin-left: 1.2mm; }
.six-ones li.pass b { color: #2d7a3e; } .six-ones li.fail b { color: #b03326; }
td.file { word-break: break-all; }
.indicators-page { break-before: page; page-break-before: always; }
table.indicators td.pass { color: #2d7a3e; } table.indicators td.fail { color: #b03326; font-weight: 700; }
table.indicators td.source { font-size: 7.5pt; color: #3d4652; }
table.indicators .sentence { color: #5b6470; }
table.by-street th { white-space: normal; font-size: 7.5pt; }
ul.definitions { font-size: 8pt; padding-left: 4mm; } ul.definitions li { margin-bottom: 0.8mm; break-inside: avoid; }
`;
}
