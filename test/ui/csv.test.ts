import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/ui/table/csv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and quotes separators', () => {
    const s = toCsv(['编号', '名称'], [['SQ001', '东关, 社区']]);
    expect(s.charCodeAt(0)).toBe(0xfeff);
    expect(s).toBe('\uFEFF编号,名称\r\nSQ001,"东关, 社区"\r\n');
  });
  it('neutralises cells a spreadsheet would run as formulas, but not negative numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
