// Audit result → the JSON of audit-cli.md (preset, parameters, communities, summary), plus the
// data warnings and, when given, what the import did per layer (files, CRS, field mapping, counts).
import type { AuditResult } from '../../engine/types';
import type { LayerImport } from '../import/types';
import { AuditRecordsJson } from './auditRecordsJson';
import { jsonChunks } from './jsonChunks';
import { Utf8Builder } from './utf8Builder';

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

/** Community results' texts in the audit JSON as UTF-8, one after another: the i-th is
 *  bytes[ends[i - 1] (0 for the first), ends[i]). */
export interface CommunityTexts {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** The texts some community results have in the audit JSON (auditJsonChunks's `communityTexts`):
 *  made where the results are, e.g. in the audit thread that computed them, and sent as one buffer. */
export function auditCommunityTexts(results: readonly AuditResult['communities'][number][]): CommunityTexts {
  const records = new AuditRecordsJson('communities', AUDIT_JSON_INDENT);
  const out = new Utf8Builder(1 << 20);
  const ends = new Uint32Array(results.length);
  for (let i = 0; i < results.length; i++) {
    for (const piece of records.stretch(results, i, i + 1)) out.append(piece);
    ends[i] = out.length;
  }
  return { bytes: out.bytes(), ends };
}

/** Each community's text of `texts` (a view of its bytes), in order. */
export function communityTextList(texts: CommunityTexts): Uint8Array[] {
  const list: Uint8Array[] = [];
  for (let i = 0, from = 0; i < texts.ends.length; from = texts.ends[i++]) list.push(texts.bytes.subarray(from, texts.ends[i]));
  return list;
}

/** The audit JSON in chunks of text or UTF-8 bytes (written one after another they are
 *  auditToJson's text): the communities a batch at a time, so a city's audit is never one string,
 *  their failures as UTF-8 bytes (auditRecordsJson.ts). */
export function* auditJsonChunks(result: AuditResult, inputs?: Partial<Record<LayerImport['kind'], LayerImport>>, communityTexts?: readonly (string | Uint8Array | undefined)[]): Generator<string | Uint8Array> {
  const out: Record<string, unknown> = {
    preset: result.preset,
    parameters: result.parameters,
    communities: result.communities,
    summary: result.summary,
    warnings: result.warnings,
  };
  if (inputs) out.inputs = Object.fromEntries(Object.entries(inputs).map(([k, l]) => [k, inputReport(l as LayerImport)]));
  const records = new AuditRecordsJson('communities', AUDIT_JSON_INDENT);
  yield* jsonChunks(out, {
    indent: AUDIT_JSON_INDENT,
    split: ['communities', 'warnings'],
    stretches: { communities: (elements, from, to) => records.stretch(elements, from, to) },
    ...(communityTexts ? { texts: { communities: communityTexts } } : {}),
  });
  yield '\n';
}

/** Chunks of text and UTF-8 bytes (each chunk whole characters) as one string. */
export function joinChunks(chunks: Iterable<string | Uint8Array>): string {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (const c of chunks) parts.push(typeof c === 'string' ? c : decoder.decode(c));
  return parts.join('');
}

export function auditToJson(result: AuditResult, inputs?: Partial<Record<LayerImport['kind'], LayerImport>>): string {
  return joinChunks(auditJsonChunks(result, inputs));
}
