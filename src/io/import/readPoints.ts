// A layer of plain points (candidate sites for proposals: vacant parcels, sites a bureau names,
// points drawn elsewhere): files → [{ id, position }] in WGS84 with every problem named by file,
// feature and field. The id is the feature's `id` field (any case), else its index
// (suggest-cli.md: "their `id` field, else the feature index"). CRS as for every layer
// (audit-cli.md): the option, else the file's declaration, else longitude/latitude when the
// coordinates can be that.
import type { AppliedCrs, ImportProblem, InputFile, RawLayer, SourceFormat } from './types';
import { readRaw } from './readRaw';
import { resolveCrs } from '../crs/resolveCrs';
import { CrsError } from '../crs/parseCrs';
import { converterFor } from '../crs/transform';
import type { Position } from '../../engine/types';

export interface PointLayer {
  points: { id: string; position: Position }[];
  problems: ImportProblem[];
  crs?: AppliedCrs;
  format?: SourceFormat;
}

export async function readPointLayer(files: InputFile[], options: { crs?: string; encoding?: string; hint?: { lon: number; lat: number } } = {}): Promise<PointLayer> {
  const main = files.find((f) => /\.shp$/i.test(f.name))?.name ?? files[0]?.name ?? '(no file)';
  const fail = (message: string, extra: Partial<PointLayer> = {}): PointLayer => ({ points: [], ...extra, problems: [...(extra.problems ?? []), { file: main, message, severity: 'error' }] });
  let raw: RawLayer;
  try {
    raw = await readRaw(files, { encoding: options.encoding });
  } catch (e) {
    const m = (e as Error).message;
    return fail(m.startsWith(`${main}: `) ? m.slice(main.length + 2) : m);
  }
  const problems: ImportProblem[] = [...raw.problems];
  let crs;
  try {
    crs = resolveCrs(raw, files.map((f) => f.name), options);
  } catch (e) {
    if (e instanceof CrsError) return fail(`CRS: ${e.message}`, { problems, format: raw.format });
    throw e;
  }
  if (crs.error) return fail(crs.error, { problems, crs: crs.applied, format: raw.format });
  const conv = converterFor(crs.spec);
  const idField = raw.fields.find((f) => f.toLowerCase() === 'id');
  const points: PointLayer['points'] = [];
  const seen = new Map<string, number>();
  raw.features.forEach((f, i) => {
    const g = f.geometry;
    const rawId = idField ? f.properties[idField] : undefined;
    const id = rawId === undefined || rawId === null || String(rawId).trim() === '' ? String(i) : String(rawId).trim();
    const feature = id !== String(i) ? `${i} (id ${id})` : i;
    const coords = g?.type === 'Point' ? g.coordinates : g?.type === 'MultiPoint' && g.coordinates.length === 1 ? g.coordinates[0] : null;
    if (!coords) {
      problems.push({ file: main, feature, field: 'geometry', message: `a candidate site must be a point (is ${g ? g.type : 'empty'})`, severity: 'error' });
      return;
    }
    let p: number[] = coords;
    try { if (conv) p = conv(coords[0], coords[1]); } catch { p = [NaN, NaN]; }
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      problems.push({ file: main, feature, field: 'geometry', message: 'coordinates are not a valid longitude/latitude after conversion to WGS84', severity: 'error' });
      return;
    }
    const prev = seen.get(id);
    if (prev !== undefined) {
      problems.push({ file: main, feature, field: idField ?? 'id', message: `duplicate id "${id}" (also feature ${prev})`, severity: 'error' });
      return;
    }
    seen.set(id, i);
    points.push({ id, position: [p[0], p[1]] });
  });
  return { points, problems, crs: crs.applied, format: raw.format };
}
