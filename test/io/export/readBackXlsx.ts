// An XLSX reader for tests, independent of the writer: fflate unzips, fast-xml-parser reads the
// workbook, relationships, shared strings, styles and sheets; every cell comes back with its type
// attribute (t), its style's quotePrefix and any formula (<f>), so tests see what Excel would see.
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

export interface ReadCell {
  ref: string;
  /** The cell's t attribute ('s' shared string, 'b' boolean, 'str', 'inlineStr'); 'n' when absent. */
  type: string;
  /** Shared strings resolved; numbers as numbers; booleans as booleans. */
  value: string | number | boolean;
  formula?: string;
  quotePrefix: boolean;
}

export interface ReadSheet {
  name: string;
  /** Rows of cells by column index (gaps are undefined). */
  rows: (ReadCell | undefined)[][];
  xml: string;
}

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false,
  isArray: (n) => ['row', 'c', 'si', 'sheet', 'Relationship', 'xf', 'r'].includes(n),
});

const text = (n: unknown): string => (typeof n === 'string' ? n : n && typeof n === 'object' && '#text' in n ? String((n as { '#text': unknown })['#text']) : '');

const col = (ref: string): number => {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
};

export function readBackXlsx(bytes: Uint8Array): ReadSheet[] {
  const zip = unzipSync(bytes);
  const xml = (path: string) => strFromU8(zip[path]);
  const wb = parser.parse(xml('xl/workbook.xml'));
  const rels = parser.parse(xml('xl/_rels/workbook.xml.rels')).Relationships.Relationship as Record<string, string>[];
  const sst = zip['xl/sharedStrings.xml'] ? (parser.parse(xml('xl/sharedStrings.xml')).sst.si ?? []) as Record<string, unknown>[] : [];
  const strings = sst.map((si) => (si.t !== undefined ? text(si.t) : ((si.r as Record<string, unknown>[]) ?? []).map((r) => text(r.t)).join('')));
  const xfs = zip['xl/styles.xml'] ? (parser.parse(xml('xl/styles.xml')).styleSheet.cellXfs.xf as Record<string, string>[]) : [];
  return (wb.workbook.sheets.sheet as Record<string, string>[]).map((s) => {
    const target = rels.find((r) => r['@Id'] === s['@r:id'])!['@Target'];
    const sheetXml = xml(`xl/${target}`);
    const rows: (ReadCell | undefined)[][] = [];
    for (const row of (parser.parse(sheetXml).worksheet.sheetData.row ?? []) as Record<string, unknown>[]) {
      const cells: (ReadCell | undefined)[] = [];
      for (const c of (row.c ?? []) as Record<string, unknown>[]) {
        const ref = c['@r'] as string;
        const type = (c['@t'] as string) ?? 'n';
        const v = text(c.v);
        const value = type === 's' ? strings[Number(v)] : type === 'b' ? v === '1' : type === 'n' ? Number(v) : type === 'inlineStr' ? text((c.is as Record<string, unknown>)?.t) : v;
        const style = c['@s'] === undefined ? 0 : Number(c['@s']);
        cells[col(ref)] = { ref, type, value, formula: c.f === undefined ? undefined : text(c.f), quotePrefix: xfs[style]?.['@quotePrefix'] === '1' };
      }
      rows[Number(row['@r']) - 1] = cells;
    }
    return { name: s['@name'], rows, xml: sheetXml };
  });
}

/** A sheet's rows as records keyed by its header row. */
export function sheetRecords(sheet: ReadSheet): Record<string, ReadCell | undefined>[] {
  const head = (sheet.rows[0] ?? []).map((c) => String(c?.value ?? ''));
  return sheet.rows.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r?.[i]])));
}
