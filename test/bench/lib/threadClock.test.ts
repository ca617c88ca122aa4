import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const clock = join(__dirname, '../../../bench/lib/threadClock.mjs');
const command = join(__dirname, '../../fixtures/bench/early-message-thread.mjs');

describe('bench thread clock (node --import)', () => {
  it('leaves a thread its messages: work posted before the thread listens, and listeners added while handling one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-thread-clock-'));
    try {
      const out = join(dir, 'clock.jsonl');
      const run = spawnSync(process.execPath, ['--import', clock, command], { env: { ...process.env, LC_THREAD_CLOCK: out }, encoding: 'utf8', timeout: 10_000 });
      expect(run.status).toBe(0);
      // The slice's results with the park areas sent after it (not the slice message seen twice).
      expect(JSON.parse(run.stdout.trim())).toEqual({ results: [1], parks: 7 });
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
      expect(lines.some((l) => 'worker' in l && 'start' in l)).toBe(true);
      expect(lines.some((l) => 'main' in l)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
