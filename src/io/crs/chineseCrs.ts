// EPSG codes of the coordinate systems found in Chinese planning data → proj4 definitions
// (STANDARDS.md §4): CGCS2000 geographic and Gauss-Krüger zones (4491–4554), Xi'an 1980 and
// Beijing 1954 (geographic and Gauss-Krüger), WGS84 and Web Mercator.
// Zone tables per the EPSG registry: 4491–4501 6° zones 13–23 (zone in false easting), 4502–4512
// 6° CM 75–135°E, 4513–4533 3° zones 25–45 (zone in false easting), 4534–4554 3° CM 75–135°E.

export interface GkZone {
  /** Central meridian, degrees east. */
  cm: number;
  /** False easting in metres (500000, or zone × 1e6 + 500000 with the zone prefix). */
  x0: number;
  width: 3 | 6;
  zone?: number;
}

export type Datum = 'cgcs2000' | 'xian1980' | 'beijing1954';

const ELLPS: Record<Datum, string> = {
  cgcs2000: '+ellps=GRS80',
  // Xi'an 1980: IAG 1975 ellipsoid; no published 7-parameter shift to WGS84 in proj4 (datum
  // difference is tens of metres: treated as coincident, noted on import).
  xian1980: '+a=6378140 +rf=298.257',
  // Beijing 1954: Krassowsky with the EPSG:1224-style 3-parameter shift (approximate, ±~10 m).
  beijing1954: '+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0',
};

const DATUM_NAME: Record<Datum, string> = { cgcs2000: 'CGCS2000', xian1980: "Xi'an 1980", beijing1954: 'Beijing 1954' };

/** Gauss-Krüger zone of an EPSG code, with its datum; undefined when the code is not one. */
export function gkZoneOfEpsg(code: number): { datum: Datum; zone: GkZone } | undefined {
  const tables: [Datum, number, number, 3 | 6, boolean, number][] = [
    // datum, first code, count, width, zone prefix, first zone
    ['cgcs2000', 4491, 11, 6, true, 13],
    ['cgcs2000', 4502, 11, 6, false, 13],
    ['cgcs2000', 4513, 21, 3, true, 25],
    ['cgcs2000', 4534, 21, 3, false, 25],
    ['xian1980', 2327, 11, 6, true, 13],
    ['xian1980', 2338, 11, 6, false, 13],
    ['xian1980', 2349, 21, 3, true, 25],
    ['xian1980', 2370, 21, 3, false, 25],
    ['beijing1954', 21413, 11, 6, true, 13],
    ['beijing1954', 21473, 11, 6, false, 13],
    ['beijing1954', 2401, 21, 3, true, 25],
    ['beijing1954', 2422, 21, 3, false, 25],
  ];
  for (const [datum, first, count, width, prefix, firstZone] of tables) {
    if (code < first || code >= first + count) continue;
    const k = code - first;
    const zone = firstZone + k;
    const cm = 75 + k * width;
    return { datum, zone: { cm, width, zone, x0: prefix ? zone * 1e6 + 500000 : 500000 } };
  }
  return undefined;
}

/** EPSG code of a CGCS2000 Gauss-Krüger zone (3° or 6°, with or without the zone prefix). */
export function cgcs2000GkEpsg(cm: number, width: 3 | 6, prefixed: boolean): number | undefined {
  const k = (cm - 75) / width;
  const count = width === 3 ? 21 : 11;
  if (!Number.isInteger(k) || k < 0 || k >= count) return undefined;
  if (width === 6) return (prefixed ? 4491 : 4502) + k;
  return (prefixed ? 4513 : 4534) + k;
}

export function gkProj4(zone: GkZone, datum: Datum = 'cgcs2000'): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${zone.cm} +k=1 +x_0=${zone.x0} +y_0=0 ${ELLPS[datum]} +units=m +no_defs`;
}

export interface EpsgInfo {
  code: number;
  /** proj4 definition; undefined for lon/lat systems treated as WGS84. */
  proj4?: string;
  geographic: boolean;
  name: string;
  /** Datum remark for the note, when the conversion is approximate. */
  remark?: string;
}

/** Known EPSG codes; undefined when not supported. */
export function epsgInfo(code: number): EpsgInfo | undefined {
  if (code === 4326) return { code, geographic: true, name: 'WGS 84' };
  if (code === 4490) return { code, geographic: true, name: 'CGCS2000' };
  if (code === 4610) return { code, geographic: true, name: "Xi'an 1980", remark: "Xi'an 1980 taken as WGS84 (datum difference of tens of metres not corrected)" };
  if (code === 4214) return { code, geographic: true, proj4: `+proj=longlat ${ELLPS.beijing1954} +no_defs`, name: 'Beijing 1954', remark: 'Beijing 1954 → WGS84 by a 3-parameter shift (approximate)' };
  if (code === 3857 || code === 900913) return { code, geographic: false, proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs', name: 'WGS 84 / Pseudo-Mercator' };
  const gk = gkZoneOfEpsg(code);
  if (gk) {
    const { datum, zone } = gk;
    const name = `${DATUM_NAME[datum]} / ${zone.width}-degree Gauss-Kruger ${zone.x0 > 500000 ? `zone ${zone.zone}` : `CM ${zone.cm}E`}`;
    const remark = datum === 'xian1980' ? "Xi'an 1980 datum taken as WGS84 (tens of metres not corrected)" : datum === 'beijing1954' ? 'Beijing 1954 → WGS84 by a 3-parameter shift (approximate)' : undefined;
    return { code, geographic: false, proj4: gkProj4(zone, datum), name, remark };
  }
  return undefined;
}
