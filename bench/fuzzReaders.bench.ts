// The longer reader fuzz run (the test runs 200 per format): FUZZ_PER_FORMAT mutated files of each
// format (default 3,000) from FUZZ_SEED (default: the time), each read in a worker with a bound of
// FUZZ_BOUND_MS (default 10 s). Prints per format how many reads gave features, an error or a
// warning naming the file, and any that hung or failed to name the file, with the seed to replay.
import { fuzzCases } from '../test/io/hostile/fuzzCases';
import { readWithDeadline } from '../test/io/hostile/readWithDeadline';

export async function run(): Promise<void> {
  const perFormat = Number(process.env.FUZZ_PER_FORMAT ?? 3000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const bound = Number(process.env.FUZZ_BOUND_MS ?? 10_000);
  console.log(`fuzz: ${perFormat} per format, seed ${seed}, bound ${bound} ms`);
  const cases = fuzzCases(perFormat, seed);
  const t0 = performance.now();
  const outcomes = await readWithDeadline(cases, bound);
  const rows = new Map<string, { format: string; features: number; errorNamed: number; hang: number; unnamed: number }>();
  const bad: string[] = [];
  outcomes.forEach((o, i) => {
    const c = cases[i];
    const r = rows.get(c.format) ?? { format: c.format, features: 0, errorNamed: 0, hang: 0, unnamed: 0 };
    rows.set(c.format, r);
    const named = (m: string) => c.files.some((f) => m.includes(f.name));
    if ('hang' in o) { r.hang++; bad.push(`${c.format} #${i}: hang`); return; }
    if (o.thrown !== undefined) { if (named(o.thrown)) r.errorNamed++; else { r.unnamed++; bad.push(`${c.format} #${i}: ${o.thrown}`); } return; }
    if (o.features > 0) { r.features++; return; }
    const said = o.errors.length ? o.errors : o.warnings;
    if (said.length && said.every(named)) r.errorNamed++;
    else { r.unnamed++; bad.push(`${c.format} #${i}: ${said[0] ?? 'no features and no error'}`); }
  });
  console.table([...rows.values()]);
  console.log(`${cases.length} reads in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${bad.length} bad${bad.length ? ` (replay with FUZZ_SEED=${seed} FUZZ_PER_FORMAT=${perFormat}):\n  ${bad.slice(0, 20).join('\n  ')}` : ''}`);
}
