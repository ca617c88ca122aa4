// The planner's presentation sequence: pure updaters over a list of titled views, kept in the project.
import { describe, expect, it } from 'vitest';
import { addView, moveView, playableViews, removeView, retitleView, savedPresentation, setPresentation, type PresentationView } from '../../src/planning/presentation';
import { emptyLayers, newProject } from '../../src/planning/project';

const overview: PresentationView = { kind: 'overview', title: '全区现状' };
const a: PresentationView = { kind: 'community', communityId: 'A', title: '甲社区' };
const b: PresentationView = { kind: 'community', communityId: 'B', title: '乙社区' };
const cam: PresentationView = { kind: 'camera', bounds: [119.9, 31.7, 120, 31.8], title: '北片' };

describe('presentation sequence', () => {
  it('adds, removes, reorders and retitles views', () => {
    let v = addView([], overview);
    v = addView(v, b);
    v = addView(v, a, 1);
    expect(v.map((x) => x.title)).toEqual(['全区现状', '甲社区', '乙社区']);
    v = moveView(v, 2, 0);
    expect(v.map((x) => x.title)).toEqual(['乙社区', '全区现状', '甲社区']);
    v = retitleView(v, 0, '乙社区：缺幼儿园');
    expect(v[0]).toEqual({ kind: 'community', communityId: 'B', title: '乙社区：缺幼儿园' });
    v = removeView(v, 1);
    expect(v.map((x) => x.title)).toEqual(['乙社区：缺幼儿园', '甲社区']);
  });

  it('returns the same list when nothing changes', () => {
    const v = [overview, a];
    expect(moveView(v, 0, 0)).toBe(v);
    expect(moveView(v, 0, 5)).toBe(v);
    expect(removeView(v, 7)).toBe(v);
    expect(retitleView(v, 1, '甲社区')).toBe(v);
  });

  it('is kept in the project, and forgetting it brings back the default', () => {
    const p = newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, emptyLayers(), 'national-2022');
    expect(savedPresentation(p)).toBeNull();
    const q = setPresentation(p, [overview, cam]);
    expect(savedPresentation(q)).toEqual([overview, cam]);
    expect(p.presentation).toBeUndefined();
    // Survives the structured clone the app's storage uses.
    expect(savedPresentation(structuredClone(q))).toEqual([overview, cam]);
    const r = setPresentation(q, null);
    expect(savedPresentation(r)).toBeNull();
    expect('presentation' in r).toBe(false);
    expect(setPresentation(r, null)).toBe(r);
  });

  it('leaves out communities that are no longer in the data', () => {
    expect(playableViews([overview, a, b, cam], new Set(['B']))).toEqual([overview, b, cam]);
  });
});
