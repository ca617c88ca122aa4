// dBASE III/IV attribute table (.dbf) reader. Field types C (text), N/F (number), L (logical),
// D (date), others as text. Text (incl. field names) is decoded with the given encoding.
export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface DbfRead {
  fields: DbfField[];
  records: Record<string, unknown>[];
  /** Per-record problems: [record index, field, message]. */
  problems: [number, string | undefined, string][];
  /** File-level problem. */
  error?: string;
  /** Language driver id (byte 29): 0x4D / 0x7A mean GB2312/GBK. */
  ldid: number;
}

/** The bytes holding text (field names and C fields), for encoding detection. */
export function dbfTextBytes(bytes: Uint8Array): Uint8Array {
  const h = dbfHeader(bytes);
  if (!h) return new Uint8Array(0);
  const parts: Uint8Array[] = [bytes.subarray(32, h.headerLength)];
  const cFields = h.fields.filter((f) => f.type === 'C');
  const maxRecords = Math.min(h.numRecords, 5000);
  for (let r = 0; r < maxRecords; r++) {
    const rec = h.headerLength + r * h.recordLength;
    if (rec + h.recordLength > bytes.length) break;
    for (const f of cFields) parts.push(bytes.subarray(rec + f.offset, rec + f.offset + f.length));
  }
  const total = parts.reduce((s, p) => s + p.length + 1, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length + 1; // a space between parts keeps a cut multi-byte sequence from merging
    out[o - 1] = 0x20;
  }
  return out;
}

interface Header {
  numRecords: number;
  headerLength: number;
  recordLength: number;
  ldid: number;
  fields: (DbfField & { offset: number; rawName: Uint8Array })[];
}

function dbfHeader(bytes: Uint8Array): Header | undefined {
  if (bytes.length < 32) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numRecords = dv.getUint32(4, true);
  const headerLength = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  const fields: Header['fields'] = [];
  let offset = 1;
  for (let o = 32; o + 32 <= Math.min(headerLength, bytes.length) && bytes[o] !== 0x0d; o += 32) {
    let end = o;
    while (end < o + 11 && bytes[end] !== 0) end++;
    fields.push({ name: '', rawName: bytes.subarray(o, end), type: String.fromCharCode(bytes[o + 11]), length: bytes[o + 16], decimals: bytes[o + 17], offset });
    offset += bytes[o + 16];
  }
  return { numRecords, headerLength, recordLength, ldid: bytes[29], fields };
}

export function readDbf(bytes: Uint8Array, encoding: string): DbfRead {
  const h = dbfHeader(bytes);
  if (!h) return { fields: [], records: [], problems: [], error: `file is ${bytes.length} bytes, shorter than a DBF header`, ldid: 0 };
  const dec = new TextDecoder(encoding);
  const fields = h.fields.map((f) => ({ ...f, name: dec.decode(f.rawName).trim() }));
  const problems: DbfRead['problems'] = [];
  let error: string | undefined;
  if (h.headerLength < 33 || h.recordLength < 1) return { fields: [], records: [], problems, error: 'not a DBF file (bad header lengths)', ldid: h.ldid };
  const sum = fields.reduce((s, f) => s + f.length, 1);
  if (sum !== h.recordLength) error = `field lengths (${sum}) do not add up to the record length (${h.recordLength})`;
  const asciiText = decodesAsciiAsIs(dec);
  const cells = fields.map((f) => ({ field: f, kind: cellKind(f.type), offset: f.offset, length: f.length, name: f.name }));
  const records: Record<string, unknown>[] = [];
  for (let r = 0; r < h.numRecords; r++) {
    const rec = h.headerLength + r * h.recordLength;
    if (rec + h.recordLength > bytes.length) {
      error = `file truncated: ${r} of ${h.numRecords} records present`;
      break;
    }
    const props: Record<string, unknown> = {};
    for (const c of cells) {
      // Clamped to the file, as a subarray is: fields may add up to more than the record length.
      const start = Math.min(rec + c.offset, bytes.length);
      const end = Math.min(start + c.length, bytes.length);
      props[c.name] = c.kind === Kind.Text
        ? textCell(bytes, start, end, dec, asciiText)
        : latin1Cell(bytes, start, end, c.kind, c.field, r, problems);
    }
    records.push(props);
  }
  return { fields, records, problems, error, ldid: h.ldid };
}

/** How a field's cells are read: C through the decoder, the others from their bytes as Latin-1. */
const enum Kind {
  Text,
  Number,
  Logical,
  Date,
  Other,
}

function cellKind(type: string): Kind {
  switch (type) {
    case 'C':
      return Kind.Text;
    case 'N':
    case 'F':
    case 'O':
      return Kind.Number;
    case 'L':
      return Kind.Logical;
    case 'D':
      return Kind.Date;
    default:
      return Kind.Other;
  }
}

/**
 * Whether the decoder turns every byte below 0x80 into the code point of the same value, each on its
 * own, so a cell of such bytes reads the same built directly from them. True of every WHATWG encoding
 * but the UTF-16 pair, ISO-2022-JP (stateful, escapes) and "replacement"; the probe checks the decoder
 * at hand rather than trusting the name alone.
 */
