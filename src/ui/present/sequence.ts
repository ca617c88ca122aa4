// The sequence presentation mode plays: the planner's saved views, else the default ones, without
// views of communities that are no longer in the data.
import type { AuditResult } from '../../engine/types';
import { playableViews, savedPresentation, type PresentationView } from '../../planning/presentation';
import type { Project } from '../../planning/project';
import type { Translate } from '../../text/ruleText';
import { defaultViews } from './defaultViews';

export function editableSequence(project: Project, result: AuditResult | null, t: Translate, lang: 'zh' | 'en'): { views: PresentationView[]; isDefault: boolean } {
  const saved = savedPresentation(project);
  return saved ? { views: saved, isDefault: false } : { views: defaultViews(project, result, t, lang), isDefault: true };
}

export function playableSequence(project: Project, result: AuditResult | null, t: Translate, lang: 'zh' | 'en'): PresentationView[] {
  return playableViews(editableSequence(project, result, t, lang).views, new Set(project.layers.communities.map((c) => c.id)));
}
