// The undo history of user edits (planning/undoHistory.ts): plain stacks of edit records.
import { describe, expect, it } from 'vitest';
import { dropEdits, emptyHistory, recordEdit, redoEdit, undoEdit, type UndoHistory } from '../../src/planning/undoHistory';

type E = { kind: string; n: number };
const e = (n: number, kind = 'preset'): E => ({ kind, n });

describe('undo history', () => {
  it('undoes the newest edit first and redoes in the order undone', () => {
    let h: UndoHistory<E> = emptyHistory();
    for (const n of [1, 2, 3]) h = recordEdit(h, e(n));
    const u1 = undoEdit(h)!;
    expect(u1.edit.n).toBe(3);
    const u2 = undoEdit(u1.history)!;
    expect(u2.edit.n).toBe(2);
    expect(u2.history.done.map((x) => x.n)).toEqual([1]);
    const r1 = redoEdit(u2.history)!;
    expect(r1.edit.n).toBe(2);
    expect(r1.history.done.map((x) => x.n)).toEqual([1, 2]);
    expect(r1.history.undone.map((x) => x.n)).toEqual([3]);
  });

  it('has nothing to undo or redo when empty; a new edit drops what was undone', () => {
    const h0 = emptyHistory<E>();
    expect(undoEdit(h0)).toBeNull();
    expect(redoEdit(h0)).toBeNull();
    const h = undoEdit(recordEdit(recordEdit(h0, e(1)), e(2)))!.history;
    expect(h.undone).toHaveLength(1);
    const h2 = recordEdit(h, e(9));
    expect(h2.undone).toEqual([]);
    expect(redoEdit(h2)).toBeNull();
    expect(h2.done.map((x) => x.n)).toEqual([1, 9]);
  });

  it('keeps the newest edits up to the limit', () => {
    let h = emptyHistory<E>();
    for (let n = 1; n <= 7; n++) h = recordEdit(h, e(n), 5);
    expect(h.done.map((x) => x.n)).toEqual([3, 4, 5, 6, 7]);
  });

  it('drops edits of one kind from both stacks, and returns the same history when none match', () => {
    let h = emptyHistory<E>();
    h = recordEdit(recordEdit(recordEdit(h, e(1, 'preset')), e(2, 'facility')), e(3, 'preset'));
    h = undoEdit(h)!.history;
    const d = dropEdits(h, (x) => x.kind === 'preset');
    expect(d.done.map((x) => x.n)).toEqual([2]);
    expect(d.undone).toEqual([]);
    expect(dropEdits(d, (x) => x.kind === 'preset')).toBe(d);
  });

  it('is plain data: a structured clone (IndexedDB) and a JSON round trip give the same history', () => {
    const h = undoEdit(recordEdit(recordEdit(emptyHistory<E>(), e(1)), e(2)))!.history;
    expect(structuredClone(h)).toEqual(h);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });
});
