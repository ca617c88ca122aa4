// The JSON text of the audit's community records: the same characters as JSON.stringify, with each
// failure's citation given as UTF-8 bytes made once. A city's audit repeats a handful of citations
// (one object per rule, shared by every failure of that rule) tens of thousands of times; they are
// about 40 % of the output's bytes and all of its non-Latin-1 text. Stringified with the records,
// they make JSON.stringify's whole text two bytes a character and are escaped, copied and encoded
// again every time. Here the records are stringified with each such citation replaced by a marker
// (the text stays one byte a character where the records' own strings are Latin-1, so encoding it
// is cheap), the text is cut at the markers, and each citation's bytes go between the pieces.
//
// Exactness: only a citation that is an object without toJSON, the own member `source` of a failure
// that is an object without toJSON, in the own member `failures` (an array) of a record that is an
// object without toJSON, is replaced: its text then depends on nothing but itself and its depth,
// the same for every record of the array. The records and failures are shallow copies with only
// that value changed (members keep their order); nothing given is changed. The marker is a
// character JSON.stringify writes as it is (DEL); a record's own strings may hold it too, so each
// batch counts the markers in its text, and where there are more than were put in, the batch is
// stringified as it is instead.

const encoder = new TextEncoder();

/** What stands for a citation in the text stringified: a one-character string, written "\x7f". */
const MARK = '\x7f';

/** Citations' texts kept per writer; beyond this many distinct ones, the rest are stringified with their records. */
const MAX_CITATIONS = 256;

const isEnumerableOwn = (o: object, key: string) => Object.prototype.propertyIsEnumerable.call(o, key);

/** An object JSON.stringify writes member by member (no toJSON of its own or inherited). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** The text of `{ [key]: [0, 0] }` cut around its zeros (as jsonChunks cuts a batch's frame). */
function arrayFrame(key: string, indent: number): { head: string; tail: string } {
  const s = JSON.stringify({ [key]: [0, 0] }, null, indent);
  const quoted = JSON.stringify(key);
  const first = s.indexOf('0', s.indexOf(quoted) + quoted.length);
  const last = s.lastIndexOf('0');
  return { head: s.slice(0, first), tail: s.slice(last + 1) };
}

/**
 * Writes records that stand as the elements of the member `key` of a top-level object (the audit
 * JSON's `communities`) at `indent`, their failures' citations (`failures[i].source`) from bytes.
 */
export class AuditRecordsJson {
  private readonly head: string;
  private readonly tail: string;
  /** The indentation a citation's lines get where it stands: { key: [ record { failures: [ { source } ] } ] } is 5 levels deep. */
  private readonly citationIndent: string;
  private readonly citations = new Map<object, Uint8Array>();

  constructor(private readonly key: string, private readonly indent: number) {
    ({ head: this.head, tail: this.tail } = arrayFrame(key, indent));
    this.citationIndent = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))) * 5);
  }

  /** The citation's text where it stands, as UTF-8; undefined when no more are kept. */
  private citation(source: object): Uint8Array | undefined {
    const known = this.citations.get(source);
    if (known !== undefined || this.citations.size >= MAX_CITATIONS) return known;
    const text = JSON.stringify(source, null, this.indent);
    const bytes = encoder.encode(this.citationIndent ? text.replace(/\n/g, `\n${this.citationIndent}`) : text);
    this.citations.set(source, bytes);
    return bytes;
  }

  /** `record` with its failures' citations replaced by the marker (itself when none is), their bytes added to `cited`. */
  private marked(record: unknown, cited: Uint8Array[]): unknown {
    if (!isRecord(record) || !isEnumerableOwn(record, 'failures')) return record;
    const failures = record.failures;
    if (!Array.isArray(failures) || !isRecord(failures)) return record;
    let copies: unknown[] | undefined;
    for (let i = 0; i < failures.length; i++) {
      const f: unknown = failures[i];
      if (!isRecord(f) || !isEnumerableOwn(f, 'source')) continue;
      const source = f.source;
      if (!isRecord(source)) continue;
      const bytes = this.citation(source);
      if (bytes === undefined) continue;
      copies ??= failures.slice();
      copies[i] = { ...f, source: MARK };
      cited.push(bytes);
    }
    return copies ? { ...record, failures: copies } : record;
  }

  /**
   * The text of elements [from, to) of `records`, with the separators between them, in pieces
   * (text and UTF-8 bytes): joined, exactly the stretch JSON.stringify({ [key]: records }, null,
   * indent) has there.
   */
  *stretch(records: readonly unknown[], from: number, to: number): Generator<string | Uint8Array> {
    const cited: Uint8Array[] = [];
    const batch: unknown[] = [];
    for (let i = from; i < to; i++) batch.push(this.marked(records[i], cited));
    const text = (elements: unknown[]) => {
      const s = JSON.stringify({ [this.key]: elements }, null, this.indent);
      return s.slice(this.head.length, s.length - this.tail.length);
    };
    if (cited.length === 0) {
      yield text(records.slice(from, to));
      return;
    }
    // Cut at the markers: each piece but the first begins with a marker's closing quote, each but
    // the last ends with its opening quote.
    const pieces = text(batch).split(MARK);
    if (pieces.length !== cited.length + 1) {
      yield text(records.slice(from, to));
      return;
    }
    const last = cited.length;
    yield pieces[0].slice(0, -1);
    for (let k = 0; k < last; k++) {
      yield cited[k];
      yield k + 1 < last ? pieces[k + 1].slice(1, -1) : pieces[last].slice(1);
    }
  }
}
