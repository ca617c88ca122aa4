// Audit result → the JSON of audit-cli.md (preset, parameters, communities, summary), plus the
// data warnings and, when given, what the import did per layer (files, CRS, field mapping, counts).
import type { AuditResult } from '../../engine/types';
import type { LayerImport } from '../import/types';

export interface InputReport {
  files: string[];
  format: string;
  crs: LayerImport['crs'];
  fieldMap: LayerImport['fieldMap'];
  encoding?: LayerImport['encoding'];
  counts: LayerImport['counts'];
  problems: LayerImport['problems'];
}

export function inputReport(l: LayerImport): InputReport {
  const { suggestions: _s, ...crs } = l.crs;
  return { files: l.files, format: l.format, crs, fieldMap: l.fieldMap, encoding: l.encoding, counts: l.counts, problems: l.problems };
}

export function auditToJson(result: AuditResult, inputs?: Partial<Record<LayerImport['kind'], LayerImport>>): string {
  const out: Record<string, unknown> = {
    preset: result.preset,
    parameters: result.parameters,
    communities: result.communities,
    summary: result.summary,
    warnings: result.warnings,
  };
  if (inputs) out.inputs = Object.fromEntries(Object.entries(inputs).map(([k, l]) => [k, inputReport(l as LayerImport)]));
  return `${JSON.stringify(out, null, 2)}\n`;
}
