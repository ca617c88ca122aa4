import { describe, expect, it } from 'vitest';
import { distanceParts, formatNumber, formatSharePercent } from '../../src/text/format';

describe('formatSharePercent', () => {
  it('truncates so that a failing share never reads as the standard', () => {
    // 0.94999 × 100 = 94.999 % → truncated to 94.9, not rounded to 95.0
    expect(formatSharePercent(0.94999)).toBe('94.9');
    expect(formatSharePercent(0.95)).toBe('95.0');
    expect(formatSharePercent(1)).toBe('100');
    expect(formatSharePercent(0)).toBe('0.0');
    expect(formatSharePercent(null)).toBe('—');
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(12345.678, 'en', 1)).toBe('12,345.7');
    expect(formatNumber(3100, 'zh')).toBe('3,100');
    expect(formatNumber(null, 'zh')).toBe('—');
    expect(formatNumber(NaN, 'en')).toBe('—');
  });
});

describe('distanceParts', () => {
  it('switches to km at 1000 m', () => {
    expect(distanceParts(300)).toEqual({ key: 'm', value: '300' });
    expect(distanceParts(1250)).toEqual({ key: 'km', value: '1.3' });
  });
});
