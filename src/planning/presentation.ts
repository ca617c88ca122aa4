// The presentation a planner prepares for a residents' meeting: an ordered list of titled views
// (the whole area as it is, picked communities with their life circles and gaps, saved map views),
// kept in the project so that it is saved with it. Pure updaters; an updater that changes nothing
// returns the same list.
import type { Project } from './project';

/** [west, south, east, north] in lon/lat. */
export type Bounds = [number, number, number, number];

export type PresentationView =
  | { kind: 'overview'; title: string }
  | { kind: 'community'; communityId: string; title: string }
  | { kind: 'camera'; bounds: Bounds; title: string };

/** The planner's saved sequence, or null when none was prepared (the app then offers a default). */
export function savedPresentation(p: Project): PresentationView[] | null {
  return p.presentation ?? null;
}

/** The project with this sequence (null forgets it: back to the default). */
export function setPresentation(p: Project, views: PresentationView[] | null): Project {
  if ((p.presentation ?? null) === views) return p;
  if (views === null) {
    const { presentation: _dropped, ...rest } = p;
    return rest;
  }
  return { ...p, presentation: views };
}

export function addView(views: PresentationView[], view: PresentationView, at = views.length): PresentationView[] {
  const i = Math.max(0, Math.min(views.length, at));
  return [...views.slice(0, i), view, ...views.slice(i)];
}

export function removeView(views: PresentationView[], index: number): PresentationView[] {
  return index < 0 || index >= views.length ? views : views.filter((_, i) => i !== index);
}

/** Moves the view at `from` to position `to` (the others keep their order). */
export function moveView(views: PresentationView[], from: number, to: number): PresentationView[] {
  if (from < 0 || from >= views.length || to < 0 || to >= views.length || from === to) return views;
  const out = views.slice();
  const [v] = out.splice(from, 1);
  out.splice(to, 0, v);
  return out;
}

export function retitleView(views: PresentationView[], index: number, title: string): PresentationView[] {
  const v = views[index];
  if (!v || v.title === title) return views;
  const out = views.slice();
  out[index] = { ...v, title };
  return out;
}

/** Views whose community is no longer in the data (replaced by an import) are dropped from the show. */
export function playableViews(views: PresentationView[], communityIds: ReadonlySet<string>): PresentationView[] {
  return views.filter((v) => v.kind !== 'community' || communityIds.has(v.communityId));
}
