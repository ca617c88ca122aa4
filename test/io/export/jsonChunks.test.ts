import { describe, expect, it } from 'vitest';
import { elementTexts, jsonChunks } from '../../../src/io/export/jsonChunks';
import { auditCommunityTexts, auditJsonChunks, auditToJson, communityTextList, joinChunks } from '../../../src/io/export/jsonExport';
import type { AuditResult } from '../../../src/engine/types';
import type { LayerImport } from '../../../src/io/import/types';
import { communityResult, PARAMETERS } from './auditFixture';

// Values JSON.stringify treats specially: undefined and function members (left out), undefined
// array elements (null), toJSON, empty arrays and objects, escapes, non-ASCII, keys with quotes,
// brackets and zeros (the frame of a batch is cut around zeros), NaN and Infinity (null).
const hostile = (): Record<string, unknown> => ({
  'a0[': [0, { '0': [0, [], {}] }, 'x'],
  skipped: undefined,
  fn: () => 1,
  list: [1, undefined, () => 2, { toJSON: () => 'J' }, new Date(0), 'a"b\\c\n\u2028', '锦苑社区 m²', NaN, -Infinity, [], {}, [[0]], null],
  empty: [],
  nested: { deep: { list: [{ k: 1 }, { k: 2 }] }, u: undefined },
  '"quoted"': 'v',
  last: 0,
});

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify at every indent and batch size', () => {
    for (const indent of [0, 1, 2, 4])
      for (const batch of [1, 2, 3, 1000]) {
        const v = hostile();
        const split = ['a0[', 'list', 'empty', 'nested', 'fn', 'skipped'];
        expect(joinChunks(jsonChunks(v, { indent, split, batch })), `indent ${indent}, batch ${batch}`).toBe(JSON.stringify(v, null, indent));
      }
  });

  it('handles objects with no members, only left-out members, or a split array first and last', () => {
    for (const indent of [0, 2]) {
      for (const v of [{}, { gone: undefined }, { xs: [1, 2, 3] }, { xs: [1], y: 2, zs: [{ a: [] }, 'b'] }] as Record<string, unknown>[])
        expect(joinChunks(jsonChunks(v, { indent, split: ['xs', 'zs'], batch: 2 }))).toBe(JSON.stringify(v, null, indent));
    }
  });

  it('with some elements\' texts made beforehand (elementTexts) still joins to JSON.stringify, and uses those texts', () => {
    for (const indent of [0, 2])
      for (const batch of [1, 2, 5, 1000]) {
        const v = hostile();
        const list = v.list as unknown[];
        const made = elementTexts('list', list, indent);
        // Every third element known, the rest stringified here, in stretches between them.
        const texts = { list: made.map((t, i) => (i % 3 === 1 ? t : undefined)) };
        expect(joinChunks(jsonChunks(v, { indent, split: ['list'], batch, texts })), `indent ${indent}, batch ${batch}`).toBe(JSON.stringify(v, null, indent));
        // A text given is the text written (a marked one shows up in the output).
        const marked = { list: list.map((_, i) => (i === 4 ? '"MARK"' : undefined)) };
        expect(joinChunks(jsonChunks(v, { indent, split: ['list'], batch, texts: marked }))).toBe(JSON.stringify({ ...v, list: list.map((x, i) => (i === 4 ? 'MARK' : x)) }, null, indent));
      }
  });

  it('writes a split array in batches: no chunk holds more than one batch of it', () => {
    const xs = Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, v: i / 3 }));
    const chunks = [...jsonChunks({ head: 1, xs }, { indent: 2, split: ['xs'], batch: 3 })];
    const ids = (c: string | Uint8Array) => (joinChunks([c]).match(/"id"/g) ?? []).length;
    const withIds = chunks.map(ids).filter((n) => n > 0);
    expect(withIds).toEqual([3, 3, 3, 1]);
    // With the first element's text given, the rest are still stringified at most a batch at a time.
    const texts = { xs: xs.map((x, i) => (i === 0 ? JSON.stringify(x) : undefined)) };
    const known = [...jsonChunks({ head: 1, xs }, { indent: 2, split: ['xs'], batch: 3, texts })];
    expect(known.map(ids).filter((n) => n > 0)).toEqual([1, 3, 3, 3]);
  });
});

describe('auditJsonChunks', () => {
  // The audit JSON as the command wrote it before it was chunked: one JSON.stringify of the whole
  // document, 2-space indent, a newline at the end.
  const wholeText = (result: AuditResult, inputs?: Record<string, unknown>) =>
    `${JSON.stringify({ preset: result.preset, parameters: result.parameters, communities: result.communities, summary: result.summary, warnings: result.warnings, ...(inputs ? { inputs } : {}) }, null, 2)}\n`;

  const result: AuditResult = {
    preset: 'national-2022',
    parameters: PARAMETERS,
    communities: Array.from({ length: 600 }, (_, i) =>
      communityResult({ id: `C${i}`, name: i % 2 ? '锦苑社区' : 'A "quoted" \\ name', areaPer100Households_m2: i / 7, greenCoverage: i % 3 ? undefined : 0.1 + i / 1e4 })),
    summary: { communities: 600, failing: 0, passing: 600 } as unknown as AuditResult['summary'],
    warnings: [{ code: 'missing_floor_area', layer: 'facilities', feature: 'F1', field: 'area', message: 'floor area missing: default 200 m² used' }] as AuditResult['warnings'],
  };

  it('is byte for byte the whole-document JSON.stringify, with and without the inputs report', () => {
    expect(auditToJson(result)).toBe(wholeText(result));
    const layer = {
      kind: 'communities', files: ['c.geojson'], format: 'geojson', crs: { source: 'EPSG:4326', from: 'default', note: { zh: '默认', en: 'default' }, suggestions: [{ crs: 'x' }] },
      fieldMap: { id: 'id' }, counts: { read: 600, valid: 600, errors: 0, warnings: 0 }, problems: [], features: [], schemaKey: '', notes: [],
    } as unknown as LayerImport;
    const report = { communities: { files: ['c.geojson'], format: 'geojson', crs: { source: 'EPSG:4326', from: 'default', note: { zh: '默认', en: 'default' } }, fieldMap: { id: 'id' }, counts: layer.counts, problems: [] } };
    expect(auditToJson(result, { communities: layer })).toBe(wholeText(result, report));
  });

  it('with communities\' texts made elsewhere (auditCommunityTexts, e.g. by an audit thread) is the same text', () => {
    const texts = communityTextList(auditCommunityTexts(result.communities)).map((t, i) => (i % 4 === 0 || i > 500 ? t : undefined));
    expect(joinChunks(auditJsonChunks(result, undefined, texts))).toBe(wholeText(result));
  });

  it('comes in many chunks, none of them the whole communities array', () => {
    const chunks = [...auditJsonChunks(result)];
    const whole = wholeText(result);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => joinChunks([c]).length))).toBeLessThan(whole.length / 2);
  });
});
