// Number formatting for people: thousands separators, units, shares as percentages.
// Shares are truncated (not rounded) to one decimal so that a failing 94.96 % never reads "95.0 %"
// next to a 95 % standard. Shared by the app and the report.
export type Locale = 'zh' | 'en';

const intl = (lang: Locale, digits: number) =>
  new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatNumber(value: number | null | undefined, lang: Locale, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return intl(lang, digits).format(value);
}

/** 0..1 → "94.9" (truncated towards zero at one decimal; 1 → "100"). */
export function formatSharePercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const tenths = Math.floor(share * 1000 + 1e-9);
  if (tenths >= 1000) return '100';
  return (tenths / 10).toFixed(1);
}

/** Metres → "300 米" / "1.2 公里" style value and unit key. */
export function distanceParts(m: number): { key: 'm' | 'km'; value: string } {
  if (m >= 1000) return { key: 'km', value: (Math.round(m / 100) / 10).toString() };
  return { key: 'm', value: Math.round(m).toString() };
}
