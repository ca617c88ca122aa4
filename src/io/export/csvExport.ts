// Audit result → CSV, one row per community: UTF-8 with a BOM (Excel opens Chinese text right),
// RFC 4180 quoting, and formula-safe cells: text starting with = + - @ tab or CR gets a leading
// apostrophe (OWASP "CSV injection"); numbers are written as numbers, so -3.5 stays a number.
import type { AuditResult } from '../../engine/types';
import { communityRows, HEADERS_ZH, type Cell } from './communityRow';

export interface CsvOptions {
  /** Chinese column headers (编码, 名称, 户数, …) instead of the English keys. */
  chineseHeaders?: boolean;
  /** Prepend the UTF-8 BOM (default true). */
  bom?: boolean;
}

export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const t = neutraliseFormula(v);
  return /[",\n\r]/.test(t) || t !== t.trim() ? `"${t.replace(/"/g, '""')}"` : t;
}

function headerZh(key: string): string {
  if (HEADERS_ZH[key]) return HEADERS_ZH[key];
  const lc = /^lifeCircle_(\d+)_(.+)$/.exec(key);
  if (lc) return `${lc[1]}分钟_${lc[2]}_覆盖率`;
  const so = /^sixOnes_(.+)$/.exec(key);
  if (so) return `6个1_${so[1]}`;
  return key;
}

export function auditToCsv(result: AuditResult, options: CsvOptions = {}): string {
  const rows = communityRows(result);
  const keys = rows.length ? Object.keys(rows[0]) : ['id', 'name', 'status'];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const head = keys.map((k) => csvCell(options.chineseHeaders ? headerZh(k) : k)).join(',');
  const lines = rows.map((r) => keys.map((k) => csvCell(r[k] ?? null)).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${[head, ...lines].join('\r\n')}\r\n`;
}
