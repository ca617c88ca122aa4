// Files dropped or picked together → import groups: the parts of one shapefile (.shp/.shx/.dbf/
// .prj/.cpg/.qpj with the same stem) form one group, every other file is a group of its own.
// Files of an unsupported type, and shapefile parts without their .shp, are refused with a reason.

export interface NamedFile {
  name: string;
}

export interface FileGroup<F extends NamedFile> {
  /** Shown in the dialog: the .shp (or single file) name. */
  label: string;
  files: F[];
  /** The .osm / .osm.pbf path: all four layers can come from one file. */
  osm: boolean;
}

export interface RejectedFile {
  name: string;
  reason: { zh: string; en: string };
}

/** What the file picker accepts: every format the readers take, and the sidecar files of a shapefile set. */
export const ACCEPTED_EXTENSIONS = ['.geojson', '.json', '.fgb', '.zip', '.shp', '.shx', '.dbf', '.prj', '.cpg', '.qpj', '.csv', '.xlsx', '.osm', '.pbf'];

const SHAPEFILE_PARTS = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg', 'qpj']);
const SINGLE = new Set(['geojson', 'json', 'fgb', 'zip', 'csv', 'xlsx', 'osm', 'pbf']);

const baseName = (name: string) => name.replace(/^.*[\\/]/, '');
/** Lower-case extension without the dot ('' when none). */
export const extensionOf = (name: string) => (/\.([^./\\]+)$/.exec(name)?.[1] ?? '').toLowerCase();
const stemOf = (name: string) => baseName(name).replace(/\.[^.]*$/, '').toLowerCase();

export function groupFiles<F extends NamedFile>(files: readonly F[]): { groups: FileGroup<F>[]; rejected: RejectedFile[] } {
  const groups: FileGroup<F>[] = [];
  const rejected: RejectedFile[] = [];
  const shapeSets = new Map<string, F[]>();
  // Groups keep the order in which their first file came.
  const order: (F | string)[] = [];
  for (const f of files) {
    const ext = extensionOf(f.name);
    if (SHAPEFILE_PARTS.has(ext)) {
      const stem = stemOf(f.name);
      let set = shapeSets.get(stem);
      if (!set) {
        set = [];
        shapeSets.set(stem, set);
        order.push(stem);
      }
      set.push(f);
    } else if (SINGLE.has(ext)) {
      order.push(f);
    } else {
      rejected.push({ name: f.name, reason: { zh: `不支持的文件类型（${ext ? '.' + ext : '无扩展名'}）`, en: `unsupported file type (${ext ? '.' + ext : 'no extension'})` } });
    }
  }
  for (const item of order) {
    if (typeof item !== 'string') {
      const ext = extensionOf(item.name);
      groups.push({ label: baseName(item.name), files: [item], osm: ext === 'osm' || ext === 'pbf' });
      continue;
    }
    const set = shapeSets.get(item)!;
    const shp = set.find((f) => extensionOf(f.name) === 'shp');
    if (!shp) {
      for (const f of set) rejected.push({ name: f.name, reason: { zh: '缺少同名 .shp 文件（请把 .shp、.shx、.dbf、.prj 一起拖入）', en: 'no .shp with the same name (drop .shp, .shx, .dbf and .prj together)' } });
      continue;
    }
    groups.push({ label: baseName(shp.name), files: set, osm: false });
  }
  return { groups, rejected };
}

/** Shapefile parts a group lacks that matter (.dbf for attributes, .prj for the CRS). */
export function missingShapefileParts(group: FileGroup<NamedFile>): string[] {
  const exts = new Set(group.files.map((f) => extensionOf(f.name)));
  if (!exts.has('shp')) return [];
  return ['dbf', 'prj'].filter((e) => !exts.has(e)).map((e) => '.' + e);
}
