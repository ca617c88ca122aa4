import { describe, expect, it } from 'vitest';
import { repeatedIds } from '../../src/engine/repeatedIds';
import { mulberry32 as random } from '../../bench/lib/random';

/** The independent method: a plain Set of ids seen and one of ids listed. */
function bySet<T>(ids: T[]): T[] {
  const seen = new Set<T>();
  const listed = new Set<T>();
  const out: T[] = [];
  for (const id of ids) {
    if (seen.has(id) && !listed.has(id)) { listed.add(id); out.push(id); }
    seen.add(id);
  }
  return out;
}

describe('repeatedIds', () => {
  it('lists each repeated id once, at its second occurrence, in that order', () => {
    // a repeats at 2, c at 4, a again at 5 (already listed), b at 6: a, c, b.
    expect(repeatedIds(['a', 'b', 'a', 'c', 'c', 'a', 'b', 'd'])).toEqual(['a', 'c', 'b']);
    expect(repeatedIds(['x', 'y', 'z'])).toEqual([]);
    expect(repeatedIds([])).toEqual([]);
  });

  it('matches a plain Set on random ids with planted duplicates', () => {
    const rnd = random(13);
    for (let round = 0; round < 20; round++) {
      const n = 1 + Math.floor(rnd() * 5000);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        // Mostly fresh ids of mixed lengths and scripts; some copy an earlier one (planted).
        if (i > 0 && rnd() < 0.05) ids.push(ids[Math.floor(rnd() * i)]);
        else ids.push(`${rnd() < 0.3 ? '楼' : 'R'}${Math.floor(rnd() * 1e9).toString(36)}-${i % 7}`);
      }
      const expected = bySet(ids);
      expect(expected.length).toBeGreaterThan(0);
      expect(repeatedIds(ids)).toEqual(expected);
    }
  });

  it('tells apart ids that share a hash slot (many short ids in a small table)', () => {
    // Every two-character id over a small alphabet, each twice in a shuffled order.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const ids: string[] = [];
    for (const a of alphabet) for (const b of alphabet) ids.push(a + b, b + a);
    const rnd = random(7);
    for (let i = ids.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [ids[i], ids[j]] = [ids[j], ids[i]]; }
    expect(repeatedIds(ids)).toEqual(bySet(ids));
  });

  it('compares ids that are not all strings as a Set does', () => {
    const ids: unknown[] = ['1', 1, undefined, '1', 1, 'undefined', undefined, null, null];
    expect(repeatedIds(ids)).toEqual(bySet(ids));
    expect(repeatedIds(ids)).toEqual(['1', 1, undefined, null]);
  });

  it('gives the same list when every id falls in one slot (a file made to collide the hash)', () => {
    // 200 ids whose FNV-1a hash agrees in the low 10 bits (the table for their 267 occurrences has 1,024 slots),
    // found by search, then repeated: probing alone would pass the budget, so the Set takes over.
    const fnv = (s: string) => { let h = 0x811c9dc5; for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 0x01000193); return h & 1023; };
    const colliding: string[] = [];
    for (let k = 0; colliding.length < 200; k++) if (fnv(`id${k}`) === 7) colliding.push(`id${k}`);
    const ids = [...colliding, ...colliding.filter((_, i) => i % 3 === 0).reverse()];
    expect(ids.every((id) => fnv(id) === 7)).toBe(true);
    expect(repeatedIds(ids)).toEqual(bySet(ids));
    expect(repeatedIds(ids).length).toBe(67);
  });
});
