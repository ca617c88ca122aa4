// Progress of a long command on stderr: silent for short runs (the first line comes after
// `quietMs`), then at most one line per `everyMs` per stage ("reading facilities.geojson: 41%",
// "auditing communities: 1200/5000"), so stdout stays the output alone.

export interface Progress {
  /** Reports `done` of `total` for a named stage. */
  report(stage: string, done: number, total: number): void;
}

export interface ProgressOptions {
  quietMs?: number;
  everyMs?: number;
  write?: (line: string) => void;
  now?: () => number;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const now = options.now ?? (() => performance.now());
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const quiet = options.quietMs ?? 2000;
  const every = options.everyMs ?? 1000;
  const start = now();
  const last = new Map<string, number>();
  return {
    report(stage, done, total) {
      const t = now();
      if (t - start < quiet) return;
      const prev = last.get(stage);
      const finished = done >= total;
      if (prev !== undefined && t - prev < every && !finished) return;
      if (prev === undefined && finished) return; // a stage that ended before it was ever shown
      last.set(stage, t);
      const pct = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
      write(`${stage}: ${done}/${total}${pct}, ${((t - start) / 1000).toFixed(0)} s`);
    },
  };
}
