// The table's one column definition: header clicks, stable sorting with missing values last when
// largest-first, and the cells as the UI shows them.
import { describe, expect, it } from 'vitest';
import { COLUMNS, nextSort, sortRows, type Row } from '../../../src/ui/table/columns';

const row = (index: number, id: string, households: number | null, green: number): Row =>
  ({ index, id, name: id, households, greenCoverage: green, failures: [], status: 'pass' } as Partial<Row> as Row);
const rows = [row(0, 'SQ010', 300, 0.5), row(1, 'SQ002', null, 0.9), row(2, 'SQ001', 300, 0.94999)];

describe('table columns', () => {
  it('first click sorts numbers largest first and text A→Z; a second click flips', () => {
    expect(nextSort({ id: 'failures', desc: true }, 'households')).toEqual({ id: 'households', desc: true });
    expect(nextSort({ id: 'failures', desc: true }, 'name')).toEqual({ id: 'name', desc: false });
    expect(nextSort({ id: 'name', desc: false }, 'name')).toEqual({ id: 'name', desc: true });
  });

  it('sorts stably (ties in data order), missing values below every real one, codes in numeric order', () => {
    expect(sortRows(rows, { id: 'households', desc: true }).map((r) => r.index)).toEqual([0, 2, 1]);
    expect(sortRows(rows, { id: 'households', desc: false }).map((r) => r.index)).toEqual([1, 0, 2]);
    expect(sortRows(rows, { id: 'id', desc: false }).map((r) => r.id)).toEqual(['SQ001', 'SQ002', 'SQ010']);
  });

  it('shows shares truncated to one decimal, as everywhere in the UI (94.999 % reads 94.9 %)', () => {
    const green = COLUMNS.find((c) => c.id === 'green')!;
    const t = (k: string) => k;
    expect(green.text(rows[2], t, 'zh')).toBe('94.9%');
    expect(green.value(rows[2], t)).toBe(94.9);
    const households = COLUMNS.find((c) => c.id === 'households')!;
    expect(households.text(row(3, 'X', 12345, 0), t, 'zh')).toBe('12,345');
    expect(households.value(row(3, 'X', 12345, 0), t)).toBe(12345);
    expect(households.value(rows[1], t)).toBeNull();
  });
});
