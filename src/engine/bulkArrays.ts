// Large typed-array columns (a layer's vertices, offsets, boxes, its index) in memory the
// JavaScript engine does not count against its own heap.
//
// V8 counts each isolate's ArrayBuffer memory and starts a full mark of the whole heap whenever
// that count has grown 64 MB past its level at the last full collection ("external memory
// pressure"). The residential layer of a 300k-footprint city allocates ~115 MB of columns, so the
// residential basis paid a full collection of a ~160 MB heap that the area basis never paid
// (≈ 150–250 ms CPU of a 3 s audit), only to free dead columns early. SharedArrayBuffer memory is
// not counted per isolate (V8 BackingStore::PerIsolateAccountingLength), so columns in it start no
// collection of their own; they are still freed at the first collection after their last
// reference goes. The trade: dead columns may live until then (peak memory, not CPU).
//
// SharedArrayBuffer exists in Node and in cross-origin-isolated pages only. Elsewhere (the app as
// served is not isolated) the columns are ordinary ArrayBuffers, exactly as before. Small arrays
// stay ordinary everywhere: they move the count little.
//
// postMessage shares a SharedArrayBuffer instead of moving it, and refuses one in a transfer list:
// transferableBuffers leaves them out.

/** Columns of at least this many bytes are shared memory where the host has it. */
export const BULK_MIN_BYTES = 1 << 20;

type BufferConstructor = new (bytes: number) => ArrayBufferLike;

/**
 * The buffer constructor for a column of `bytes` (for libraries that allocate their own, such as
 * Flatbush): SharedArrayBuffer when the column is at least BULK_MIN_BYTES and the host has one
 * (looked up per call), else ArrayBuffer.
 */
export function bulkBufferType(bytes: number): BufferConstructor {
  const shared = (globalThis as { SharedArrayBuffer?: BufferConstructor }).SharedArrayBuffer;
  return bytes >= BULK_MIN_BYTES && typeof shared === 'function' ? shared : ArrayBuffer;
}

/** A zeroed buffer of `bytes` for a column (bulkBufferType). */
export function bulkBuffer(bytes: number): ArrayBufferLike {
  return new (bulkBufferType(bytes))(bytes);
}

/** A zeroed Float64Array of `length` for a large column (bulkBuffer). */
export function bulkFloat64(length: number): Float64Array {
  return new Float64Array(bulkBuffer(8 * length));
}

/** A zeroed Uint32Array of `length` for a large column (bulkBuffer). */
export function bulkUint32(length: number): Uint32Array {
  return new Uint32Array(bulkBuffer(4 * length));
}

/** A zeroed Int32Array of `length` for a large column (bulkBuffer). */
export function bulkInt32(length: number): Int32Array {
  return new Int32Array(bulkBuffer(4 * length));
}

/**
 * The distinct ArrayBuffers behind `items` (typed arrays or buffers) that postMessage can move:
 * shared buffers are left out, since they are shared without a transfer and a transfer list
 * holding one throws.
 */
export function transferableBuffers(items: Iterable<unknown>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const v of items) {
    const b = ArrayBuffer.isView(v) ? v.buffer : v;
    if (b instanceof ArrayBuffer) out.add(b);
  }
  return [...out];
}
