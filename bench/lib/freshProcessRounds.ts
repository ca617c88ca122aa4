// Fresh-process rounds of one phase, as the audit command runs it (once, cold, with the command's V8
// flags): this tree against the tree at a baseline commit (extracted from git), the order of the
// two alternating from round to round. Each round runs `node <audit flags> --import tsx <script>
// <childFlag> <tree dir>`; the child prints its figures as one JSON line, last on stdout.
import { spawnSync } from 'node:child_process';
import { root, snapshotDir } from './baseline';
import { COMMAND_V8_FLAGS } from '../../scripts/lib/v8Settings.mjs';

/** This tree and, when its snapshot can be made, the tree at `commit` ([name, directory]). */
export function treesAgainst(commit: string): [string, string][] {
  const baseline = snapshotDir(commit, ['src']);
  const trees: [string, string][] = [['this tree', root]];
  if ('dir' in baseline) trees.push([`main ${commit.slice(0, 7)}`, baseline.dir]);
  else console.log(`(no baseline: ${baseline.reason})`);
  return trees;
}

/** Per tree, per round: the child's JSON line, parsed. */
export function freshProcessRounds<T>(script: string, childFlag: string, trees: [string, string][], rounds: number): T[][] {
  const out = trees.map(() => [] as T[]);
  for (let r = 0; r < rounds; r++) {
    for (const j of trees.map((_, k) => (r % 2 ? trees.length - 1 - k : k))) {
      const c = spawnSync('node', [...COMMAND_V8_FLAGS.audit, '--import', 'tsx', script, childFlag, trees[j][1]], { cwd: root, encoding: 'utf8' });
      const line = c.stdout.trim().split('\n').pop() ?? '';
      if (c.status !== 0 || !line.startsWith('[')) throw new Error(`${script} ${childFlag} (${trees[j][0]}) failed: ${c.stderr.slice(-500)}`);
      out[j].push(JSON.parse(line) as T);
    }
  }
  return out;
}
