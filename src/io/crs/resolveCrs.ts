// Which CRS a layer's coordinates are in, and whether they fit it: option > .prj > FlatGeobuf
// header > GeoJSON "crs" > .qpj > default (GeoJSON = WGS84; tables and shapefiles without .prj
// = lon/lat if the numbers fit). Coordinates that cannot be what is claimed → an error with
// ranked suggestions (suggestCrs.ts); nothing is guessed silently.
import type { AppliedCrs, RawLayer } from '../import/types';
import { CrsError, parseCrs, parseWkt, type CrsSpec } from './parseCrs';
import { coordStats, fitsLonLat, type CoordStats, looksLatLonSwapped, suggestProjectedCrs } from './suggestCrs';
import { converterFor, eachPosition } from './transform';
import { inChina, placeHint } from './chinaExtent';

export interface CrsResolution {
  spec: CrsSpec;
  applied: AppliedCrs;
  /** A file-level error: the coordinates do not fit the CRS. */
  error?: string;
  warning?: string;
}

const FROM_ZH: Record<AppliedCrs['from'], string> = { columns: '坐标列名', option: '用户指定', prj: '.prj 文件', 'fgb-header': 'FlatGeobuf 文件头', geojson: 'GeoJSON crs 成员', qpj: '.qpj 文件', default: '默认', none: '文件未说明' };
const FROM_EN: Record<AppliedCrs['from'], string> = { columns: 'from the coordinate column names', option: 'given by the user', prj: 'from the .prj', 'fgb-header': 'from the FlatGeobuf header', geojson: 'from the GeoJSON crs member', qpj: 'from the .qpj', default: 'default for the format', none: 'not stated by the file' };

/** What resolveCrs reads of a layer: the CRS it declares, and its coordinates as the features'
 *  geometries, as one flat array (x, y interleaved, as in the file), or as their range already
 *  gathered (coordStats over every coordinate in file order, after any requested X/Y swap). */
export type CrsInput = Pick<RawLayer, 'declaredCrs' | 'coordinateFields'> & ({ features: RawLayer['features'] } | { xy: Float64Array } | { stats: CoordStats });

/** The CRS a layer claims (option > declared > coordinate column names > assumed WGS84) and where
 *  the claim comes from, before its coordinates are looked at. Throws CrsError as parseCrs does. */
export function crsSpec(raw: Pick<RawLayer, 'declaredCrs' | 'coordinateFields'>, options: { crs?: string }): { spec: CrsSpec; from: AppliedCrs['from'] } {
  let spec: CrsSpec;
  let from: AppliedCrs['from'];
  if (options.crs) {
    spec = parseCrs(options.crs); // throws CrsError: caller reports it
    from = 'option';
  } else if (raw.declaredCrs) {
    from = raw.declaredCrs.from;
    try {
      spec = raw.declaredCrs.wkt && !/^EPSG:\d+$/i.test(raw.declaredCrs.crs) ? parseWkt(raw.declaredCrs.wkt) : parseCrs(raw.declaredCrs.crs);
    } catch (e) {
      if (!(e instanceof CrsError)) throw e;
      if (raw.declaredCrs.wkt && raw.declaredCrs.crs !== raw.declaredCrs.wkt) spec = parseWkt(raw.declaredCrs.wkt);
      else throw e;
    }
  } else if (raw.coordinateFields && /gcj|gaode|amap|高德|火星/i.test(raw.coordinateFields.join(' '))) {
    spec = parseCrs('GCJ02');
    from = 'columns';
  } else if (raw.coordinateFields && /bd09|baidu|百度/i.test(raw.coordinateFields.join(' '))) {
    spec = parseCrs('BD09');
    from = 'columns';
  } else {
    spec = { label: 'EPSG:4326', name: 'WGS 84 (assumed)', geographic: true };
    from = 'none';
  }
  return { spec, from };
}

