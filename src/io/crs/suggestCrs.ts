// Coordinates that cannot be what the file claims: lon/lat out of range, northing first, or
// metres in a file that names no projection → CRS suggestions from the file's own coordinates
// (STANDARDS.md §4). Gauss-Krüger eastings with a zone prefix (e.g. 38 500 000) name their zone
// (EPSG:4513–4533 3-degree, 4491–4512 6-degree); without one (false easting 500 000) every central
// meridian fits, so every zone where the data lands in China is offered (EPSG:4534–4554), none
// dropped. The northing alone fixes the latitude, whatever the zone: a location hint (other loaded
// layers, a place name in the file path) only orders the zones when it lies in the file's own
// latitude band — data from another city must not push this file's zone off the list. Without a
// usable hint a coarse urban-population prior orders them.
import proj4 from 'proj4';
import type { CrsSuggestion } from '../import/types';
import { cgcs2000GkEpsg, gkProj4 } from './chineseCrs';
import { CM_PRIOR, inChina } from './chinaExtent';

export interface CoordStats {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  count: number;
}

export function coordStats(): CoordStats & { add(x: number, y: number): void } {
  const s = {
    minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity, count: 0,
    add(x: number, y: number) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      s.count++;
      if (x < s.minX) s.minX = x;
      if (x > s.maxX) s.maxX = x;
      if (y < s.minY) s.minY = y;
      if (y > s.maxY) s.maxY = y;
    },
  };
  return s;
}

export const fitsLonLat = (s: CoordStats): boolean => s.minX >= -180 && s.maxX <= 180 && s.minY >= -90 && s.maxY <= 90;

/** Lon/lat given latitude first: (y, x) fits lon/lat, (x, y) does not, or (x, y) lands outside China while (y, x) lands inside. */
export function looksLatLonSwapped(s: CoordStats): boolean {
  if (s.count === 0) return false;
  const cx = (s.minX + s.maxX) / 2;
  const cy = (s.minY + s.maxY) / 2;
  const swappedFits = s.minY >= -180 && s.maxY <= 180 && s.minX >= -90 && s.maxX <= 90;
  if (!swappedFits) return false;
  if (!fitsLonLat(s)) return true;
  return !inChina(cx, cy) && inChina(cy, cx);
}

interface Candidate {
  crs: string;
  proj: string;
  swap: boolean;
  lon: number;
  lat: number;
  why: { zh: string; en: string };
}

const project = (def: string, x: number, y: number): [number, number] | null => {
  try {
    const p = proj4(def, 'EPSG:4326').forward([x, y]) as [number, number];
    return Number.isFinite(p[0]) && Number.isFinite(p[1]) ? p : null;
  } catch {
    return null;
  }
};

