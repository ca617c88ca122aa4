// Shapefile set (.shp + .dbf + .shx/.prj/.cpg/.qpj, given together or in a .zip) → RawLayer.
import type { ImportProblem, InputFile, RawFeature, RawLayer } from '../../import/types';
import { readShp } from './shp';
import { dbfTextBytes, readDbf } from './dbf';
import { detectEncoding, encodingFromCpg } from '../textEncoding';
import { unzipCapped } from '../zipArchive';

const ext = (name: string) => (/\.([^./\\]+)$/.exec(name)?.[1] ?? '').toLowerCase();
const base = (name: string) => name.replace(/\.[^./\\]+$/, '');

/** Files of a zip archive as InputFiles named "<zip>/<entry>" (folders kept, __MACOSX skipped),
 *  with the archive's decompressed size capped (zipArchive.ts). */
export function unzipFiles(zip: InputFile): InputFile[] {
  const entries = unzipCapped(zip.name, zip.bytes, { filter: (n) => !n.startsWith('__MACOSX') });
  return Object.entries(entries).map(([n, b]) => ({ name: `${zip.name}/${n}`, bytes: b }));
}

export function readShapefile(files: InputFile[], options: { encoding?: string; onProgress?: (done: number, total: number) => void } = {}): RawLayer {
  const set = shapefileSet(files);
  const { shp } = set;
  const problems = set.problems;
  const geo = readShp(shp.bytes, (n, off) => {
    if (n % 10000 === 0) options.onProgress?.(off, shp.bytes.length);
  });
  if (geo.error && geo.records.length === 0) throw new Error(`${shp.name}: ${geo.error}`);
  if (geo.error) problems.push({ file: shp.name, feature: geo.records.length, field: 'geometry', message: geo.error, severity: 'error' });
  const { records, fields, encoding } = readAttributes(set, geo.records.length, options.encoding, problems);
  const n = set.dbf ? Math.min(records.length, geo.records.length) : geo.records.length;
  const features: RawFeature[] = [];
  for (let i = 0; i < n; i++) {
    const g = geo.records[i];
    features.push({ geometry: g.geometry, properties: records[i] ?? {}, geometryError: g.error });
  }
  return { format: 'shapefile', features, fields, declaredCrs: declaredCrsOf(set), encoding, problems };
}

/** The files of one shapefile: the (first) .shp and its sidecars, and the warning when several .shp are given. */
export interface ShapefileSet {
  shp: InputFile;
  dbf?: InputFile;
  prj?: InputFile;
  qpj?: InputFile;
  cpg?: InputFile;
  problems: ImportProblem[];
}

/** Finds the .shp among `files` and its sidecars (same base name, any case); throws when there is no .shp. */
export function shapefileSet(files: InputFile[]): ShapefileSet {
  const problems: ImportProblem[] = [];
  const shps = files.filter((f) => ext(f.name) === 'shp');
  if (shps.length === 0) throw new Error(`${files.map((f) => f.name).join(', ')}: no .shp file in the set`);
  const shp = shps[0];
  if (shps.length > 1) problems.push({ file: shp.name, message: `several .shp files given; reading ${shp.name} only (others: ${shps.slice(1).map((f) => f.name).join(', ')})`, severity: 'warning' });
  const b = base(shp.name).toLowerCase();
  const side = (e: string) => files.find((f) => base(f.name).toLowerCase() === b && ext(f.name) === e);
  return { shp, dbf: side('dbf'), prj: side('prj'), qpj: side('qpj'), cpg: side('cpg'), problems };
}

/**
 * The .dbf's records and field names, decoded with the encoding option, else the .cpg's, else the
 * detected one; its problems appended to `problems` (`shapes`: the .shp's record count, which the
 * table should match). Throws on a table it cannot read at all.
 */
export function readAttributes(set: ShapefileSet, shapes: number, encodingOption: string | undefined, problems: ImportProblem[]): { records: Record<string, unknown>[]; fields: string[]; encoding?: RawLayer['encoding'] } {
  const { shp, dbf, cpg } = set;
  if (!dbf) {
    problems.push({ file: shp.name, message: 'no .dbf attribute table beside the .shp: features have no attributes', severity: 'warning' });
    return { records: [], fields: [] };
  }
  const cpgEnc = cpg ? encodingFromCpg(new TextDecoder().decode(cpg.bytes)) : undefined;
  if (cpg && !cpgEnc) problems.push({ file: cpg.name, message: `code page "${new TextDecoder().decode(cpg.bytes).trim()}" not understood; detecting the encoding`, severity: 'warning' });
  const encoding = encodingOption
    ? detectEncoding(dbf.bytes, { encoding: encodingOption, from: 'option' })
    : cpgEnc
      ? detectEncoding(dbf.bytes, { encoding: cpgEnc, from: 'cpg' })
      : detectEncoding(dbfTextBytes(dbf.bytes));
  let table;
  try {
    table = readDbf(dbf.bytes, encoding.encoding);
  } catch (e) {
    throw new Error(`${dbf.name}: encoding "${encoding.encoding}" not available (${(e as Error).message})`, { cause: e });
  }
  if (table.error && table.records.length === 0) throw new Error(`${dbf.name}: ${table.error}`);
  if (table.error) problems.push({ file: dbf.name, feature: table.records.length, message: table.error, severity: 'error' });
  for (const [r, field, message] of table.problems) problems.push({ file: dbf.name, feature: r, field, message, severity: 'warning' });
  if (table.records.length !== shapes)
    problems.push({ file: dbf.name, message: `${table.records.length} attribute records for ${shapes} shapes: features beyond the shorter one are dropped`, severity: 'error' });
  return { records: table.records, fields: table.fields.map((f) => f.name), encoding };
}

/** The CRS the .prj (else the .qpj) declares, as its trimmed text. */
export function declaredCrsOf(set: ShapefileSet): RawLayer['declaredCrs'] {
  const text = (f?: InputFile) => (f ? new TextDecoder().decode(f.bytes).trim() : '');
  const { prj, qpj } = set;
  return prj && text(prj) ? { crs: text(prj), from: 'prj' as const, wkt: text(prj) } : qpj && text(qpj) ? { crs: text(qpj), from: 'qpj' as const, wkt: text(qpj) } : undefined;
}