export function resolveCrs(raw: CrsInput, fileNames: string[], options: { crs?: string; swapXY?: boolean; hint?: { lon: number; lat: number } }): CrsResolution {
  const { spec, from } = crsSpec(raw, options);
  const swapXY = !!options.swapXY;
  const stats = coordStats();
  if ('stats' in raw) {
    const { minX, minY, maxX, maxY, count } = raw.stats;
    Object.assign(stats, { minX, minY, maxX, maxY, count });
  } else if ('xy' in raw) {
    const f = raw.xy;
    for (let i = 0; i + 1 < f.length; i += 2) if (swapXY) stats.add(f[i + 1], f[i]); else stats.add(f[i], f[i + 1]);
  } else for (const f of raw.features) eachPosition(f.geometry, swapXY ? (x, y) => stats.add(y, x) : stats.add);
  const hintFromName = fileNames.map(placeHint).find(Boolean);
  const hint = options.hint
    ? { ...options.hint, source: { zh: '已载入的其他图层', en: 'other loaded layers' } }
    : hintFromName ? { lon: hintFromName.lon, lat: hintFromName.lat, source: { zh: `文件路径中的“${hintFromName.name}”`, en: `“${hintFromName.name}” in the file path` } } : undefined;
  const applied: AppliedCrs = {
    source: spec.label,
    from,
    ...(spec.proj4 ? { proj4: spec.proj4 } : {}),
    ...(spec.offset ? { correction: spec.offset === 'GCJ02' ? ('GCJ02→WGS84' as const) : ('BD09→WGS84' as const) } : {}),
    ...(swapXY ? { swapXY } : {}),
    note: {
      zh: `坐标系 ${spec.name}（${spec.label}，${FROM_ZH[from]}）${spec.offset ? `，已做 ${spec.offset}→WGS84 纠偏` : ''}${swapXY ? '，X/Y 已互换' : ''}${spec.remark ? `；${spec.remark}` : ''}`,
      en: `CRS ${spec.name} (${spec.label}, ${FROM_EN[from]})${spec.offset ? `, ${spec.offset}→WGS84 correction applied` : ''}${swapXY ? ', X/Y swapped' : ''}${spec.remark ? `; ${spec.remark}` : ''}`,
    },
  };
  if (stats.count === 0) return { spec, applied };
  const range = `x ${fmt(stats.minX)}…${fmt(stats.maxX)}, y ${fmt(stats.minY)}…${fmt(stats.maxY)}`;
  if (spec.geographic && !spec.proj4) {
    if (!fitsLonLat(stats) || looksLatLonSwapped(stats)) {
      const swapped = looksLatLonSwapped(stats);
      applied.suggestions = swapped
        ? [{ crs: spec.label, swapXY: true, reason: { zh: '纬度在前、经度在后：互换 X/Y', en: 'latitude first, longitude second: swap X/Y' } }]
        : suggestProjectedCrs(stats, hint);
      const claim = from === 'none' ? 'the file names no CRS, so longitude/latitude was assumed' : `the file claims ${spec.name} (${FROM_EN[from]})`;
      const sugg = applied.suggestions.length ? `; likely ${applied.suggestions.map((s) => `${s.crs}${s.swapXY ? ' with X/Y swapped' : ''}`).slice(0, 3).join(' or ')} (${applied.suggestions[0].reason.en})` : '; name the CRS (e.g. EPSG:4547)';
      if (!swapped || !fitsLonLat(stats)) return { spec, applied, error: `coordinates (${range}) cannot be longitude/latitude but ${claim}${sugg}` };
      return { spec, applied, warning: `coordinates (${range}) look like latitude first: ${sugg.slice(2)}` };
    }
    return { spec, applied };
  }
  // Projected: the corners and centre must land on the globe; northing-first exports land off China.
  // stats are in effective order (after any requested swap), so project them without swapping.
  const proj = converterFor(spec, false)!;
  const safe = (x: number, y: number): [number, number] => {
    try {
      return proj(x, y);
    } catch {
      return [NaN, NaN];
    }
  };
  const cx = (stats.minX + stats.maxX) / 2;
  const cy = (stats.minY + stats.maxY) / 2;
  const out = [safe(stats.minX, stats.minY), safe(stats.maxX, stats.maxY), safe(cx, cy)];
  const bad = out.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90);
  const centre = out[2];
  const other = safe(cy, cx);
  const swapHelps = !bad && !inChina(centre[0], centre[1]) && Number.isFinite(other[0]) && inChina(other[0], other[1]);
  if (bad || swapHelps) {
    applied.suggestions = swapHelps
      ? [{ crs: spec.label, swapXY: !swapXY, reason: { zh: 'X/Y 互换后落在中国境内（北坐标在前）', en: 'with X/Y swapped the data lands in China (northing first)' } }]
      : suggestProjectedCrs(stats, hint);
    const sugg = applied.suggestions.length ? `; likely ${applied.suggestions.map((s) => `${s.crs}${s.swapXY ? ' with X/Y swapped' : ''}`).slice(0, 3).join(' or ')} (${applied.suggestions[0].reason.en})` : '';
    return { spec, applied, error: `coordinates (${range}) do not fit ${spec.name} (${FROM_EN[from]})${bad ? ': they project off the globe' : ': they land outside China, but with X/Y swapped they land inside'}${sugg}` };
  }
  return { spec, applied };
}

const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : String(Math.round(v * 1e6) / 1e6));
