// A scenario's name as the what-if panel shows it: a default name in the UI's language (方案 2 /
// Scenario 2), a typed name as typed even when it reads like a default name.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { createScenario, readScenario, renameScenario, type Scenario } from '../../../src/planning/scenario';
import { registerWhatIfStrings } from '../../../src/ui/whatif/whatIfStrings';
import { scenarioLabel } from '../../../src/ui/whatif/scenarioLabel';

describe('scenarioLabel', () => {
  it('default names follow the UI language; typed names stay as typed', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'zh', fallbackLng: 'zh', resources: { zh: { translation: {} }, en: { translation: {} } } });
    registerWhatIfStrings(i);
    const t = i.t.bind(i) as (k: string, o?: Record<string, unknown>) => string;
    let list = createScenario([], { defaultIndex: 2 });
    list = createScenario(list, 'Plan B');
    list = createScenario(list, '临时');
    // The user typed exactly "方案 3": a name, not a default.
    list = renameScenario(list, list[2].id, '方案 3');
    expect(list.map((s) => scenarioLabel(s, t))).toEqual(['方案 2', 'Plan B', '方案 3']);
    await i.changeLanguage('en');
    expect(list.map((s) => scenarioLabel(s, t))).toEqual(['Scenario 2', 'Plan B', '方案 3']);
    // An older save's default name, read by the tolerant reader, follows the language too.
    const old = readScenario({ id: 's-x', name: '方案 5', edits: [] } as Scenario);
    expect(scenarioLabel(old, t)).toBe('Scenario 5');
  });
});
