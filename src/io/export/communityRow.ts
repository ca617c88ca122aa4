// One community's scalar results as an ordered flat record: the columns of the CSV export and the
// properties of the GeoJSON / FlatGeobuf exports (audit-cli.md: "the same scalar fields").
import type { AuditResult, CommunityResult, Failure } from '../../engine/types';

export type Cell = string | number | boolean | null;

/** Column key → Chinese header (CSV option). Life-circle and 6个1 columns are built per key. */
export const HEADERS_ZH: Record<string, string> = {
  id: '编码', name: '名称', setting: '城乡', street: '街道', households: '户数', population: '人口',
  populationEstimated: '人口为估算', area_m2: '用地面积_m2', serviceArea_m2: '社区服务设施建筑面积_m2',
  areaPer100Households_m2: '每百户建筑面积_m2', largestStation_m2: '最大服务站面积_m2',
  coverageBasis: '覆盖口径', residentialArea_m2: '居住用地面积_m2',
  greenCoverage: '300米见绿覆盖率', parkCoverage: '500米见园覆盖率', status: '结论', failures: '未达标项', estimates: '估算项',
};

/** The Chinese header of a column key (life-circle and 6个1 columns built from their parts). */
export function headerZh(key: string): string {
  if (HEADERS_ZH[key]) return HEADERS_ZH[key];
  const lc = /^lifeCircle_(\d+)_(.+)$/.exec(key);
  if (lc) return `${lc[1]}分钟_${lc[2]}_覆盖率`;
  const so = /^sixOnes_(.+)$/.exec(key);
  if (so) return `6个1_${so[1]}`;
  return key;
}

export function failureText(f: Failure): string {
  const what = [f.rule, f.tier ? `${f.tier}min` : '', f.category ?? '', f.group ?? ''].filter(Boolean).join(':');
  return `${what} ${f.actual === null ? 'n/a' : round(f.actual)} ${f.bound === 'max' ? '>' : '<'} ${f.required}`;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Life-circle column keys present in the result, e.g. lifeCircle_5_kindergarten (tier order, then category). */
export function lifeCircleColumns(result: AuditResult): string[] {
  const keys = new Set<string>();
  for (const c of result.communities) for (const [tier, cats] of Object.entries(c.lifeCircles)) for (const cat of Object.keys(cats)) keys.add(`lifeCircle_${tier}_${cat}`);
  return [...keys].sort((a, b) => {
    const ta = Number(a.split('_')[1]);
    const tb = Number(b.split('_')[1]);
    return ta - tb || a.localeCompare(b);
  });
}

export function sixOnesColumns(result: AuditResult): string[] {
  const keys = new Set<string>();
  for (const c of result.communities) for (const k of Object.keys(c.sixOnes)) keys.add(`sixOnes_${k}`);
  return [...keys];
}

export function communityRow(c: CommunityResult, lcCols: string[], soCols: string[], extraCols: string[] = Object.keys(c.extra)): Record<string, Cell> {
  const row: Record<string, Cell> = {
    id: c.id, name: c.name, setting: c.setting, street: c.street ?? null,
    households: c.households, population: c.population, populationEstimated: c.populationEstimated,
    area_m2: round(c.area_m2), serviceArea_m2: round(c.serviceArea_m2),
    areaPer100Households_m2: c.areaPer100Households_m2 === null ? null : round(c.areaPer100Households_m2),
    largestStation_m2: round(c.largestStation_m2),
    coverageBasis: c.coverageBasis ?? 'community-area', residentialArea_m2: round(c.residentialArea_m2 ?? 0),
    greenCoverage: round(c.greenCoverage), parkCoverage: round(c.parkCoverage),
  };
  for (const col of lcCols) {
    const [, tier, ...cat] = col.split('_');
    const v = c.lifeCircles[tier]?.[cat.join('_') as keyof CommunityResult['lifeCircles'][string]];
    row[col] = v === undefined ? null : round(v);
  }
  for (const col of soCols) {
    const v = c.sixOnes[col.slice('sixOnes_'.length)];
    row[col] = v === undefined ? null : v;
  }
  for (const k of extraCols) {
    const v = c.extra[k as keyof CommunityResult['extra']];
    row[k] = v === undefined ? null : round(v);
  }
  row.status = c.status;
  row.failures = c.failures.map(failureText).join('; ');
  row.estimates = c.estimates.join('; ');
  return row;
}

export function communityRows(result: AuditResult): Record<string, Cell>[] {
  const lc = lifeCircleColumns(result);
  const so = sixOnesColumns(result);
  const extra = [...new Set(result.communities.flatMap((c) => Object.keys(c.extra)))].sort();
  return result.communities.map((c) => communityRow(c, lc, so, extra));
}

/** The rows with their column keys in order (every key of any row): the CSV's and the XLSX's columns. */
export function communityTable(result: AuditResult): { keys: string[]; rows: Record<string, Cell>[] } {
  const rows = communityRows(result);
  const keys = rows.length ? Object.keys(rows[0]) : ['id', 'name', 'status'];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return { keys, rows };
}
