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
      props[f.name] = parseValue(text, f, r, problems);
    }
    records.push(props);
  }
  return { fields, records, problems, error, ldid: h.ldid };
}

function parseValue(text: string, f: DbfField, r: number, problems: DbfRead['problems']): unknown {
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
