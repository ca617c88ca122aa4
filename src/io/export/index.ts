// Exports of an audit result: JSON (audit-cli.md), CSV, GeoJSON, FlatGeobuf.
export { auditToJson, inputReport, type InputReport } from './jsonExport';
export { auditToCsv, csvCell, neutraliseFormula, type CsvOptions } from './csvExport';
export { auditToGeoJSON, auditToFlatGeobuf } from './geoExport';
export { communityRow, communityRows, HEADERS_ZH, type Cell } from './communityRow';
