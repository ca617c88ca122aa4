// Node adapter of the layer import: a path → the InputFiles of its layer (a .shp brings its
// sidecars .shx/.dbf/.prj/.cpg/.qpj found beside it, any case).
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { InputFile } from '../../src/io/import/types';
import { InputError } from './inputError';

const SIDECARS = ['shx', 'dbf', 'prj', 'cpg', 'qpj'];

async function readOne(path: string, name = path): Promise<InputFile> {
  try {
    const b = await readFile(path);
    // The file's own bytes when the Buffer has its memory to itself (a copy otherwise: a small file's
    // Buffer may be a view into Node's shared pool).
    const whole = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
    return { name, bytes: whole ? new Uint8Array(b.buffer, 0, b.byteLength) : new Uint8Array(b) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`, { cause: e });
  }
}

export async function readInputFiles(path: string): Promise<InputFile[]> {
  const main = await readOne(path);
  if (extname(path).toLowerCase() !== '.shp') return [main];
  const dir = dirname(path);
  const stem = basename(path, extname(path)).toLowerCase();
  const entries = await readdir(dir);
  const files = [main];
  for (const e of entries) {
    const ext = extname(e).slice(1).toLowerCase();
    if (basename(e, extname(e)).toLowerCase() === stem && SIDECARS.includes(ext)) files.push(await readOne(join(dir, e)));
  }
  return files;
}
