// Audit result → CSV, one row per community: UTF-8 with a BOM (Excel opens Chinese text right),
// RFC 4180 quoting, and formula-safe cells: text starting with = + - @ tab or CR gets a leading
// apostrophe (OWASP "CSV injection"); numbers are written as numbers, so -3.5 stays a number.
import type { AuditResult } from '../../engine/types';
import { communityTable, headerZh, type Cell } from './communityRow';

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

export function auditToCsv(result: AuditResult, options: CsvOptions = {}): string {
  const { keys, rows } = communityTable(result);
  const head = keys.map((k) => csvCell(options.chineseHeaders ? headerZh(k) : k)).join(',');
  const lines = rows.map((r) => keys.map((k) => csvCell(r[k] ?? null)).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${[head, ...lines].join('\r\n')}\r\n`;
}
