// readDbf against a second method: the straightforward reader (every cell decoded on its own, then
// trimmed and parsed as a string) kept here as the reference. Equal records (key order, -0 and all),
// fields, problems and errors on every .dbf among the fixtures and on random tables of ASCII, GBK /
// GB18030, UTF-8 and arbitrary bytes, numbers in every form dBase writes (blanks, '*' fills, signs,
// points, exponents, NUL padding), every field type and deleted records, read in several encodings.
// Plus a table worked by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDbf, type DbfField, type DbfRead } from '../../../../src/io/formats/shapefile/dbf';
import { mulberry32 } from '../../../../bench/lib/random';

// ---- The reference: each cell decoded to a string, trimmed, then parsed. ----

function referenceHeader(bytes: Uint8Array) {
  if (bytes.length < 32) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numRecords = dv.getUint32(4, true);
  const headerLength = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  const fields: (DbfField & { offset: number; rawName: Uint8Array })[] = [];
  let offset = 1;
  for (let o = 32; o + 32 <= Math.min(headerLength, bytes.length) && bytes[o] !== 0x0d; o += 32) {
    let end = o;
    while (end < o + 11 && bytes[end] !== 0) end++;
    fields.push({ name: '', rawName: bytes.subarray(o, end), type: String.fromCharCode(bytes[o + 11]), length: bytes[o + 16], decimals: bytes[o + 17], offset });
    offset += bytes[o + 16];
  }
  return { numRecords, headerLength, recordLength, ldid: bytes[29], fields };
}

function referenceReadDbf(bytes: Uint8Array, encoding: string): DbfRead {
  const h = referenceHeader(bytes);
  if (!h) return { fields: [], records: [], problems: [], error: `file is ${bytes.length} bytes, shorter than a DBF header`, ldid: 0 };
  const dec = new TextDecoder(encoding);
  const fields = h.fields.map((f) => ({ ...f, name: dec.decode(f.rawName).trim() }));
  const problems: DbfRead['problems'] = [];
  let error: string | undefined;
  if (h.headerLength < 33 || h.recordLength < 1) return { fields: [], records: [], problems, error: 'not a DBF file (bad header lengths)', ldid: h.ldid };
  const sum = fields.reduce((s, f) => s + f.length, 1);
  if (sum !== h.recordLength) error = `field lengths (${sum}) do not add up to the record length (${h.recordLength})`;
  const records: Record<string, unknown>[] = [];
  for (let r = 0; r < h.numRecords; r++) {
    const rec = h.headerLength + r * h.recordLength;
    if (rec + h.recordLength > bytes.length) {
      error = `file truncated: ${r} of ${h.numRecords} records present`;
      break;
    }
    const props: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = bytes.subarray(rec + f.offset, rec + f.offset + f.length);
      const text = (f.type === 'C' ? dec.decode(raw) : String.fromCharCode(...raw)).replace(/\0+$/, '').trim();
      props[f.name] = referenceValue(text, f, r, problems);
    }
    records.push(props);
  }
  return { fields, records, problems, error, ldid: h.ldid };
}

function referenceValue(text: string, f: DbfField, r: number, problems: DbfRead['problems']): unknown {
  switch (f.type) {
    case 'N':
    case 'F':
    case 'O': {
      if (text === '' || /^\*+$/.test(text)) return null;
      const n = Number(text);
      if (!Number.isFinite(n)) {
        problems.push([r, f.name, `"${text}" in numeric field is not a number`]);
        return text;
      }
      return n;
    }
    case 'L':
      return /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
    case 'D':
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text || null;
    default:
      return text === '' ? null : text;
  }
}

/** The read as text that tells key order, -0 from 0 and null from a missing key. */
function canonical(read: DbfRead): string {
  return JSON.stringify(read, (_k, v: unknown) => {
    if (typeof v === 'number' && Object.is(v, -0)) return '<-0>';
    if (v instanceof Uint8Array) return `<bytes ${Array.from(v).join(',')}>`;
    if (v === undefined) return '<undefined>';
    return v;
  });
}

function expectSameRead(bytes: Uint8Array, encoding: string) {
  const expected = referenceReadDbf(bytes, encoding);
  const actual = readDbf(bytes, encoding);
  const a = canonical(actual), e = canonical(expected);
  if (a !== e) {
    let i = 0;
    while (a[i] === e[i]) i++;
    expect(a.slice(Math.max(0, i - 200), i + 100)).toBe(e.slice(Math.max(0, i - 200), i + 100));
  }
  expect(actual).toStrictEqual(expected);
}

// ---- A dBase III writer for the random tables. ----

interface TableField { name: Uint8Array; type: string; length: number; decimals: number }

