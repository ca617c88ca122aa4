// Large columns in shared memory where the host has it (Node here), ordinary memory otherwise and
// for small arrays; a transfer list never holds a shared buffer, which postMessage refuses.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BULK_MIN_BYTES, bulkBuffer, bulkBufferType, bulkFloat64, bulkUint32, transferableBuffers } from '../../src/engine/bulkArrays';

const SAB = SharedArrayBuffer;

afterEach(() => { vi.unstubAllGlobals(); });

describe('bulk columns', () => {
  it('from BULK_MIN_BYTES on, shared memory; below it, an ordinary buffer; zeroed, of the asked length', () => {
    const big = bulkFloat64(BULK_MIN_BYTES / 8), bigU = bulkUint32(BULK_MIN_BYTES / 4);
    const small = bulkFloat64(BULK_MIN_BYTES / 8 - 1), smallU = bulkUint32(BULK_MIN_BYTES / 4 - 1);
    expect(big.buffer).toBeInstanceOf(SAB);
    expect(bigU.buffer).toBeInstanceOf(SAB);
    expect(small.buffer).toBeInstanceOf(ArrayBuffer);
    expect(smallU.buffer).toBeInstanceOf(ArrayBuffer);
    expect([big.length, bigU.length, small.length, smallU.length]).toEqual([BULK_MIN_BYTES / 8, BULK_MIN_BYTES / 4, BULK_MIN_BYTES / 8 - 1, BULK_MIN_BYTES / 4 - 1]);
    expect(big.every((v) => v === 0) && bigU.every((v) => v === 0)).toBe(true);
    expect(bulkBufferType(BULK_MIN_BYTES)).toBe(SAB);
    expect(bulkBufferType(BULK_MIN_BYTES - 1)).toBe(ArrayBuffer);
  });

  it('a host without SharedArrayBuffer (a page that is not cross-origin isolated) gets ordinary buffers of every size', () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    expect(bulkBuffer(4 * BULK_MIN_BYTES)).toBeInstanceOf(ArrayBuffer);
    expect(bulkFloat64(BULK_MIN_BYTES).buffer).toBeInstanceOf(ArrayBuffer);
    expect(bulkBufferType(4 * BULK_MIN_BYTES)).toBe(ArrayBuffer);
  });
});

describe('transferableBuffers', () => {
  it('the distinct ordinary buffers behind views and buffers; shared ones, and anything else, left out', () => {
    const a = new Float64Array(4), b = new ArrayBuffer(8), shared = bulkFloat64(BULK_MIN_BYTES / 8);
    const list = transferableBuffers([a, a.subarray(1), b, shared, shared.buffer, null, 3, { buffer: b }]);
    expect(list).toEqual([a.buffer, b]);
  });

  it('postMessage takes its list and shares the shared column; with the shared buffer in the list it throws', () => {
    const { port1, port2 } = new MessageChannel();
    try {
      const own = new Float64Array([1, 2]), shared = bulkFloat64(BULK_MIN_BYTES / 8);
      expect(() => port1.postMessage({ own, shared }, [own.buffer, shared.buffer as unknown as ArrayBuffer])).toThrow(/transfer/i);
      port1.postMessage({ own, shared }, transferableBuffers([own, shared]));
      expect(own.length).toBe(0); // moved
      expect(shared.length).toBe(BULK_MIN_BYTES / 8); // shared, still here
    } finally {
      port1.close();
      port2.close();
    }
  });
});
