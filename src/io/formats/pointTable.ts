// Point tables (CSV, XLSX): rows with longitude/latitude (or x/y) columns → RawLayer of points.
// Column names per audit-cli.md: lng/lat, lon/lat, x/y, 经度/纬度 (case-insensitive).
import type { ImportProblem, RawFeature, RawLayer } from '../import/types';

const X_NAMES = ['lng', 'lon', 'long', 'longitude', 'x', '经度', '东经', 'point_x', 'wgs84_lng', 'wgs84_lon', 'gcj02_lng', 'gcj02_lon', 'gcj_lng', 'bd09_lng', 'bd09_lon', 'baidu_lng', '高德经度', '百度经度'];
const Y_NAMES = ['lat', 'latitude', 'y', '纬度', '北纬', 'point_y', 'wgs84_lat', 'gcj02_lat', 'gcj_lat', 'bd09_lat', 'baidu_lat', '高德纬度', '百度纬度'];

export function findCoordinateColumns(fields: string[], override?: { x?: string; y?: string }): [string, string] | undefined {
  const norm = (s: string) => s.trim().toLowerCase();
  const pick = (names: string[], o?: string) => (o && fields.includes(o) ? o : fields.find((f) => names.includes(norm(f))));
  const x = pick(X_NAMES, override?.x);
  const y = pick(Y_NAMES, override?.y);
  return x && y ? [x, y] : undefined;
}

const toNumber = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN);

export function pointTableToLayer(file: string, format: 'csv' | 'xlsx', fields: string[], rows: Record<string, unknown>[], override?: { x?: string; y?: string }): RawLayer {
  const cols = findCoordinateColumns(fields, override);
  if (!cols)
    throw new Error(`${file}: no coordinate columns found among [${fields.join(', ')}]; expected lng/lat, lon/lat, x/y or 经度/纬度`);
  const [xf, yf] = cols;
  const problems: ImportProblem[] = [];
  const features: RawFeature[] = rows.map((row) => {
    const x = toNumber(row[xf]);
    const y = toNumber(row[yf]);
    const properties: Record<string, unknown> = {};
    for (const f of fields) if (f !== xf && f !== yf) properties[f] = row[f];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      const bad = !Number.isFinite(x) ? xf : yf;
      return { geometry: null, properties, geometryError: `field ${bad}: "${String(row[bad] ?? '')}" is not a number` };
    }
    return { geometry: { type: 'Point', coordinates: [x, y] }, properties };
  });
  return { format, features, fields: fields.filter((f) => f !== xf && f !== yf), problems, coordinateFields: cols };
}
