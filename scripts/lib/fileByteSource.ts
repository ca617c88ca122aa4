// Node adapter of io/formats/byteSource.ts: a file read through its descriptor, piece by piece,
// so that a large layer's bytes need not be held whole (a 100 MB buffer is ~25k page faults and
// external memory that sets off a full garbage collection while the file is scanned).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../../src/io/formats/byteSource';

/**
 * Opens `path` and runs `use` with it as a ByteSource (a regular file only), closing it after;
 * undefined without calling `use` when the path cannot be opened as a file (the caller reads it
 * the usual way, which reports why).
 */
export function withFileSource<T>(path: string, use: (source: ByteSource) => T): T | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    return use({ size: stat.size, read: (into, at) => readSync(fd, into, 0, into.length, at) });
  } finally {
    closeSync(fd);
  }
}