function dbfBytes(fields: TableField[], records: Uint8Array[][], opts: { deleted?: boolean[]; recordLengthExtra?: number; cutTail?: number } = {}): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0) + (opts.recordLengthExtra ?? 0);
  const size = headerLength + recordLength * records.length + 1;
  const out = new Uint8Array(size + 256); // room for cells running past a record length set short
  const dv = new DataView(out.buffer);
  out[0] = 0x03;
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  out[29] = 0x7a;
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    out.set(f.name.subarray(0, 11), o);
    out[o + 11] = f.type.charCodeAt(0);
    out[o + 16] = f.length;
    out[o + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((cells, r) => {
    let o = headerLength + r * recordLength;
    out[o++] = opts.deleted?.[r] ? 0x2a : 0x20;
    cells.forEach((c, i) => {
      out.fill(0x20, o, o + fields[i].length);
      out.set(c.subarray(0, fields[i].length), o);
      o += fields[i].length;
    });
  });
  out[size - 1] = 0x1a;
  return out.subarray(0, Math.max(0, size - (opts.cutTail ?? 0)));
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readDbf', () => {
  it('reads a table worked by hand', () => {
    const gbk = (hex: string) => Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
    const fields: TableField[] = [
      { name: gbk('c3fbb3c6'), type: 'C', length: 12, decimals: 0 }, // 名称
      { name: ascii('HH'), type: 'N', length: 8, decimals: 2 },
      { name: ascii('OK'), type: 'L', length: 1, decimals: 0 },
      { name: ascii('DAY'), type: 'D', length: 8, decimals: 0 },
    ];
    const bytes = dbfBytes(fields, [
      [gbk('d0a1c7f8'), ascii('   12.50'), ascii('T'), ascii('20240131')], // 小区
      [ascii(' A-1 '), ascii('********'), ascii('n'), ascii('2024013')],
      [new Uint8Array(0), ascii('  abc'), ascii('?'), new Uint8Array(0)],
      [ascii(`x${'\0'.repeat(11)}`), ascii('-0.5e1'), ascii(' '), ascii(' 1999')],
    ], { deleted: [false, true, false, false] });
    const read = readDbf(bytes, 'gb18030');
    expect(read.error).toBeUndefined();
    expect(read.ldid).toBe(0x7a);
    expect(read.fields.map((f) => [f.name, f.type, f.length, f.decimals])).toEqual([['名称', 'C', 12, 0], ['HH', 'N', 8, 2], ['OK', 'L', 1, 0], ['DAY', 'D', 8, 0]]);
    expect(read.records).toStrictEqual([
      { 名称: '小区', HH: 12.5, OK: true, DAY: '2024-01-31' },
      { 名称: 'A-1', HH: null, OK: false, DAY: '2024013' },
      { 名称: null, HH: 'abc', OK: null, DAY: null },
      { 名称: 'x', HH: -5, OK: null, DAY: '1999' },
    ]);
    expect(read.problems).toEqual([[2, 'HH', '"abc" in numeric field is not a number']]);
  });

  const fixtureRoot = join(__dirname, '../../../fixtures');
  const dbfFixtures = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : n.toLowerCase().endsWith('.dbf') ? [p] : [];
    });
  })(fixtureRoot);

  it('finds the fixture tables', () => {
    expect(dbfFixtures.length).toBeGreaterThanOrEqual(9);
  });

  for (const path of dbfFixtures) {
    it(`reads ${path.slice(fixtureRoot.length + 1)} as the reference does, in every encoding`, () => {
      const bytes = new Uint8Array(readFileSync(path));
      for (const enc of ENCODINGS) expectSameRead(bytes, enc);
      // Cut short at every length through the header and first records.
      for (let n = 0; n < Math.min(bytes.length, 700); n += 7) expectSameRead(bytes.subarray(0, n), 'gb18030');
    });
  }

  it('reads random tables as the reference does', () => {
    const rand = mulberry32(20261203);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    let tables = 0;
    for (let t = 0; t < 400; t++) {
      const nFields = int(1, 6);
      const fields: TableField[] = [];
      for (let i = 0; i < nFields; i++) {
        const type = pick(['C', 'C', 'N', 'N', 'F', 'O', 'L', 'D', 'M', 'c', 'I']);
        const length = type === 'L' && rand() < 0.7 ? 1 : type === 'D' && rand() < 0.7 ? 8 : int(1, type === 'C' ? 80 : 24);
        const name = rand() < 0.2 ? utf8(pick(['户数', '名称', '类别', '小区名'])) : ascii(`${pick(['ID', 'HH', 'NAME', 'x', ' a ', '__proto__'])}${rand() < 0.5 ? i : ''}`);
        fields.push({ name, type, length, decimals: int(0, 4) });
      }
      const nRecords = int(0, 40);
      const records = Array.from({ length: nRecords }, () => fields.map((f) => randomCell(f, rand, pick, int)));
      const bytes = dbfBytes(fields, records, {
        deleted: records.map(() => rand() < 0.2),
        recordLengthExtra: rand() < 0.1 ? int(-2, 3) : 0,
        cutTail: rand() < 0.1 ? int(0, 60) : 0,
      });
      for (const enc of rand() < 0.3 ? ENCODINGS : [pick(ENCODINGS)]) expectSameRead(bytes, enc);
      tables++;
    }
    expect(tables).toBe(400);
  });

  it('reads every Latin-1 byte at a cell edge as the reference does', () => {
    // Each byte 0-255 before, after and alone in cells of every type: trim's Latin-1 whitespace
    // (TAB-CR, space, 0xA0) and NUL handling are decided byte by byte.
    const fields: TableField[] = ['C', 'N', 'F', 'L', 'D', 'M'].map((type, i) => ({ name: ascii(`F${i}`), type, length: 6, decimals: 0 }));
    const records: Uint8Array[][] = [];
    for (let b = 0; b < 256; b++) {
      for (const cell of [[b], [b, 0x31], [0x31, b], [b, 0x31, b], [0x31, b, 0], [0x31, 0, b], [0x2a, b], [0x39, 0x2e, b]]) {
        records.push(fields.map(() => Uint8Array.from(cell)));
      }
    }
    const bytes = dbfBytes(fields, records);
    for (const enc of ENCODINGS) expectSameRead(bytes, enc);
  });
});

