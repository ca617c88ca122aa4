// A growing UTF-8 buffer: text (encoded straight into it) and bytes appended in order, handed
// over whole at the end; for texts made in one thread and sent to another as one transferable
// buffer instead of strings that are copied on the way and encoded again.

const encoder = new TextEncoder();

export class Utf8Builder {
  private buf: Uint8Array;
  private at = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, initialBytes));
  }

  /** Bytes appended so far. */
  get length(): number {
    return this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  append(chunk: string | Uint8Array): void {
    if (typeof chunk !== 'string') {
      this.room(chunk.length);
      this.buf.set(chunk, this.at);
      this.at += chunk.length;
      return;
    }
    // encodeInto stops before a character that does not fit; what is left needs at most 3 bytes a unit.
    const { read, written } = encoder.encodeInto(chunk, this.buf.subarray(this.at));
    this.at += written;
    if (read < chunk.length) {
      const rest = chunk.slice(read);
      this.room(rest.length * 3);
      this.at += encoder.encodeInto(rest, this.buf.subarray(this.at)).written;
    }
  }

  /** What was appended, in a buffer of its own length. */
  bytes(): Uint8Array {
    return this.at === this.buf.length ? this.buf : this.buf.slice(0, this.at);
  }
}
