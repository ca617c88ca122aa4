// The process around a command: --help prints its usage; otherwise `run` does the work and hands
// back its output, which goes to the --out file or to stdout, and the notes for stderr; an error
// ends it through exitOnError (exit 2 for bad input, 1 otherwise). An --out that resolves to an
// input is refused by the command before anything is read (refuseOutputOverInput, exit 2).
import { exitOnError } from './inputError';
import { writeOutput, type OutputData } from './writeAtomic';

export interface CommandOutput {
  /** The output file (--out); stdout when absent. */
  out?: string;
  /** The file's contents, or its chunks in order (a streamed output is never held whole). */
  output: OutputData;
  /** Lines for stderr, read after the output is written (a streamed output may add to them). */
  notes: string[];
}

/** Writes a command's output to its --out file (atomically: all or nothing) or to stdout, and
 *  returns its notes with the written file named last. */
export async function writeCommandOutput(r: CommandOutput): Promise<string[]> {
  if (r.out) {
    await writeOutput(r.out, r.output);
    return [...r.notes, `wrote ${r.out}`];
  }
  await writeToStdout(r.output);
  return r.notes;
}

/** Writes text, bytes or chunks to stdout, waiting whenever its buffer is full so that a streamed
 *  output does not pile up in memory behind a slow reader. */
async function writeToStdout(data: OutputData): Promise<void> {
  const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
  for await (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await drained(process.stdout);
  }
}

/** Resolves when a full stream's buffer has drained; rejects if the stream fails instead (a closed pipe). */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (e?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (e) reject(e);
      else resolve();
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

export async function commandMain(usage: string, doc: string, run: (argv: string[]) => Promise<CommandOutput>): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(`${usage}\n(see ${doc})\n`);
    return;
  }
  try {
    const notes = await writeCommandOutput(await run(argv));
    process.stderr.write(`${notes.join('\n')}\n`);
    process.exitCode = 0;
  } catch (e) {
    exitOnError(e);
  }
}
