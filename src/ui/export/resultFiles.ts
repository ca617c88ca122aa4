// The audit result as files the app offers for download: XLSX (the writer `audit --out x.xlsx`
// uses, report-cli.md), and the communities with every metric as GeoJSON or FlatGeobuf (the same
// scalar columns as the CSV, audit-cli.md). Built from the store's values; no DOM.
import type { AuditResult, RulePreset } from '../../engine/types';
import type { ProjectLayers } from '../../planning/project';
import { auditToFlatGeobuf, auditToGeoJSON, auditToXlsx } from '../../io/export';

export type ResultFormat = 'xlsx' | 'geojson' | 'fgb';

export interface ResultFile {
  name: string;
  type: string;
  bytes: Uint8Array | string;
}

const MIME: Record<ResultFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  fgb: 'application/octet-stream',
};

/** Chinese sheet names and headers when the UI is in Chinese (as the CLI's --csv-headers zh). */
export function resultFile(format: ResultFormat, result: AuditResult, layers: ProjectLayers, preset: RulePreset, lang: 'zh' | 'en', stem: string): ResultFile {
  const name = `${stem}-${result.preset}-${result.parameters.mode}.${format}`;
  if (format === 'xlsx') return { name, type: MIME.xlsx, bytes: auditToXlsx(result, { chineseHeaders: lang === 'zh', preset }) };
  if (format === 'geojson') return { name, type: MIME.geojson, bytes: JSON.stringify(auditToGeoJSON(result, layers.communities)) };
  return { name, type: MIME.fgb, bytes: auditToFlatGeobuf(result, layers.communities) };
}
