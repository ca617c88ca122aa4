import { describe, expect, it } from 'vitest';
import { crsChoices, normalizeCrsInput } from '../../../src/ui/import/crsChoices';

describe('CRS choices', () => {
  it('lists the 21 CGCS2000 3° zones CM 75°E…135°E both ways, numbered as in STANDARDS.md §4', () => {
    const c = crsChoices();
    const gk3 = c.filter((x) => x.group === 'gk3');
    const pref = c.filter((x) => x.group === 'gk3prefixed');
    expect(gk3.length).toBe(21); // (135 − 75) / 3 + 1
    expect(gk3[0].value).toBe('EPSG:4534');
    expect(gk3.find((x) => x.value === 'EPSG:4547')!.label.zh).toContain('114°E'); // 4534 + (114 − 75) / 3
    expect(pref.find((x) => x.value === 'EPSG:4528')!.label.en).toContain('zone 40'); // 120 / 3 = 40
    expect(c.filter((x) => x.group === 'gk6').length).toBe(11); // (135 − 75) / 6 + 1
    expect(c.map((x) => x.value)).toEqual(expect.arrayContaining(['EPSG:4326', 'EPSG:4490', 'GCJ02', 'BD09']));
    expect(new Set(c.map((x) => x.value)).size).toBe(c.length);
  });

  it('puts the zones suggested from the file first, each once, in the suggested order', () => {
    const reason = { zh: '', en: '' };
    const c = crsChoices([{ crs: 'EPSG:4547', reason }, { crs: 'EPSG:4546', reason }, { crs: 'EPSG:4544', swapXY: true, reason }]);
    expect(c.slice(0, 2).map((x) => [x.value, x.group])).toEqual([['EPSG:4547', 'suggested'], ['EPSG:4546', 'suggested']]);
    expect(c[0].label.zh).toBe('建议：CGCS2000 高斯-克吕格 3° 带 中央经线 114°E（EPSG:4547）');
    expect(new Set(c.map((x) => x.value)).size).toBe(c.length);
    expect(c.length).toBe(crsChoices().length);
  });

  it('understands typed codes and refuses the rest', () => {
    expect(normalizeCrsInput('4547')).toBe('EPSG:4547');
    expect(normalizeCrsInput(' epsg:4544 ')).toBe('EPSG:4544');
    expect(normalizeCrsInput('EPSG 4490')).toBe('EPSG:4490');
    expect(normalizeCrsInput('gcj-02')).toBe('GCJ02');
    expect(normalizeCrsInput('BD09')).toBe('BD09');
    expect(normalizeCrsInput('+proj=tmerc +lon_0=114')).toBe('+proj=tmerc +lon_0=114');
    expect(normalizeCrsInput('Gauss')).toBe('');
    expect(normalizeCrsInput('45')).toBe('');
  });
});
