// The audit report as the app renders it: the same renderReport HTML as `npm run report`, with the
// community maps' gaps from the engine worker and the same embedded Noto Sans SC slices.
import type { AuditResult, RulePreset } from '../../engine/types';
import type { Project } from '../../planning/project';
import { codePointsOf, renderReport, type ReportOptions, type ReportPages } from '../../report/index';
import type { CommunityGap } from '../../report/gaps';
import type { EngineClient } from '../../worker/engineClient';
import { browserReportFonts } from './reportFontsBrowser';

export interface PreviewRequest {
  project: Project;
  result: AuditResult;
  preset: RulePreset;
  lang: 'zh' | 'en';
  pages: ReportPages;
}

/** The data's own attribution: the dataset's name, marked made-up for the demo district. */
function attribution(project: Project, lang: 'zh' | 'en'): string[] {
  const name = project.dataset.name[lang] || project.dataset.name.zh;
  if (project.dataset.source === 'demo' || project.dataset.source === 'sample') return [lang === 'zh' ? `${name}：合成数据，非真实地点` : `${name}: made-up data, no real place`];
  return [name];
}

export async function renderPreview(req: PreviewRequest, engine: EngineClient | null): Promise<string> {
  const gaps: Record<string, CommunityGap> = engine ? await engine.reportGaps(req.result, req.pages) : {};
  const { layers } = req.project;
  const options: ReportOptions = {
    lang: req.lang,
    pages: req.pages,
    place: req.project.dataset.source === 'import' ? undefined : req.project.dataset.name,
    attribution: attribution(req.project, req.lang),
  };
  const input = { result: req.result, dataset: { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads }, preset: req.preset, gaps };
  // Render once to learn the characters used, fetch those font slices, then render with them.
  let codePoints = new Set<number>();
  const plain = renderReport(input, { ...options, fonts: (cps) => { codePoints = cps; return []; } });
  for (const cp of codePointsOf(plain.replace(/<[^>]*>/g, ''))) codePoints.add(cp);
  const fonts = await browserReportFonts(codePoints);
  return renderReport(input, { ...options, fonts });
}
