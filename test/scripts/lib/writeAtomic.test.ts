// A command's output file is written all or nothing, also when it comes as a stream of chunks: the
// chunks arrive in order, a computation that fails part-way leaves no file (and its own error, not
// "cannot write"), and a file that cannot be written is bad input naming it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, writeCommandOutput, writeOutput } from '../../../scripts/lib/index';

const tmp = mkdtempSync(join(tmpdir(), 'write-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeOutput', () => {
  it('writes chunks from a generator in order, as one file', async () => {
    const path = join(tmp, 'chunks.json');
    function* parts() {
      yield '[';
      for (let i = 0; i < 1000; i++) yield `${i ? ',' : ''}${i}`;
      yield ']';
    }
    await writeOutput(path, parts());
    const back = JSON.parse(readFileSync(path, 'utf8')) as number[];
    expect(back.length).toBe(1000);
    expect(back[999]).toBe(999);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a source failing part-way leaves the old file untouched and no temporary file; its error comes out unchanged', async () => {
    const path = join(tmp, 'kept.json');
    writeFileSync(path, 'old');
    const boom = new Error('computation failed');
    async function* parts() {
      yield 'new, part one';
      throw boom;
    }
    await expect(writeOutput(path, parts())).rejects.toBe(boom);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a file that cannot be written is bad input naming it', async () => {
    const path = join(tmp, 'no-such-dir', 'x.json');
    const e = await writeOutput(path, ['a', 'b']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/no-such-dir\/x\.json: cannot write the output \(ENOENT\)/);
    expect(existsSync(path)).toBe(false);
  });
});

describe('writeCommandOutput', () => {
  it('writes to --out and names the file last in the notes, read after the stream ended', async () => {
    const path = join(tmp, 'cmd.txt');
    const notes = ['first'];
    function* parts() {
      yield 'a';
      yield 'b';
      notes.push('summary known at the end');
    }
    expect(await writeCommandOutput({ out: path, output: parts(), notes })).toEqual(['first', 'summary known at the end', `wrote ${path}`]);
    expect(readFileSync(path, 'utf8')).toBe('ab');
  });
});