const ENCODINGS = ['utf-8', 'gb18030', 'gbk', 'big5', 'shift_jis', 'euc-kr', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be', 'iso-2022-jp'];

const NUMBERS = [
  '', ' ', '*', '**********', '0', '-0', '+0', '-0.000', '0.', '.5', '-.5', '+.5', '.', '-', '+', '12', '  12.50', '-3.25', '007',
  '1e5', '1E-3', '-2.5e+3', 'e5', '1e', '0x1A', '-0x1A', '0b101', '0o17', 'Infinity', '-Infinity', 'NaN', '1,5', '1 2', '12-',
  '123456789012345', '1234567890123456', '12345678901234567890', '0.000000000000001', '9007199254740993', '99999999999999.9',
  '1.7976931348623157e308', '1e400', '--1', '1..2', '٣', '12\0', '\t7\n', '\xa03\xa0', '\x0b8\x0c', '\xff', '5\x85',
];

function randomNumberText(rand: () => number, pick: <T>(xs: readonly T[]) => T, int: (lo: number, hi: number) => number): string {
  const r = rand();
  if (r < 0.35) return pick(NUMBERS);
  const digits = int(1, 18);
  let s = '';
  for (let i = 0; i < digits; i++) s += String(int(0, 9));
  if (rand() < 0.6) {
    const at = int(0, s.length);
    s = `${s.slice(0, at)}.${s.slice(at)}`;
  }
  if (rand() < 0.3) s = pick(['-', '+']) + s;
  if (rand() < 0.1) s += `e${pick(['', '-', '+'])}${int(0, 30)}`;
  return s;
}

function randomCell(f: TableField, rand: () => number, pick: <T>(xs: readonly T[]) => T, int: (lo: number, hi: number) => number): Uint8Array {
  const pad = (s: string) => {
    const r = rand();
    if (r < 0.4) return ' '.repeat(Math.max(0, f.length - s.length)) + s; // right-aligned, as dBase writes numbers
    if (r < 0.5) return s + '\0'.repeat(int(0, 4));
    return s;
  };
  const r = rand();
  if (r < 0.08) return Uint8Array.from({ length: int(0, f.length) }, () => int(0, 255)); // any bytes at all
  if (r < 0.12) return new Uint8Array(0);
  switch (f.type) {
    case 'N':
    case 'F':
    case 'O':
      return ascii(pad(randomNumberText(rand, pick, int)));
    case 'L':
      return ascii(pad(pick(['T', 'F', 'Y', 'N', 't', 'f', 'y', 'n', '?', ' ', 'TT', 'x'])));
    case 'D':
      return ascii(pad(pick(['20240131', '19991231', '2024013', '2024-01-31', '        ', '0000000a', `${int(10000000, 99999999)}`])));
    default: {
      const kind = rand();
      if (kind < 0.4) return ascii(pad(Array.from({ length: int(0, f.length) }, () => String.fromCharCode(pick([int(0x20, 0x7e), int(0x20, 0x7e), int(0, 0x7f)]))).join('')));
      if (kind < 0.6) return utf8(pad(Array.from({ length: int(0, 12) }, () => pick(['小', '区', '户', '\u3000', '\u00a0', '\ufeff', 'a', ' ', '𠀀', 'é'])).join('')));
      // GBK / GB18030 bytes: two-byte pairs, four-byte sequences, lone lead bytes, ASCII between.
      const out: number[] = [];
      const n = int(0, f.length);
      while (out.length < n) {
        const k = rand();
        if (k < 0.4) out.push(int(0x81, 0xfe), int(0x40, 0xfe));
        else if (k < 0.5) out.push(int(0x81, 0x84), int(0x30, 0x39), int(0x81, 0xfe), int(0x30, 0x39));
        else if (k < 0.55) out.push(int(0x81, 0xfe));
        else if (k < 0.6) out.push(0xa1, 0xa1); // ideographic space
        else out.push(int(0x20, 0x7e));
      }
      if (rand() < 0.3) out.push(...Array(int(0, 5)).fill(rand() < 0.5 ? 0x20 : 0));
      return Uint8Array.from(out);
    }
  }
}
