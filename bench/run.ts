// `npm run bench`: runs every bench/*.bench.ts module in this folder, one after another; each
// exports `async function run(): Promise<void>` that prints its own table. Pass names to run only
// some (e.g. `npm run bench -- audit`). At the end it prints the targets the benches recorded
// (lib/targets.ts), each with its before and after of this run.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { targetSummary } from './lib/targets';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => !only.length || only.some((o) => f.startsWith(o)));

for (const f of files) {
  console.log(`\n=== ${f}`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') { console.log(`${f}: no exported run(); skipped`); continue; }
  const t0 = performance.now();
  await mod.run();
  console.log(`(${f}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

const summary = targetSummary();
if (summary) {
  console.log(`\n=== targets measured in this run (load average ${loadavg()[0].toFixed(1)}; figures from the tables above)`);
  console.log(summary);
}
