// Exports of an audit result: JSON (audit-cli.md), CSV, XLSX, GeoJSON, FlatGeobuf.
export { auditCommunityTexts, auditJsonChunks, auditToJson, inputReport, type InputReport } from './jsonExport';
export { elementTexts, jsonChunks, type JsonChunkOptions } from './jsonChunks';
export { auditToCsv, csvCell, neutraliseFormula, type CsvOptions } from './csvExport';
export { auditToXlsx, type XlsxOptions } from './xlsxExport';
export { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsxWriter';
export { auditToGeoJSON, auditToFlatGeobuf } from './geoExport';
export { communityRow, communityRows, communityTable, headerZh, HEADERS_ZH, type Cell } from './communityRow';
