// Write a file all at once or not at all: a temporary file beside the target, renamed at the end.
// The contents may come whole or as chunks (a streamed output): chunks are written as they come,
// so memory holds one chunk at a time, and a failure part-way leaves no file behind. Chunks are
// written with synchronous system calls: a command has nothing else to do meanwhile, and a write
// stream's per-chunk buffering and thread-pool hand-off cost more CPU than the writing itself.
import { closeSync, openSync, writeSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './inputError';

type Chunks = Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;

/** A command's output: text, bytes, or chunks of either in order. */
export type OutputData = Uint8Array | string | Chunks;

/** An error raised by the chunks' source (the computation), not by the file. */
class SourceFailure {
  constructor(readonly error: unknown) {}
}

async function* guarded(chunks: Chunks): AsyncGenerator<Uint8Array | string> {
  try {
    yield* chunks;
  } catch (e) {
    throw new SourceFailure(e);
  }
}

/** Writes all of `chunk` at the file's current position (a short write continues where it stopped). */
function writeWhole(fd: number, chunk: Uint8Array | string): void {
  let bytes: Uint8Array;
  let done: number;
  if (typeof chunk === 'string') {
    done = writeSync(fd, chunk);
    const length = Buffer.byteLength(chunk);
    if (done === length) return;
    bytes = Buffer.from(chunk);
  } else {
    bytes = chunk;
    done = 0;
  }
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

async function writeChunks(path: string, chunks: Chunks): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    for await (const chunk of guarded(chunks)) writeWhole(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `path` atomically; a failure of a streamed output's source is thrown as SourceFailure. */
async function writeTagged(path: string, data: OutputData): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(tmp, data);
    else await writeChunks(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function writeAtomic(path: string, data: OutputData): Promise<void> {
  try {
    await writeTagged(path, data);
  } catch (e) {
    throw e instanceof SourceFailure ? e.error : e;
  }
}

/** A command's output file: written atomically; a failure to write is bad input (exit 2) naming
 *  the file; an error of the computation streaming into it is passed on as it was thrown. */
export async function writeOutput(path: string, data: OutputData): Promise<void> {
  try {
    await writeTagged(path, data);
  } catch (e) {
    if (e instanceof SourceFailure) throw e.error;
    throw new InputError(`${path}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
}
