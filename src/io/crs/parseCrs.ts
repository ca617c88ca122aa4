// A CRS named by a user or a file → how to convert its coordinates to WGS84 lon/lat.
// Accepts 'EPSG:nnnn' (or a bare number), 'GCJ02'/'GCJ-02', 'BD09'/'BD-09', 'WGS84', 'CGCS2000',
// a proj4 string ('+proj=…') or WKT (.prj, FlatGeobuf header).
import proj4 from 'proj4';
import { cgcs2000GkEpsg, epsgInfo } from './chineseCrs';

export interface CrsSpec {
  /** Normalised label, e.g. 'EPSG:4547', 'GCJ02', 'WKT'. */
  label: string;
  name: string;
  geographic: boolean;
  /** proj4 definition (absent for WGS84-equivalent lon/lat and offset systems). */
  proj4?: string;
  offset?: 'GCJ02' | 'BD09';
  remark?: string;
}

export class CrsError extends Error {}

const WGS84: CrsSpec = { label: 'EPSG:4326', name: 'WGS 84', geographic: true };

export function parseCrs(text: string): CrsSpec {
  const t = text.trim();
  const u = t.toUpperCase().replace(/[\s_]/g, '');
  if (u === 'GCJ02' || u === 'GCJ-02') return { label: 'GCJ02', name: 'GCJ-02 (Amap/Tencent)', geographic: true, offset: 'GCJ02' };
  if (u === 'BD09' || u === 'BD-09' || u === 'BD09LL') return { label: 'BD09', name: 'BD-09 (Baidu)', geographic: true, offset: 'BD09' };
  if (u === 'WGS84' || u === 'CRS84' || u === 'OGC:CRS84' || u === 'URN:OGC:DEF:CRS:OGC:1.3:CRS84') return WGS84;
  if (u === 'CGCS2000') return { label: 'EPSG:4490', name: 'CGCS2000', geographic: true };
  const m = /^(?:EPSG:+|URN:OGC:DEF:CRS:EPSG:[\d.]*:)?(\d{4,6})$/.exec(u);
  if (m) {
    const code = Number(m[1]);
    const info = epsgInfo(code);
    if (!info) throw new CrsError(`EPSG:${code} is not a supported CRS (supported: 4326, 4490, 3857, 4491–4554 CGCS2000 Gauss-Krüger, 4610, 4214, Xi'an 1980 / Beijing 1954 Gauss-Krüger)`);
    return { label: `EPSG:${code}`, name: info.name, geographic: info.geographic, proj4: info.proj4, remark: info.remark };
  }
  if (t.startsWith('+proj') || t.startsWith('+init')) {
    try {
      proj4(t, 'EPSG:4326');
    } catch (e) {
      throw new CrsError(`proj4 definition not understood: ${(e as Error).message}`);
    }
    return { label: 'proj4', name: t, geographic: /\+proj=(longlat|latlong|lonlat|latlon)/.test(t), proj4: t };
  }
  if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[/i.test(t)) return parseWkt(t);
  throw new CrsError(`CRS "${text}" is not understood (use EPSG:nnnn, GCJ02, BD09, a proj4 string or WKT)`);
}

/** WKT (.prj, incl. Esri Gauss_Kruger / Transverse_Mercator) → CrsSpec. */
export function parseWkt(wkt: string): CrsSpec {
  const w = wkt.trim();
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i.exec(w) ?? /ID\["EPSG",\s*(\d+)\]\s*\]\s*$/i.exec(w);
  const nameMatch = /^\w+\s*\[\s*"([^"]*)"/.exec(w);
  const name = nameMatch ? nameMatch[1] : 'WKT';
  if (/^(GEOGCS|GEOGCRS|GEODCRS)/i.test(w)) {
    const code = authority ? Number(authority[1]) : undefined;
    if (code && epsgInfo(code)) return { ...parseCrs(`EPSG:${code}`), name };
    if (/beijing|krass/i.test(w)) return { ...parseCrs('EPSG:4214'), name };
    if (/xian|xi'an|1975/i.test(w)) return { ...parseCrs('EPSG:4610'), name };
    return { label: code ? `EPSG:${code}` : 'WKT', name, geographic: true };
  }
  try {
    proj4(w, 'EPSG:4326');
  } catch (e) {
    throw new CrsError(`projection WKT not understood (${name}): ${(e as Error).message}`);
  }
  const code = authority ? Number(authority[1]) : gkEpsgFromWkt(w);
  if (code && epsgInfo(code)) return { ...parseCrs(`EPSG:${code}`), name };
  return { label: code ? `EPSG:${code}` : 'WKT', name, geographic: false, proj4: w };
}

/** Esri-style WKT of a CGCS2000 Gauss-Krüger zone (PROJECTION Gauss_Kruger or Transverse_Mercator,
 *  scale 1, latitude of origin 0, false easting 500000 or zone × 1e6 + 500000) → its EPSG code. */
function gkEpsgFromWkt(w: string): number | undefined {
  if (!/PROJECTION\[\s*"(Gauss_Kruger|Transverse_Mercator|Gauss-Kruger)"/i.test(w)) return undefined;
  if (!/2000|298\.257222101/.test(w)) return undefined;
  const param = (n: string) => {
    const m = new RegExp(`PARAMETER\\[\\s*"${n}"\\s*,\\s*(-?[\\d.eE+]+)`, 'i').exec(w);
    return m ? Number(m[1]) : undefined;
  };
  const cm = param('Central_Meridian');
  const fe = param('False_Easting');
  const k = param('Scale_Factor') ?? 1;
  const lat0 = param('Latitude_Of_Origin') ?? 0;
  if (cm === undefined || fe === undefined || k !== 1 || lat0 !== 0 || (param('False_Northing') ?? 0) !== 0) return undefined;
  const six = /6_?Degree|6度/i.test(w);
  if (fe === 500000) return cgcs2000GkEpsg(cm, six ? 6 : 3, false);
  const zone = (fe - 500000) / 1e6;
  if (!Number.isInteger(zone)) return undefined;
  if (zone >= 25 && zone <= 45 && 75 + (zone - 25) * 3 === cm) return cgcs2000GkEpsg(cm, 3, true);
  if (zone >= 13 && zone <= 23 && 75 + (zone - 13) * 6 === cm) return cgcs2000GkEpsg(cm, 6, true);
  return undefined;
}

export function isWgs84Like(spec: CrsSpec): boolean {
  return spec.geographic && !spec.proj4 && !spec.offset;
}
