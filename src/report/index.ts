// The audit report (report-cli.md): renderReport(input, options) → a standalone HTML document.
// The app previews and prints it; `npm run report` writes it as HTML or prints it to PDF.
// Hosts with a prepared audit compute the community maps' gaps with reportGaps(ctx, result, pages).
export { renderReport } from './renderReport';
export type { ReportInput, ReportOptions, ReportLayer } from './context';
export { reportGaps, worstGap, pageIndices, type CommunityGap, type GapTarget, type WorstGap, type ReportPages } from './gaps';
export { shortfall, coverageBasisOf, type Shortfall } from './shortfall';
export { rankFailing } from './gapList';
export { REPORT_FONT_FAMILY, codePointsOf, fontFaceCss, parseFontsourceCss, parseUnicodeRange, slicesFor, type EmbeddedFont, type FontSlice } from './fonts';
export { escapeHtml } from './html';
