// A small XLSX (Office Open XML SpreadsheetML, ECMA-376 Part 1) writer on fflate: sheets of plain
// cells, numbers stored as numbers (<c><v>), text as shared strings (t="s") — never a formula, since
// only a <f> element makes one. Text that a spreadsheet would parse as a formula when the cell is
// edited (= + - @) also gets Excel's quotePrefix style, as when a user types '=1+1.
// Runs in Node and in the browser (no Node built-ins). The npm `xlsx` package is not used (it has
// unpatched advisories); exceljs would bring a dozen dependencies for what these parts need.
import { strToU8, zipSync } from 'fflate';

export type XlsxCell = string | number | boolean | null | undefined;

export interface XlsxSheet {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ] (ECMA-376 §18.2.19). */
  name: string;
  rows: XlsxCell[][];
  /** The first row is a header: bold, and frozen while scrolling. */
  header?: boolean;
}

const SHEET_NAME_BAD = /[:\\/?*[\]]/;

/** XML 1.0 allows tab, LF, CR and U+0020 and above (minus surrogates and U+FFFE/F); other control
 *  characters from data files would make the workbook unreadable, so they become U+FFFD. */
export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Display width of text in Excel character units: CJK and other wide characters count two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

const FORMULA_START = /^[=+\-@]/;

// Style indices of cellXfs below.
const STYLE_HEADER = 1;
const STYLE_QUOTED = 2;
const STYLE_HEADER_QUOTED = 3;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;
  add(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
  const widths: number[] = [];
  const rows: string[] = [];
  sheet.rows.forEach((row, r) => {
    const head = sheet.header === true && r === 0;
    const cells: string[] = [];
    row.forEach((v, c) => {
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return;
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof v === 'number') {
        cells.push(`<c r="${ref}"${head ? ` s="${STYLE_HEADER}"` : ''}><v>${String(v)}</v></c>`);
        widths[c] = Math.max(widths[c] ?? 0, String(v).length);
      } else if (typeof v === 'boolean') {
        cells.push(`<c r="${ref}" t="b"${head ? ` s="${STYLE_HEADER}"` : ''}><v>${v ? 1 : 0}</v></c>`);
        widths[c] = Math.max(widths[c] ?? 0, 5);
      } else {
        const quoted = FORMULA_START.test(v);
        const style = head ? (quoted ? STYLE_HEADER_QUOTED : STYLE_HEADER) : quoted ? STYLE_QUOTED : 0;
        cells.push(`<c r="${ref}" t="s"${style ? ` s="${style}"` : ''}><v>${strings.add(v)}</v></c>`);
        widths[c] = Math.max(widths[c] ?? 0, textWidth(v));
      }
    });
    rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const cols = widths.length
    ? `<cols>${Array.from(widths, (w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(60, Math.max(8, (w ?? 0) + 2))}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const frozen = sheet.header && sheet.rows.length > 0
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${frozen}${cols}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** The workbook as the bytes of an .xlsx file. Throws on an invalid or repeated sheet name. */
export function writeXlsx(sheets: XlsxSheet[]): Uint8Array {
  if (!sheets.length) throw new Error('xlsx: a workbook needs at least one sheet');
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!s.name || s.name.length > 31 || SHEET_NAME_BAD.test(s.name) || /^'|'$/.test(s.name)) throw new Error(`xlsx: invalid sheet name "${s.name}"`);
    if (seen.has(s.name.toLowerCase())) throw new Error(`xlsx: sheet name "${s.name}" given twice`);
    seen.add(s.name.toLowerCase());
  }
  const strings = new SharedStrings();
  const sheetParts = sheets.map((s) => strToU8(sheetXml(s, strings)));
  // [Content_Types].xml first: some readers stream the zip and expect it there.
  const files: Record<string, Uint8Array> = {};
  const n = sheets.length;
  const sheetOverrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  files['[Content_Types].xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetOverrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`);
  files['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  files['xl/workbook.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  sheetParts.forEach((part, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = part; });
  files['xl/styles.xml'] = strToU8(STYLES);
  files['xl/sharedStrings.xml'] = strToU8(strings.xml());
  // A fixed timestamp: the same workbook gives the same bytes.
  return zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}
