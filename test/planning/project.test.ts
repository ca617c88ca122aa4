import { describe, expect, it } from 'vitest';
import { customPresetId, deleteCustomPreset, emptyLayers, newProject, replaceLayer, saveCustomPreset, setActivePreset } from '../../src/planning/project';
import { getPreset } from '../../src/engine/presets';
import type { Community, RulePreset } from '../../src/engine/types';

const c = (id: string): Community => ({ id, name: id, households: 100, setting: 'urban', geometry: [] });
const base = () => newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, { ...emptyLayers(), communities: [c('A')] }, 'national-2022');

describe('project updaters', () => {
  it('replaces one layer, keeps the others and bumps the version', () => {
    const p = base();
    const q = replaceLayer(p, 'communities', [c('X'), c('Y')]);
    expect(q.layers.communities.map((x) => x.id)).toEqual(['X', 'Y']);
    expect(q.layers.facilities).toBe(p.layers.facilities);
    expect(q.layerVersion).toBe(p.layerVersion + 1);
    expect(q.dataset.source).toBe('import');
    expect(p.layers.communities.map((x) => x.id)).toEqual(['A']); // original untouched
  });

  it('saves, activates and deletes a custom preset', () => {
    const preset = { ...(getPreset('national-2022') as RulePreset), id: 'custom-x' };
    let p = saveCustomPreset(base(), preset);
    expect(p.activePresetId).toBe('custom-x');
    p = saveCustomPreset(p, { ...preset, personsPerHousehold: 3.2 });
    expect(p.customPresets).toHaveLength(1);
    expect(p.customPresets[0].personsPerHousehold).toBe(3.2);
    p = deleteCustomPreset(p, 'custom-x', 'national-2022');
    expect(p.customPresets).toEqual([]);
    expect(p.activePresetId).toBe('national-2022');
    expect(setActivePreset(p, 'national-2022')).toBe(p);
  });

  it('makes unique custom preset ids', () => {
    expect(customPresetId('My Plan', [])).toBe('custom-my-plan');
    expect(customPresetId('My Plan', ['custom-my-plan'])).toBe('custom-my-plan-2');
    expect(customPresetId('眉山 加严', [])).toBe('custom-眉山-加严');
  });
});
