// XLSX point table reader: the first worksheet of an Office Open XML workbook (ECMA-376 Part 1,
// §18.3 sheetData, §18.4 sharedStrings), read with fflate (zip) and fast-xml-parser.
// The first non-empty row is the header. Dates stay serial numbers; formulas give their cached value.
import { strFromU8 } from 'fflate';
import { unzipCapped } from './zipArchive';
import { XMLParser } from 'fast-xml-parser';
import type { RawLayer } from '../import/types';
import { pointTableToLayer } from './pointTable';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['row', 'c', 'si', 'r', 'sheet', 'Relationship'].includes(name),
});

const textOf = (n: unknown): string => {
  if (n === undefined || n === null) return '';
  if (typeof n === 'string' || typeof n === 'number') return String(n);
  const o = n as XmlNode;
  if ('#text' in o) return String(o['#text']);
  return '';
};

/** Text of a shared string / inline string: <t> or rich-text runs <r><t>. */
const richText = (si: XmlNode): string => (si.t !== undefined ? textOf(si.t) : ((si.r as XmlNode[]) ?? []).map((r) => textOf(r.t)).join(''));

const colIndex = (ref: string): number => {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

export function readXlsxRows(name: string, bytes: Uint8Array): { header: string[]; rows: Record<string, unknown>[]; sheet: string } {
  let zip: Record<string, Uint8Array>;
  try {
    zip = unzipCapped(name, bytes);
  } catch (e) {
    if ((e as Error).message.includes('解压后超过')) throw e;
    throw new Error(`${name}: not an XLSX workbook (not a zip archive: ${(e as Error).message})`, { cause: e });
  }
  const get = (p: string) => zip[p] ?? zip[p.replace(/^\//, '')];
  const wb = get('xl/workbook.xml');
  if (!wb) throw new Error(`${name}: not an XLSX workbook (no xl/workbook.xml)`);
  const wbx = parser.parse(strFromU8(wb)) as XmlNode;
  const sheets = (((wbx.workbook as XmlNode)?.sheets as XmlNode)?.sheet as XmlNode[]) ?? [];
  if (sheets.length === 0) throw new Error(`${name}: workbook has no sheets`);
  const first = sheets[0];
  const rid = String(first['@id'] ?? '');
  let target = 'worksheets/sheet1.xml';
  const rels = get('xl/_rels/workbook.xml.rels');
  if (rels) {
    const rx = parser.parse(strFromU8(rels)) as XmlNode;
    const rel = (((rx.Relationships as XmlNode)?.Relationship as XmlNode[]) ?? []).find((r) => r['@Id'] === rid);
    if (rel) target = String(rel['@Target']);
  }
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetBytes = get(sheetPath);
  if (!sheetBytes) throw new Error(`${name}: worksheet ${sheetPath} missing from the workbook`);
  const sst = get('xl/sharedStrings.xml');
  const shared: string[] = sst ? ((((parser.parse(strFromU8(sst)) as XmlNode).sst as XmlNode)?.si as XmlNode[]) ?? []).map(richText) : [];
  const sx = parser.parse(strFromU8(sheetBytes)) as XmlNode;
  const rowsXml = ((((sx.worksheet as XmlNode)?.sheetData as XmlNode)?.row as XmlNode[]) ?? []);
  const grid: unknown[][] = rowsXml.map((row) => {
    const out: unknown[] = [];
    ((row.c as XmlNode[]) ?? []).forEach((c, k) => {
      const ref = String(c['@r'] ?? '');
      const i = ref ? colIndex(ref) : k;
      const t = String(c['@t'] ?? 'n');
      const v = textOf(c.v);
      let val: unknown;
      if (t === 's') val = shared[Number(v)] ?? '';
      else if (t === 'inlineStr') val = c.is ? richText(c.is as XmlNode) : '';
      else if (t === 'b') val = v === '1';
      else if (t === 'str' || t === 'e') val = v;
      else val = v === '' ? null : Number(v);
      out[i] = val;
    });
    return out;
  });
  const headerRow = grid.findIndex((r) => r.some((v) => v !== undefined && v !== null && v !== ''));
  if (headerRow < 0) throw new Error(`${name}: the first worksheet is empty`);
  const header = grid[headerRow].map((v, i) => (v === undefined || v === null || v === '' ? `column${i + 1}` : String(v).trim()));
  const rows = grid
    .slice(headerRow + 1)
    .filter((r) => r.some((v) => v !== undefined && v !== null && v !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
  return { header, rows, sheet: String(first['@name'] ?? 'Sheet1') };
}

export function readXlsx(name: string, bytes: Uint8Array): RawLayer {
  const { header, rows } = readXlsxRows(name, bytes);
  return pointTableToLayer(name, 'xlsx', header, rows);
}
