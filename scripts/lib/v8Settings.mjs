// V8 settings the command-line entry (scripts/cli.mjs) applies before it loads a command's bundle.
//
// A city-sized audit runs for a few seconds, and about a quarter of its CPU went to V8's optimising
// compiler on helper threads (10,000-community city, one thread, per-thread clocks: helper threads
// 1.7-2.2 s, of which about 0.5 s garbage collection and the rest compilation, which moves to the
// main thread with --no-concurrent-recompilation). Two settings cut it: functions are optimised
// later (more work in the interpreter before the optimising compiler is asked), and each optimised
// function inlines less, so large functions with many small helpers compile faster. Both are read
// when a function is compiled or first run, so setting them at run time takes effect for the code
// loaded after, the worker threads' included (V8 flags are process-wide). Settings that size the
// heap cannot be changed this way once the process runs (the main thread's young generation is
// fixed at start); none is used.
//
// Plain JavaScript: loaded by scripts/cli.mjs before any TypeScript tooling.

/** Command → the V8 flags it runs with (each `--name=value`). */
export const COMMAND_V8_FLAGS = {
  audit: ['--max-inlined-bytecode-size-cumulative=460', '--interrupt-budget=400000'],
};

/** The flag's name, `--max-inlined-bytecode-size-cumulative`, with `_` and `-` alike. */
function flagName(flag) {
  return flag.split('=')[0].replace(/_/g, '-');
}

/**
 * The V8 flags to set for `command`: its COMMAND_V8_FLAGS, less any the user already gave (on
 * node's command line, `execArgv`, or in NODE_OPTIONS): a setting the user chose is kept.
 */
export function v8FlagsFor(command, execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].filter((a) => a.startsWith('--')).map(flagName));
  return (COMMAND_V8_FLAGS[command] ?? []).filter((f) => !given.has(flagName(f)));
}
