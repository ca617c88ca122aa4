// Audit result → the JSON of audit-cli.md (preset, parameters, communities, summary), plus the
// data warnings and, when given, what the import did per layer (files, CRS, field mapping, counts).
import type { AuditResult } from '../../engine/types';
import type { LayerImport } from '../import/types';
import { elementTexts, jsonChunks } from './jsonChunks';

export interface InputReport {
  files: string[];
  format: string;
  crs: LayerImport['crs'];
  fieldMap: LayerImport['fieldMap'];
  encoding?: LayerImport['encoding'];
  counts: LayerImport['counts'];
  /** The first MAX_PROBLEMS problems (warnings only: a layer with errors stops the command). */
  problems: LayerImport['problems'];
  problemsOmitted?: number;
}

const MAX_PROBLEMS = 200;

export function inputReport(l: LayerImport): InputReport {
  const { suggestions: _s, ...crs } = l.crs;
  const r: InputReport = { files: l.files, format: l.format, crs, fieldMap: l.fieldMap, encoding: l.encoding, counts: l.counts, problems: l.problems.slice(0, MAX_PROBLEMS) };
  if (l.problems.length > MAX_PROBLEMS) r.problemsOmitted = l.problems.length - MAX_PROBLEMS;
  return r;
}

const AUDIT_JSON_INDENT = 2;

/** The texts some community results have in the audit JSON (auditJsonChunks's `communityTexts`):
 *  made where the results are, e.g. in the audit thread that computed them. */
export function auditCommunityTexts(results: readonly AuditResult['communities'][number][]): string[] {
  return elementTexts('communities', results, AUDIT_JSON_INDENT);
}

/** The audit JSON in chunks (written one after another they are auditToJson's text): the
 *  communities a batch at a time, so a city's audit is never one string. */
export function* auditJsonChunks(result: AuditResult, inputs?: Partial<Record<LayerImport['kind'], LayerImport>>, communityTexts?: readonly (string | undefined)[]): Generator<string> {
  const out: Record<string, unknown> = {
    preset: result.preset,
    parameters: result.parameters,
    communities: result.communities,
    summary: result.summary,
    warnings: result.warnings,
  };
  if (inputs) out.inputs = Object.fromEntries(Object.entries(inputs).map(([k, l]) => [k, inputReport(l as LayerImport)]));
  yield* jsonChunks(out, { indent: AUDIT_JSON_INDENT, split: ['communities', 'warnings'], ...(communityTexts ? { texts: { communities: communityTexts } } : {}) });
  yield '\n';
}

export function auditToJson(result: AuditResult, inputs?: Partial<Record<LayerImport['kind'], LayerImport>>): string {
  return [...auditJsonChunks(result, inputs)].join('');
}
