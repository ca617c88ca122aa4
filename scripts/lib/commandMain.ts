// The process around a command: --help prints its usage; otherwise `run` does the work (writing
// its output) and returns the notes for stderr; an error ends it through exitOnError (exit 2 for
// bad input, 1 otherwise).
import { exitOnError } from './inputError';

export async function commandMain(usage: string, doc: string, run: (argv: string[]) => Promise<string[]>): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(`${usage}\n(see ${doc})\n`);
    return;
  }
  try {
    const notes = await run(argv);
    process.stderr.write(`${notes.join('\n')}\n`);
    process.exitCode = 0;
  } catch (e) {
    exitOnError(e);
  }
}
