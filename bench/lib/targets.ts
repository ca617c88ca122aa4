// The speed targets' summary: each bench records the targets it measured (with its before and
// after figures of the same run), and `npm run bench` prints them together at the end, so one run
// shows every target side by side with the figures each bench printed in its own table.

export interface TargetRow {
  /** The bench that measured it (its file name without `.bench.ts`). */
  bench: string;
  /** The target as worded in the issue, e.g. "10k straight-line audit, whole process, CPU ≤ 3.7 s". */
  target: string;
  /** The "before" figure of this run with its unit, or null when the bench had none. */
  before: string | null;
  after: string;
  /** Whether the after figure meets the target; null when the bench cannot judge (a skipped part). */
  met: boolean | null;
}

const rows: TargetRow[] = [];

export function recordTarget(row: TargetRow): void {
  rows.push(row);
}

export function recordedTargets(): readonly TargetRow[] {
  return rows;
}

/** The summary table (plain text), or null when no bench recorded a target. */
export function targetSummary(): string | null {
  if (!rows.length) return null;
  const cells = [['bench', 'target', 'before', 'after', 'met'], ...rows.map((r) => [r.bench, r.target, r.before ?? '–', r.after, r.met === null ? '?' : r.met ? 'yes' : 'NO'])];
  const w = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c) => c.map((x, i) => x.padEnd(w[i])).join('  ').trimEnd()).join('\n');
}
