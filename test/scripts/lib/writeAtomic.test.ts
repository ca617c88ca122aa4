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

  it('writes text and bytes in order, byte for byte each chunk\'s UTF-8, also chunks larger than the write buffer and characters across its edge', async () => {
    const path = join(tmp, 'mixed.txt');
    // Chunks of every size around the 1 MiB buffer, in one-, two-, three- and four-byte UTF-8
    // characters (a surrogate pair must not be cut where the buffer fills), a lone surrogate (U+FFFD),
    // and byte chunks small and large between them.
    const big = 'a'.repeat((1 << 20) - 3) + '锦😀' + 'm²'.repeat(400_000);
    const chunks: (string | Uint8Array)[] = ['{', big, '😀'.repeat(300_000), Uint8Array.of(0x41, 0x42), 'x\ud800y', new Uint8Array(3 << 20).fill(0x7a), '社区', ''];
    for (let i = 0; i < 2000; i++) chunks.push(i % 3 ? `,${i}` : '锦苑');
    // The file as each chunk's own encoding, concatenated (Buffer.from: Node's UTF-8 encoder, not the writer's).
    const expected = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c))));
    await writeOutput(path, chunks);
    expect(readFileSync(path).equals(expected)).toBe(true);
  });

  it('a synchronous source failing part-way is reported as its own error, not as a file that cannot be written', async () => {
    const path = join(tmp, 'sync-fail.json');
    const boom = new Error('computation failed');
    let closed = false;
    function* parts() {
      try {
        yield 'part one';
        throw boom;
      } finally {
        closed = true;
      }
    }
    await expect(writeOutput(path, parts())).rejects.toBe(boom);
    expect(closed).toBe(true);
    expect(existsSync(path)).toBe(false);
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
