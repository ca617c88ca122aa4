// CSV of the community table: UTF-8 with a BOM (Excel opens Chinese text correctly); cells go
// through the export module's formula-safe quoting (src/io/export/csvExport.ts).
import { csvCell as ioCsvCell } from '../../io/export/csvExport';

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return ioCsvCell(typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
