// Exports of an audit result: JSON (audit-cli.md), CSV, XLSX, GeoJSON, FlatGeobuf.
export { auditCommunityTexts, auditJsonChunks, auditToJson, communityTextList, inputReport, joinChunks, type CommunityTexts, type InputReport } from './jsonExport';
export { elementTexts, jsonChunks, type ElementStretch, type JsonChunkOptions } from './jsonChunks';
export { auditToCsv, csvCell, neutraliseFormula, type CsvOptions } from './csvExport';
export { auditToXlsx, type XlsxOptions } from './xlsxExport';
export { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsxWriter';
export { auditToGeoJSON, auditToFlatGeobuf } from './geoExport';
export { communityRow, communityRows, communityTable, headerZh, HEADERS_ZH, type Cell } from './communityRow';
