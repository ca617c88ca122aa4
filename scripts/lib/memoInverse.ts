// A projection whose inverse remembers the points it has already mapped, by exact value: the
// bands of one facility repeat their vertices (a crossing of a street lattice ends four lines,
// and every band holds the smaller bands' network again), and the inverse (a transverse Mercator
// series of a dozen transcendental functions) costs several times a table lookup. The same point
// gives the same array back, so the output is unchanged. `clear` forgets everything (per facility,
// so that memory stays bounded).
import type { Position } from '../../src/engine/types';
import type { XY } from '../../src/engine/reach/reachProvider';

export interface MemoInverse {
  inverse(xy: XY): Position;
  /** Forgets every remembered point. */
  clear(): void;
  /** Points mapped by the projection itself / answered from the table, since the start. */
  readonly stats: { computed: number; remembered: number };
}

export function memoInverse(projection: { inverse(xy: XY): Position }): MemoInverse {
  let capacity = 1 << 12;
  let keys = new Float64Array(2 * capacity);
  let slots = new Int32Array(capacity).fill(-1);
  let values: Position[] = [];
  const stats = { computed: 0, remembered: 0 };
  const f64 = new Float64Array(2);
  const u32 = new Uint32Array(f64.buffer);
  const hash = (x: number, y: number) => {
    f64[0] = x;
    f64[1] = y;
    let h = Math.imul(u32[0] ^ Math.imul(u32[1], 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ u32[2] ^ (h >>> 15), 0xc2b2ae35);
    h ^= Math.imul(u32[3], 0x27d4eb2f);
    return (h ^ (h >>> 13)) >>> 0;
  };
  const place = (x: number, y: number, index: number) => {
    const mask = capacity - 1;
    let s = hash(x, y) & mask;
    while (slots[s] !== -1) s = (s + 1) & mask;
    slots[s] = index;
  };
  const grow = () => {
    capacity *= 2;
    slots = new Int32Array(capacity).fill(-1);
    const old = keys;
    keys = new Float64Array(2 * capacity);
    keys.set(old);
    for (let i = 0; i < values.length; i++) place(keys[2 * i], keys[2 * i + 1], i);
  };
  return {
    stats,
    inverse(xy: XY): Position {
      const x = xy[0], y = xy[1];
      const mask = capacity - 1;
      let s = hash(x, y) & mask;
      for (;;) {
        const i = slots[s];
        if (i === -1) break;
        // Object.is: -0 and NaN are values of their own (the projection may treat them so).
        if (Object.is(keys[2 * i], x) && Object.is(keys[2 * i + 1], y)) {
          stats.remembered++;
          return values[i];
        }
        s = (s + 1) & mask;
      }
      const p = projection.inverse(xy);
      stats.computed++;
      const index = values.length;
      values.push(p);
      keys[2 * index] = x;
      keys[2 * index + 1] = y;
      slots[s] = index;
      if (2 * values.length > capacity) grow();
      return p;
    },
    clear() {
      if (values.length === 0) return;
      slots.fill(-1);
      values = [];
    },
  };
}
