// `tsx scripts/demo/auditDemo.ts [seed] [preset] [euclidean|network] [--list] [--compare-bases]`:
// generates the demo district in memory, audits it with the engine and prints the failure mix by
// rule and by designed defect, to check that roughly a third of communities fail, for different
// reasons. `--compare-bases` also audits without the residential layer (community-area basis) and
// lists the communities whose status or failures change between the bases.
import { pathToFileURL } from 'node:url';
import { auditDataset } from '../../src/engine/audit';
import { getPreset } from '../../src/engine/presets';
import { centerOf, createLocalProjection } from '../../src/engine/geo/localProjection';
import { createNetworkReach } from '../../src/engine/network/networkReach';
import type { AuditResult, DistanceMode } from '../../src/engine/types';
import type { DemoDistrict } from './generate';
import { generateDemo } from './generate';

export interface FailureMix {
  communities: number;
  failing: number;
  byRule: Record<string, number>;
  /** Failing communities by the generator's design: defect name, 'noParkArea', 'rural', or 'other'. */
  byCause: Record<string, number>;
}

export function failureMix(demo: DemoDistrict, result: AuditResult): FailureMix {
  const byRule: Record<string, number> = {};
  const byCause: Record<string, number> = {};
  for (const c of result.communities) {
    if (c.status !== 'fail') continue;
    const keys = new Set(c.failures.map((f) => (f.rule === 'lifeCircle' ? `lifeCircle:${f.tier}:${f.category}` : f.rule === 'sixOnes' ? `sixOnes:${f.group}` : f.rule)));
    for (const k of keys) byRule[k] = (byRule[k] ?? 0) + 1;
    const cause = demo.meta.design.defects[c.id] ?? (c.setting === 'rural' ? 'rural' : c.failures.every((f) => f.rule === 'parkCoverage') ? 'no park area' : c.failures.every((f) => f.rule === 'parkCoverage' || f.rule === 'greenCoverage') ? 'no green area' : 'other');
    byCause[cause] = (byCause[cause] ?? 0) + 1;
  }
  return { communities: result.communities.length, failing: result.summary.failing, byRule, byCause };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seed = process.argv[2] ? Number(process.argv[2]) : undefined;
  const preset = getPreset(process.argv[3] ?? 'national-2022');
  if (!preset) throw new Error(`unknown preset ${process.argv[3]}`);
  const mode = (process.argv[4] ?? 'euclidean') as DistanceMode;
  const t0 = performance.now();
  const demo = generateDemo(seed);
  const t1 = performance.now();
  // Network mode: the same local projection the audit's preparation uses (as scripts/audit.ts does).
  const reach = mode === 'network'
    ? createNetworkReach(demo.dataset.roads, createLocalProjection(centerOf(demo.dataset.communities.flatMap((c) => c.geometry.flat(2)))))
    : undefined;
  const result = auditDataset(demo.dataset, preset, { mode, reach });
  const t2 = performance.now();
  const mix = failureMix(demo, result);
  console.log(`generate ${Math.round(t1 - t0)} ms, audit (${mode}) ${Math.round(t2 - t1)} ms`);
  console.log(`failing ${mix.failing} / ${mix.communities} (${((100 * mix.failing) / mix.communities).toFixed(0)} %)`);
  console.log('by rule:', Object.entries(mix.byRule).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log('by cause:', Object.entries(mix.byCause).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log('warnings:', result.warnings.length, result.warnings.slice(0, 5).map((w) => `${w.code} ${w.feature}`).join('; '));
  if (process.argv.includes('--compare-bases')) {
    const { residential: _r, ...plain } = demo.dataset;
    const area = auditDataset(plain, preset, { mode, reach });
    const key = (f: AuditResult['communities'][number]['failures'][number]) => `${f.rule}${f.tier ? ':' + f.tier : ''}${f.category ? ':' + f.category : ''}${f.group ? ':' + f.group : ''}`;
    let changed = 0;
    result.communities.forEach((r, i) => {
      const a = area.communities[i];
      if (a.status !== r.status) changed++;
      const fa = new Set(a.failures.map(key)), fr = new Set(r.failures.map(key));
      const gone = [...fa].filter((k) => !fr.has(k)), added = [...fr].filter((k) => !fa.has(k));
      if (a.status !== r.status || gone.length || added.length) {
        console.log(`${r.id} ${r.name} (${r.setting}, ${r.coverageBasis}): area ${a.status} ${a.failures.length} → residential ${r.status} ${r.failures.length}; only on area: ${gone.join(' ') || '—'}; only on residential: ${added.join(' ') || '—'}`);
      }
    });
    console.log(`status changes between the bases: ${changed} of ${result.communities.length}; failing on the area basis ${area.summary.failing}, on the residential basis ${result.summary.failing}`);
  }
  if (process.argv.includes('--list')) for (const c of result.communities) if (c.status === 'fail') console.log(c.id, c.setting, demo.meta.design.defects[c.id] ?? '', c.failures.map((f) => `${f.rule}${f.tier ? ':' + f.tier : ''}${f.category ? ':' + f.category : ''}${f.group ? ':' + f.group : ''}=${f.actual === null ? 'null' : +f.actual.toFixed(2)}`).join(' '));
}
