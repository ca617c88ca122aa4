// Write a file all at once or not at all: a temporary file beside the target, renamed at the end.
// The contents may come whole or as chunks (a streamed output): chunks are written as they come,
// so memory holds one chunk at a time, and a failure part-way leaves no file behind. Chunks are
// encoded into one reused buffer, written with synchronous system calls when it is full: a command
// has nothing else to do meanwhile, and a write stream's per-chunk buffering and thread-pool
// hand-off cost more CPU than the writing itself.
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

/** Bytes gathered before one write system call. */
const SINK_BYTES = 1 << 20;

const encoder = new TextEncoder();

/** Writes all of `bytes[from, to)` at the file's current position (a short write continues where it stopped). */
function writeBytes(fd: number, bytes: Uint8Array, from: number, to: number): void {
  while (from < to) from += writeSync(fd, bytes, from, to - from);
}

/**
 * A file written in order through one reused buffer: text is encoded (UTF-8) straight into it and
 * the buffer goes out in one system call when full. Node's writeSync of a string encodes it into
 * a fresh allocation three bytes per character long, a short write could only be detected by
 * measuring the string's UTF-8 length again, and each small chunk would be a system call.
 */
class FileSink {
  private readonly buffer = new Uint8Array(SINK_BYTES);
  private used = 0;

  constructor(private readonly fd: number) {}

  write(chunk: Uint8Array | string): void {
    if (typeof chunk !== 'string') {
      if (chunk.length > this.buffer.length - this.used) {
        this.flush();
        writeBytes(this.fd, chunk, 0, chunk.length);
      } else {
        this.buffer.set(chunk, this.used);
        this.used += chunk.length;
      }
      return;
    }
    // encodeInto stops before a character that does not fit (a surrogate pair is never cut), so
    // each round encodes what fits, and the rest follows into the emptied buffer.
    let rest = chunk;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, this.buffer.subarray(this.used));
      this.used += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      this.flush();
    }
  }

  flush(): void {
    writeBytes(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
}

function* guardedSync(chunks: Iterable<Uint8Array | string>): Generator<Uint8Array | string> {
  try {
    yield* chunks;
  } catch (e) {
    throw new SourceFailure(e);
  }
}

async function writeChunks(path: string, chunks: Chunks): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    const sink = new FileSink(fd);
    // Chunks that come synchronously (a generator of text) are taken so: no promise per chunk.
    if (Symbol.iterator in chunks) for (const chunk of guardedSync(chunks)) sink.write(chunk);
    else for await (const chunk of guarded(chunks)) sink.write(chunk);
    sink.flush();
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