/** Every plausible CRS for projected coordinates whose CRS is unknown or wrong, the likeliest first. */
export function suggestProjectedCrs(s: CoordStats, hint?: { lon: number; lat: number; source?: { zh: string; en: string } }): CrsSuggestion[] {
  if (s.count === 0) return [];
  const cx = (s.minX + s.maxX) / 2;
  const cy = (s.minY + s.maxY) / 2;
  const cands: Candidate[] = [];
  for (const swap of [false, true]) {
    const e = swap ? cy : cx;
    const n = swap ? cx : cy;
    const sw = swap ? { zh: '（X/Y 互换：北坐标在前）', en: ' (X/Y swapped: northing first)' } : { zh: '', en: '' };
    if (n < 1.0e6 || n > 6.2e6) continue;
    const zone = Math.floor(e / 1e6);
    if (zone >= 13 && zone <= 23) {
      const cm = 75 + (zone - 13) * 6;
      const code = cgcs2000GkEpsg(cm, 6, true)!;
      const def = gkProj4({ cm, width: 6, x0: zone * 1e6 + 500000 });
      const p = project(def, e, n);
      if (p && inChina(p[0], p[1]))
        cands.push({ crs: `EPSG:${code}`, proj: def, swap, lon: p[0], lat: p[1], why: { zh: `东坐标含带号 ${zone}（6度带，中央经线 ${cm}°E）${sw.zh}`, en: `easting carries zone number ${zone} (6-degree, CM ${cm}°E)${sw.en}` } });
    }
    if (zone >= 25 && zone <= 45) {
      const cm = 75 + (zone - 25) * 3;
      const code = cgcs2000GkEpsg(cm, 3, true)!;
      const def = gkProj4({ cm, width: 3, x0: zone * 1e6 + 500000 });
      const p = project(def, e, n);
      if (p && inChina(p[0], p[1]))
        cands.push({ crs: `EPSG:${code}`, proj: def, swap, lon: p[0], lat: p[1], why: { zh: `东坐标含带号 ${zone}（3度带，中央经线 ${cm}°E）${sw.zh}`, en: `easting carries zone number ${zone} (3-degree, CM ${cm}°E)${sw.en}` } });
    }
    if (e > 0 && e < 1e6) {
      for (let cm = 75; cm <= 135; cm += 3) {
        const def = gkProj4({ cm, width: 3, x0: 500000 });
        const p = project(def, e, n);
        if (p && inChina(p[0], p[1]))
          cands.push({ crs: `EPSG:${cgcs2000GkEpsg(cm, 3, false)}`, proj: def, swap, lon: p[0], lat: p[1], why: { zh: `高斯-克吕格米制坐标，无带号（3度带，中央经线 ${cm}°E）${sw.zh}`, en: `Gauss-Krüger metres without zone number (3-degree, CM ${cm}°E)${sw.en}` } });
      }
    }
    if (!swap && Math.abs(e) <= 20037509 && Math.abs(n) <= 20037509) {
      const def = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
      const p = project(def, e, n);
      if (p && inChina(p[0], p[1])) cands.push({ crs: 'EPSG:3857', proj: def, swap, lon: p[0], lat: p[1], why: { zh: 'Web 墨卡托米制坐标', en: 'Web Mercator metres' } });
    }
  }
  const nearestPrior = (lon: number) => CM_PRIOR[Math.min(135, Math.max(75, Math.round(lon / 3) * 3))] ?? 0.1;
  const useHint = hint && cands.some((c) => Math.abs(c.lat - hint.lat) <= HINT_LATITUDE_BAND);
  const score = (c: Candidate) =>
    useHint ? Math.hypot((c.lon - hint.lon) * Math.cos((hint.lat * Math.PI) / 180), c.lat - hint.lat) : -nearestPrior(c.lon) + (c.swap ? 100 : 0) + (c.crs === 'EPSG:3857' ? 0.5 : 0);
  cands.sort((a, b) => score(a) - score(b));
  const from = hint?.source ? { zh: `（${hint.source.zh}）`, en: ` (${hint.source.en})` } : { zh: '', en: '' };
  return cands.map((c, i) => {
    const where = `≈${c.lon.toFixed(2)}°E, ${c.lat.toFixed(2)}°N`;
    const h = i > 0 || !hint ? { zh: '', en: '' }
      : useHint ? { zh: `；最接近位置提示${from.zh}`, en: `; closest to the location hint${from.en}` }
      : { zh: `；位置提示${from.zh}在 ${hint.lat.toFixed(1)}°N，与本文件的纬度不符，未采用`, en: `; the location hint${from.en} lies at ${hint.lat.toFixed(1)}°N, not in this file's latitude band: not used` };
    return {
      crs: c.crs,
      swapXY: c.swap || undefined,
      reason: { zh: `${c.why.zh}，落在 ${where}${h.zh}`, en: `${c.why.en}, lands at ${where}${h.en}` },
    };
  });
}

/** A hint farther than this (degrees of latitude, ≈ 220 km) from where the northing puts the file is another place. */
const HINT_LATITUDE_BAND = 2;
