import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that start Chromium or spawn the command line: each takes from ten seconds to two minutes. */
const SLOW_FILES = ['test/browser/**/*.test.ts', 'test/scripts/**/*.test.ts'];
const SLOW = /[\\/]test[\\/](browser|scripts)[\\/]/;

/**
 * The slow files first, each group in Vitest's own order (failed, then longest in the last run;
 * larger files first on a clean checkout, which has no record of past runs): a long file started
 * last would otherwise run alone on one core while the other is idle.
 */
class SlowFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => SLOW.test(f.moduleId)), ...sorted.filter((f) => !SLOW.test(f.moduleId))];
  }
}

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two workers for two cores: a browser file uses about one core between its Node side and
    // Chromium's renderer and GPU (SwiftShader) processes.
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    projects: [
      // Browser and command-line files: each in a fresh module graph, as they start servers,
      // browsers and processes.
      { extends: true, test: { name: 'browser+cli', include: SLOW_FILES } },
      // Unit and integration files share a worker's loaded modules instead of importing the engine,
      // Turf and the readers again for every file (the tests mock nothing and change no module's
      // state; i18n tests use their own instances): the import time halves.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SLOW_FILES, isolate: false } },
    ],
  },
});