function decodesAsciiAsIs(dec: TextDecoder): boolean {
  if (/^(utf-16|iso-2022-jp|replacement)/.test(dec.encoding)) return false;
  const probe = new Uint8Array(128);
  for (let i = 0; i < 128; i++) probe[i] = i;
  return dec.decode(probe) === latin1(probe, 0, 128);
}

/**
 * The bytes [s, e) as a string, one code point per byte (Latin-1): up to eight at a time by
 * String.fromCharCode's arguments, which makes no intermediate strings or arrays for short cells.
 */
function latin1(b: Uint8Array, s: number, e: number): string {
  const f = String.fromCharCode;
  switch (e - s) {
    case 0: return '';
    case 1: return f(b[s]);
    case 2: return f(b[s], b[s + 1]);
    case 3: return f(b[s], b[s + 1], b[s + 2]);
    case 4: return f(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5: return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6: return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7: return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8: return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    default:
      if (e - s > 32) return f(...b.subarray(s, e));
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]) + latin1(b, s + 8, e);
  }
}

/** JavaScript's trim() whitespace among code points 0-255: TAB, LF, VT, FF, CR, space, no-break space. */
function isTrimmedLatin1(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
}

/** A C cell: decoded, trailing NULs dropped, then trimmed; null when nothing is left. */
function textCell(b: Uint8Array, s: number, e: number, dec: TextDecoder, asciiText: boolean): string | null {
  if (asciiText) {
    // When every byte is below 0x80 the decoded string is the bytes themselves, so trailing NULs and
    // trim() whitespace (among these bytes TAB..CR and space) are dropped from the bytes first, and
    // only what is left is checked for bytes of 0x80 and above.
    let t = e;
    while (t > s && b[t - 1] === 0) t--;
    while (t > s && isTrimmedAscii(b[t - 1])) t--;
    let i = s;
    while (i < t && isTrimmedAscii(b[i])) i++;
    let ascii = true;
    for (let k = i; k < t; k++) {
      if (b[k] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return i === t ? null : latin1(b, i, t);
  }
  const decoded = dec.decode(b.subarray(s, e));
  let n = decoded.length;
  while (n > 0 && decoded.charCodeAt(n - 1) === 0) n--;
  const text = (n === decoded.length ? decoded : decoded.slice(0, n)).trim();
  return text === '' ? null : text;
}

/** JavaScript's trim() whitespace among code points 0-127: TAB, LF, VT, FF, CR, space. */
function isTrimmedAscii(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * A cell of any type but C, read from its bytes as Latin-1 with trailing NULs dropped and then trimmed
 * as trim() would trim that string: N/F/O a number (null when blank or all '*'; the text, with a
 * problem, when not a finite number), L true/false/null, D yyyy-mm-dd when eight digits, else the text.
 */
function latin1Cell(b: Uint8Array, s: number, e: number, kind: Kind, f: DbfField, r: number, problems: DbfRead['problems']): unknown {
  while (e > s && b[e - 1] === 0) e--;
  while (e > s && isTrimmedLatin1(b[e - 1])) e--;
  while (s < e && isTrimmedLatin1(b[s])) s++;
  switch (kind) {
    case Kind.Number: {
      if (s === e) return null;
      const n = plainDecimal(b, s, e);
      if (n !== undefined) return n;
      let stars = true;
      for (let i = s; i < e; i++) {
        if (b[i] !== 0x2a) {
          stars = false;
          break;
        }
      }
      if (stars) return null;
      const text = latin1(b, s, e);
      const v = Number(text);
      if (!Number.isFinite(v)) {
        problems.push([r, f.name, `"${text}" in numeric field is not a number`]);
        return text;
      }
      return v;
    }
    case Kind.Logical: {
      if (e - s !== 1) return null;
      const c = b[s];
      return c === 0x59 || c === 0x79 || c === 0x54 || c === 0x74 ? true : c === 0x4e || c === 0x6e || c === 0x46 || c === 0x66 ? false : null;
    }
    case Kind.Date: {
      if (e - s === 8) {
        let digits = true;
        for (let i = s; i < e; i++) {
          if (b[i] < 0x30 || b[i] > 0x39) {
            digits = false;
            break;
          }
        }
        if (digits) return `${latin1(b, s, s + 4)}-${latin1(b, s + 4, s + 6)}-${latin1(b, s + 6, e)}`;
      }
      return s === e ? null : latin1(b, s, e);
    }
    default:
      return s === e ? null : latin1(b, s, e);
  }
}

/**
 * The value of [+-]digits[.digits] (at least one digit, at most 15 in all) in the bytes [s, e), else
 * undefined. The digits make an integer below 2^53 and the scale a power of ten below 10^22, both exact
 * doubles, so their one correctly rounded quotient is the correctly rounded value Number() returns.
 */
function plainDecimal(b: Uint8Array, s: number, e: number): number | undefined {
  let i = s;
  const c0 = b[i];
  const negative = c0 === 0x2d;
  if (negative || c0 === 0x2b) i++;
  let m = 0;
  let digits = 0;
  let decimals = 0;
  let point = false;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (point) decimals++;
    } else if (c === 0x2e && !point) {
      point = true;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const v = decimals === 0 ? m : m / POW10[decimals];
  return negative ? -v : v;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
