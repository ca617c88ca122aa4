// What the comparison map shows, derived from the store: side A (the scenario compared with, or the
// base data) and side B (the current scenario), each with its name, layers, audit and gap layer,
// and the communities whose status differs between the two audits (outlined on both sides).
// Memoised on its inputs, so the view re-renders only when one of them changes.
import { datasetProjection } from '../../engine/audit';
import type { AuditResult } from '../../engine/types';
import type { ProjectLayers } from '../../planning/project';
import { scenarioData, type Edit, type Scenario } from '../../planning/scenario';
import type { Gap } from '../../worker/engine.worker';
import { selectScenarioLayers, type AppState } from '../state/appState';
import { statusChanged, type SideGaps } from '../state/comparisonState';
import { BASE_ID, currentScenario } from '../state/scenarioState';

export interface ComparisonSideData {
  /** Scenario id (BASE_ID: the base data). */
  id: string;
  /** The scenario (its name as stored; null for the base data, which the view names itself). */
  scenario: Pick<Scenario, 'name' | 'defaultIndex'> | null;
  edits: readonly Edit[];
  layers: ProjectLayers;
  result: AuditResult | null;
  gaps: Gap[] | null;
}

export interface ComparisonData {
  a: ComparisonSideData;
  b: ComparisonSideData;
  /** Communities whose status differs between A and B (both audits known), by index. */
  changed: number[];
  /** The tier and category of both sides' gap layers. */
  tier: string;
  category: AppState['ui']['category'];
}

const NO_EDITS: readonly Edit[] = [];

let layersMemo: { base: ProjectLayers; edits: readonly Edit[]; layers: ProjectLayers } | null = null;
/** The compared scenario's layers (the current one's are selectScenarioLayers'). */
function otherLayers(base: ProjectLayers, edits: readonly Edit[]): ProjectLayers {
  if (edits.length === 0) return base;
  if (layersMemo?.base !== base || layersMemo.edits !== edits) layersMemo = { base, edits, layers: scenarioData(base, edits, datasetProjection(base)) as ProjectLayers };
  return layersMemo.layers;
}

/** The edit list of the scenario compared with (none for the base data); null when it is gone. */
export function compareEdits(s: AppState): readonly Edit[] | null {
  const id = s.scenarios.compare?.otherId;
  if (id === undefined) return null;
  return id === BASE_ID ? NO_EDITS : s.scenarios.list.find((x) => x.id === id)?.edits ?? null;
}

const gapsOf = (g: SideGaps | null, key: string, result: AuditResult | null) => (g && result && g.key === key && g.result === result ? g.gaps : null);

let memo: { inputs: unknown[]; value: ComparisonData | null } | null = null;

/** The comparison as shown; null while it is closed or nothing is compared. */
export function selectComparison(s: AppState): ComparisonData | null {
  const cmp = s.scenarios.compare;
  const edits = compareEdits(s);
  const currentLayers = selectScenarioLayers(s);
  const inputs = [s.comparison, cmp?.otherId, edits, currentLayers, s.project, s.audit.result, s.scenarios.list, s.scenarios.currentId, s.ui.tier, s.ui.category];
  if (memo && memo.inputs.length === inputs.length && memo.inputs.every((x, i) => x === inputs[i])) return memo.value;
  let value: ComparisonData | null = null;
  if (s.comparison.open && cmp && edits && s.project && currentLayers) {
    const key = `${s.ui.tier}|${s.ui.category}`;
    const other = s.comparison.other;
    const n = s.project.layers.communities.length;
    const resultA = other && other.id === cmp.otherId && other.edits === edits && other.result.communities.length === n ? other.result : null;
    const resultB = s.audit.result && s.audit.result.communities.length === n ? s.audit.result : null;
    const cur = currentScenario(s.scenarios);
    value = {
      a: { id: cmp.otherId, scenario: cmp.otherId === BASE_ID ? null : s.scenarios.list.find((x) => x.id === cmp.otherId) ?? null, edits, layers: otherLayers(s.project.layers, edits), result: resultA, gaps: gapsOf(s.comparison.gaps.a, key, resultA) },
      b: { id: cur.id, scenario: cur, edits: cur.edits, layers: currentLayers, result: resultB, gaps: gapsOf(s.comparison.gaps.b, key, resultB) },
      changed: resultA && resultB ? statusChanged(resultA, resultB) : [],
      tier: s.ui.tier,
      category: s.ui.category,
    };
  }
  memo = { inputs, value };
  return value;
}
