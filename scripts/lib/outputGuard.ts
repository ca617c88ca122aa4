// An output file must never be one of the command's inputs: the same file reached through a
// symlink, a hard link, `./`, `..` or another spelling is refused (exit 2) before anything is read
// or written. Files are compared by identity (device and inode) when the output exists, and by
// resolved real path (the directory's real path plus the name) when it does not yet.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError } from './inputError';

const SHAPE_SIDECARS = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'qpj'];

interface Identity { real: string; dev?: number; ino?: number }

function identity(path: string): Identity {
  const abs = resolve(path);
  try {
    const s = statSync(abs);
    return { real: realpathSync(abs), dev: s.dev, ino: s.ino };
  } catch {
    // Not there yet: the real directory plus the name (a dangling symlink is followed by the write,
    // so its target is what matters; realpath of a dangling link fails, so keep the link's own path).
    try {
      return { real: join(realpathSync(dirname(abs)), basename(abs)) };
    } catch {
      return { real: abs };
    }
  }
}

/** A path's layer files: a .shp brings its sidecars (same stem, any case). */
function withSidecars(path: string): string[] {
  if (extname(path).toLowerCase() !== '.shp') return [path];
  const dir = dirname(path);
  const stem = basename(path, extname(path)).toLowerCase();
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [path];
  }
  const side = entries.filter((e) => basename(e, extname(e)).toLowerCase() === stem && SHAPE_SIDECARS.includes(extname(e).slice(1).toLowerCase()));
  return [path, ...side.map((e) => join(dir, e))];
}

function sameFile(a: Identity, b: Identity): boolean {
  if (a.ino !== undefined && b.ino !== undefined) return a.dev === b.dev && a.ino === b.ino;
  // Case-insensitive file systems: compare spellings case-blind only on such platforms.
  const fold = process.platform === 'darwin' || process.platform === 'win32';
  return fold ? a.real.toLowerCase() === b.real.toLowerCase() : a.real === b.real;
}

/** Throws InputError when `out` resolves to any of `inputs` (flag → path), sidecars included. */
export function refuseOutputOverInput(outFlag: string, out: string | undefined, inputs: Record<string, string | undefined>): void {
  if (!out) return;
  const o = identity(out);
  for (const [flag, path] of Object.entries(inputs)) {
    if (!path) continue;
    for (const file of withSidecars(path)) {
      if (sameFile(o, identity(file)))
        throw new InputError(`${outFlag}: "${out}" is the same file as the input ${file} (--${flag}); refusing to overwrite an input, choose another output path`);
    }
  }
}
