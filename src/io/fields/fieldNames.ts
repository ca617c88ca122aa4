// Auto-detection of source field names → canonical fields (audit-cli.md "Input fields" table,
// English + Chinese, case-insensitive), and the schema key under which a mapping is remembered.
import type { FieldMap, LayerKind } from '../import/types';

export const FIELD_NAMES: Record<LayerKind, Record<string, string[]>> = {
  communities: {
    id: ['id', 'code', '编码', '社区代码', '社区编码', '代码'],
    name: ['name', '名称', '社区名称', '社区名', 'mc'],
    households: ['households', 'hh', '户数', '住户数', '总户数'],
    population: ['population', 'pop', '人口', '常住人口', '人口数'],
    setting: ['setting', 'type', '城乡', '城乡类型'],
    street: ['street', '街道', '所属街道', '乡镇街道'],
    resettlement: ['resettlement', '安置区', '易地扶贫搬迁安置区'],
  },
  facilities: {
    id: ['id', 'code', '编码', '设施编码', '代码'],
    name: ['name', '名称', '设施名称', 'mc'],
    category: ['category', 'type', '类型', '设施类型', '类别'],
    area: ['area', 'floor_area', '建筑面积', '面积'],
    community: ['community', 'community_id', '所属社区', '社区代码'],
    proposed: ['proposed', '规划', '拟建'],
  },
  green: {
    id: ['id', 'code', '编码'],
    name: ['name', '名称'],
    kind: ['kind', 'type', '类型'],
  },
  roads: {
    id: ['id', 'code', '编码'],
    name: ['name', '名称', '道路名称'],
    kind: ['kind', 'type', 'highway', '类型', '等级'],
  },
  residential: {
    id: ['id', 'code', '编码', '地块编码', '代码'],
    name: ['name', '名称', '小区名称', '地块名称'],
    households: ['households', 'hh', '户数', '住户数', '总户数'],
  },
  candidates: {
    id: ['id', 'code', '编码', '地块编码', '代码'],
    name: ['name', '名称', '地块名称', '选址名称'],
  },
};

/** Canonical fields a layer must have mapped. */
export const REQUIRED_FIELDS: Record<LayerKind, string[]> = {
  communities: ['households'],
  facilities: ['category'],
  green: [],
  roads: [],
  residential: [],
  candidates: [],
};

/** canonical → source field, for fields found in `fields`; explicit entries win. */
export function detectFieldMap(kind: LayerKind, fields: string[], explicit: FieldMap = {}): FieldMap {
  const out: FieldMap = {};
  const used = new Set<string>();
  for (const [canon, src] of Object.entries(explicit)) {
    if (src) {
      out[canon] = src;
      used.add(src);
    }
  }
  const lower = new Map(fields.map((f) => [f.trim().toLowerCase(), f]));
  for (const [canon, names] of Object.entries(FIELD_NAMES[kind])) {
    if (canon in out) continue;
    for (const n of names) {
      const src = lower.get(n.toLowerCase());
      if (src !== undefined && !used.has(src)) {
        out[canon] = src;
        used.add(src);
        break;
      }
    }
  }
  return out;
}

/** Stable key of a schema: the sorted field names, joined. */
export function schemaKey(fields: string[]): string {
  return [...fields].sort().join('|');
}
