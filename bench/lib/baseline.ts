// The code as it was before the walking-network speed work, for "before" figures measured in
// the same run as "after": `src` and `scripts` at the pinned commit are extracted from git into
// node_modules/.cache/ and imported (or run) from there, so no copy of old code lives in the tree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The last commit before the walking-network speed work (main, 23 Nov 2026). */
export const BASELINE_COMMIT = '09d9d693bb80959098043a3088d969b47e2ab001';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Directory holding `src` and `scripts` at BASELINE_COMMIT, or a reason why it is unavailable (no
 * git, a shallow clone without that commit).
 */
export function baselineDir(): { dir: string } | { reason: string } {
  const dir = join(root, 'node_modules', '.cache', `lifecircle-${BASELINE_COMMIT.slice(0, 12)}`);
  if (existsSync(join(dir, 'scripts', 'serviceAreas.ts'))) return { dir };
  try {
    const tar = execFileSync('git', ['archive', BASELINE_COMMIT, 'src', 'scripts'], { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    return { dir };
  } catch (e) {
    return { reason: `baseline engine at ${BASELINE_COMMIT.slice(0, 12)} unavailable (${(e as Error).message.split('\n')[0]})` };
  }
}

/** Imports a module of the baseline engine, e.g. `network/facilityAreas`. */
export async function importBaseline<T>(dir: string, module: string): Promise<T> {
  return (await import(pathToFileURL(join(dir, 'src', 'engine', `${module}.ts`)).href)) as T;
}
