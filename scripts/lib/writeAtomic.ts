// Write a file all at once or not at all: a temporary file beside the target, renamed at the end.
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './inputError';

export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** A command's output file: written atomically; a failure to write is bad input (exit 2) naming the file. */
export async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeAtomic(path, data);
  } catch (e) {
    throw new InputError(`${path}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
}
