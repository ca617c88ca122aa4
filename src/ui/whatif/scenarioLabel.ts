// A scenario's name as shown: a default name (the scenario's defaultIndex) in the UI's language
// (方案 N / Scenario N), a name the user typed exactly as typed.
import type { Scenario } from '../../planning/scenario';

export function scenarioLabel(s: Pick<Scenario, 'name' | 'defaultIndex'>, t: (key: string, o?: Record<string, unknown>) => string): string {
  return s.defaultIndex ? t('whatIf.newName', { n: s.defaultIndex }) : s.name;
}
