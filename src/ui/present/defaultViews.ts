// The presentation sequence when the planner has not prepared one: the whole area as it is, then
// the communities with the largest gaps (the report's gap-list order), at most three.
import type { AuditResult } from '../../engine/types';
import type { PresentationView } from '../../planning/presentation';
import type { Project } from '../../planning/project';
import { rankFailing } from '../../report/gapList';
import type { Translate } from '../../text/ruleText';

export const DEFAULT_COMMUNITIES = 3;

export function placeName(project: Project, lang: 'zh' | 'en'): string {
  // The demo's name carries a "(synthetic)" note; the title keeps it: residents must not take it for a real place.
  return project.dataset.name[lang] || project.dataset.name.zh;
}

export function defaultViews(project: Project, result: AuditResult | null, t: Translate, lang: 'zh' | 'en'): PresentationView[] {
  const views: PresentationView[] = [{ kind: 'overview', title: t('presentUi.overviewTitle', { place: placeName(project, lang) }) }];
  if (!result || result.communities.length !== project.layers.communities.length) return views;
  for (const i of rankFailing(result.communities).slice(0, DEFAULT_COMMUNITIES)) {
    const c = project.layers.communities[i];
    views.push({ kind: 'community', communityId: c.id, title: c.name });
  }
  return views;
}
