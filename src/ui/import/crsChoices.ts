// The CRS choices the import dialog offers besides what was detected: first the zones suggested from
// the file's own coordinates (io/crs/suggestCrs.ts), then lon/lat systems, the offset systems of
// Chinese web maps (GCJ-02, BD-09), CGCS2000 Gauss-Krüger 3° zones (with and without the zone
// prefix) and 6° zones, Xi'an 1980 / Beijing 1954 (STANDARDS.md §4), and a typed EPSG code.
import { cgcs2000GkEpsg } from '../../io/crs/chineseCrs';
import type { CrsSuggestion } from '../../io/import/types';

export interface CrsChoice {
  /** The value passed to readLayer's crs option. */
  value: string;
  label: { zh: string; en: string };
  group: 'suggested' | 'geographic' | 'offset' | 'gk3' | 'gk3prefixed' | 'gk6' | 'older';
}

/** Every choice once; the CRSs suggested for the file (read without swapping X/Y) come first, in their order. */
export function crsChoices(suggested: CrsSuggestion[] = []): CrsChoice[] {
  const all = allChoices();
  const first = [...new Set(suggested.filter((s) => !s.swapXY).map((s) => s.crs))];
  const lifted = first.flatMap((value): CrsChoice[] => {
    const c = all.find((x) => x.value === value);
    return [{ value, group: 'suggested', label: { zh: `建议：${c?.label.zh ?? value}`, en: `Suggested: ${c?.label.en ?? value}` } }];
  });
  return [...lifted, ...all.filter((c) => !first.includes(c.value))];
}

function allChoices(): CrsChoice[] {
  const out: CrsChoice[] = [
    { value: 'EPSG:4326', label: { zh: 'WGS84 经纬度（EPSG:4326）', en: 'WGS84 lon/lat (EPSG:4326)' }, group: 'geographic' },
    { value: 'EPSG:4490', label: { zh: 'CGCS2000 经纬度（EPSG:4490）', en: 'CGCS2000 lon/lat (EPSG:4490)' }, group: 'geographic' },
    { value: 'GCJ02', label: { zh: 'GCJ-02 火星坐标（高德、腾讯）→ 纠偏为 WGS84', en: 'GCJ-02 (Amap, Tencent) → corrected to WGS84' }, group: 'offset' },
    { value: 'BD09', label: { zh: 'BD-09 百度坐标 → 纠偏为 WGS84', en: 'BD-09 (Baidu) → corrected to WGS84' }, group: 'offset' },
  ];
  for (let cm = 75; cm <= 135; cm += 3) {
    const code = cgcs2000GkEpsg(cm, 3, false);
    if (code) out.push({ value: `EPSG:${code}`, label: { zh: `CGCS2000 高斯-克吕格 3° 带 中央经线 ${cm}°E（EPSG:${code}）`, en: `CGCS2000 3° Gauss-Krüger CM ${cm}°E (EPSG:${code})` }, group: 'gk3' });
  }
  for (let cm = 75; cm <= 135; cm += 3) {
    const code = cgcs2000GkEpsg(cm, 3, true);
    if (code) out.push({ value: `EPSG:${code}`, label: { zh: `CGCS2000 高斯-克吕格 3° 带 第 ${cm / 3} 带（带号前缀，EPSG:${code}）`, en: `CGCS2000 3° Gauss-Krüger zone ${cm / 3} (zone prefix, EPSG:${code})` }, group: 'gk3prefixed' });
  }
  for (let cm = 75; cm <= 135; cm += 6) {
    const code = cgcs2000GkEpsg(cm, 6, false);
    if (code) out.push({ value: `EPSG:${code}`, label: { zh: `CGCS2000 高斯-克吕格 6° 带 中央经线 ${cm}°E（EPSG:${code}）`, en: `CGCS2000 6° Gauss-Krüger CM ${cm}°E (EPSG:${code})` }, group: 'gk6' });
  }
  out.push(
    { value: 'EPSG:4610', label: { zh: '西安 1980 经纬度（EPSG:4610，按 WGS84 处理）', en: "Xi'an 1980 lon/lat (EPSG:4610, taken as WGS84)" }, group: 'older' },
    { value: 'EPSG:4214', label: { zh: '北京 1954 经纬度（EPSG:4214，近似转换）', en: 'Beijing 1954 lon/lat (EPSG:4214, approximate)' }, group: 'older' },
  );
  return out;
}

/** A typed CRS: '4547', 'epsg:4547', 'EPSG 4547' → 'EPSG:4547'; 'gcj02'/'gcj-02' → 'GCJ02'; '' when not understood. */
export function normalizeCrsInput(text: string): string {
  const t = text.trim();
  if (/^gcj[-_ ]?02$/i.test(t)) return 'GCJ02';
  if (/^bd[-_ ]?09$/i.test(t)) return 'BD09';
  const m = /^(?:epsg)?\s*[: ]?\s*(\d{4,6})$/i.exec(t);
  if (m) return `EPSG:${m[1]}`;
  if (/^\+proj=/.test(t)) return t;
  return '';
}
