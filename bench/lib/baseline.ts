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
 * The last commit before the single-band area work (stitched tiles, clipping without the
 * contained capsules): the "previous" figures of the walking bands, and the reference their
 * results are compared with (test/engine/network/bandsAgainstPrevious.test.ts).
 */
export const PREVIOUS_BANDS_COMMIT = 'd276197011bc22c6a2ce0b9f86d6b393359bbcdc';

/**
 * main just before the fourth share-only reach pass (3 Dec 2026): the "previous" figures of the
 * walking audit and the city reach (bench/network.bench.ts parts C and D,
 * bench/walkAudit.bench.ts). The earlier passes were measured against 36d59f3.
 */
export const REACH_PREVIOUS_COMMIT = 'dc0f21749aee77a8e3b66110faed1a2d977b6324';

/**
 * Directory holding `src` and `scripts` at `commit` (default BASELINE_COMMIT), or a reason why it
 * is unavailable (no git, a shallow clone without that commit).
 */
export function baselineDir(commit: string = BASELINE_COMMIT): { dir: string } | { reason: string } {
  const dir = join(root, 'node_modules', '.cache', `lifecircle-${commit.slice(0, 12)}`);
  if (existsSync(join(dir, 'scripts', 'serviceAreas.ts'))) return { dir };
  try {
    const tar = execFileSync('git', ['archive', commit, 'src', 'scripts'], { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    return { dir };
  } catch (e) {
    return { reason: `baseline engine at ${commit.slice(0, 12)} unavailable (${(e as Error).message.split('\n')[0]})` };
  }
}

/**
 * Directory holding `paths` at `commit` (extracted like baselineDir), or why it is unavailable.
 * With package.json among the paths, a command's bundle can be built and run from there.
 */
export function snapshotDir(commit: string, paths: string[]): { dir: string } | { reason: string } {
  const dir = join(root, 'node_modules', '.cache', `lifecircle-${commit.slice(0, 12)}`);
  if (paths.every((p) => existsSync(join(dir, p)))) return { dir };
  try {
    const tar = execFileSync('git', ['archive', commit, ...paths], { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    return { dir };
  } catch (e) {
    return { reason: `snapshot at ${commit.slice(0, 12)} unavailable (${(e as Error).message.split('\n')[0]})` };
  }
}

/** Imports a module of the baseline engine, e.g. `network/facilityAreas`. */
export async function importBaseline<T>(dir: string, module: string): Promise<T> {
  return (await import(pathToFileURL(join(dir, 'src', 'engine', `${module}.ts`)).href)) as T;
}
