// CSV point table reader (papaparse), with UTF-8 / GB18030 detection (Excel in China saves GBK).
import Papa from 'papaparse';
import type { RawLayer } from '../import/types';
import { decodeText, detectEncoding } from './textEncoding';
import { pointTableToLayer } from './pointTable';

export function readCsv(name: string, bytes: Uint8Array, options: { encoding?: string } = {}): RawLayer {
  const encoding = detectEncoding(bytes, options.encoding ? { encoding: options.encoding, from: 'option' } : undefined);
  const text = decodeText(bytes, encoding.encoding).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const fields = (parsed.meta.fields ?? []).filter((f) => f !== '');
  if (fields.length === 0) throw new Error(`${name}: no header row`);
  const layer = pointTableToLayer(name, 'csv', fields, parsed.data);
  for (const e of parsed.errors.slice(0, 50))
    layer.problems.push({ file: name, feature: e.row, message: `CSV: ${e.message}`, severity: e.type === 'FieldMismatch' ? 'warning' : 'error' });
  return { ...layer, encoding };
}
