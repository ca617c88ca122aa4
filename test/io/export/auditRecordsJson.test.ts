import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../bench/lib/random';
import { AuditRecordsJson } from '../../../src/io/export/auditRecordsJson';
import { jsonChunks } from '../../../src/io/export/jsonChunks';
import { auditCommunityTexts, auditJsonChunks, communityTextList, joinChunks } from '../../../src/io/export/jsonExport';
import type { AuditResult } from '../../../src/engine/types';
import { communityResult, PARAMETERS } from './auditFixture';

// Every check is against JSON.stringify of the same value (and its UTF-8 bytes by TextEncoder).

/** Strings JSON.stringify escapes or writes specially, and the writer's own marker character. */
const HOSTILE = ['', 'plain', 'a"b', 'back\\slash', 'line\nbreak\r\t\b\f', '\u0000\u001f', '\u2028\u2029', '\ud800', 'x\udc00y', '😀', '\ud83d',
  '\x7f', 'DEL\x7fin', '锦苑社区 m²', '"\x7f"', '</script>', '\u00e9\u00ff'];

function hostileString(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) s += HOSTILE[Math.floor(rand() * HOSTILE.length)];
  return s;
}

function randomNumber(rand: () => number): number {
  const pick = rand();
  if (pick < 0.05) return NaN;
  if (pick < 0.1) return rand() < 0.5 ? Infinity : -Infinity;
  if (pick < 0.15) return -0;
  if (pick < 0.4) return Math.floor(rand() * 1e6);
  return (rand() - 0.3) * 10 ** Math.floor(rand() * 30 - 10);
}

/** Shared citation objects, as the audit attaches them (one per rule), some with hostile text. */
function citations(rand: () => number): Record<string, unknown>[] {
  return [
    { zh: '《眉山市“十四五”城乡社区发展治理规划》第三章第二节', en: 'Meishan plan (2021–2025), chapter 3, section 2' },
    { zh: hostileString(rand) + '\x7f', en: hostileString(rand) },
    { zh: '', en: 'x', nested: { list: [1, 'two', null, { deep: '\u2028' }], empty: {} } },
    {},
    { zh: '锦苑', when: new Date(0) },
  ];
}

/** A community record with failures whose sources are shared objects; now and then an odd one. */
function randomRecord(rand: () => number, cites: Record<string, unknown>[], i: number): Record<string, unknown> {
  const failures: unknown[] = [];
  const nf = Math.floor(rand() * 5);
  for (let k = 0; k < nf; k++) {
    const f: Record<string, unknown> = { rule: rand() < 0.9 ? 'lifeCircle' : hostileString(rand), actual: rand() < 0.2 ? null : randomNumber(rand), required: randomNumber(rand), bound: 'min' };
    if (rand() < 0.5) f.tier = String(Math.floor(rand() * 20));
    if (rand() < 0.3) f.category = hostileString(rand);
    const odd = rand();
    if (odd < 0.05) f.source = undefined; // left out by JSON.stringify
    else if (odd < 0.08) f.source = null;
    else if (odd < 0.1) f.source = { toJSON: (key: string) => `cited as ${key}` };
    else if (odd < 0.12) f.source = 'a plain string';
    else f.source = cites[Math.floor(rand() * cites.length)];
    const shape = rand();
    if (shape < 0.03) failures.push(Object.assign(Object.create({ source: cites[0] }), { rule: 'inherited source' }));
    else if (shape < 0.06) failures.push({ toJSON: () => ({ replaced: true }) });
    else if (shape < 0.08) failures.push(undefined);
    else failures.push(f);
  }
  const r: Record<string, unknown> = {
    id: `C${i}`,
    name: rand() < 0.1 ? hostileString(rand) : `Community ${i}`,
    households: rand() < 0.1 ? null : Math.floor(rand() * 5000),
    area_m2: randomNumber(rand),
    lifeCircles: { '5': { kindergarten: randomNumber(rand) }, '15': {} },
    sixOnes: { elderly: rand() < 0.5 },
    skipped: undefined,
    fn: () => 1,
    estimates: [hostileString(rand)],
    failures,
  };
  const odd = rand();
  if (odd < 0.05) r.failures = undefined;
  else if (odd < 0.08) r.after = 'failures not last';
  // (A split array's element is stringified within its batch, so its toJSON sees its index there: not used.)
  else if (odd < 0.1) return { toJSON: () => ({ record: i }) };
  return r;
}

const encode = (s: string) => new TextEncoder().encode(s);

function concatBytes(chunks: Iterable<string | Uint8Array>): Uint8Array {
  const parts = [...chunks].map((c) => (typeof c === 'string' ? encode(c) : c));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('AuditRecordsJson', () => {
  it('writes random records with hostile strings, numbers and odd members as JSON.stringify does, byte for byte', () => {
    const rand = mulberry32(13);
    for (const indent of [0, 2, 4])
      for (let round = 0; round < 6; round++) {
        const cites = citations(rand);
        const records = Array.from({ length: 1 + Math.floor(rand() * 60) }, (_, i) => randomRecord(rand, cites, i));
        const doc = { head: 1, communities: records, tail: [1] };
        const writer = new AuditRecordsJson('communities', indent);
        const batch = 1 + Math.floor(rand() * 7);
        const chunks = [...jsonChunks(doc, { indent, split: ['communities'], batch, stretches: { communities: (e, from, to) => writer.stretch(e, from, to) } })];
        const expected = JSON.stringify(doc, null, indent);
        const got = joinChunks(chunks);
        let d = 0;
        while (d < got.length && got[d] === expected[d]) d++;
        expect(got.slice(Math.max(0, d - 80), d + 80), `indent ${indent}, round ${round}: first difference at ${d}`).toBe(expected.slice(Math.max(0, d - 80), d + 80));
        expect(Buffer.from(concatBytes(chunks)).equals(Buffer.from(encode(expected)))).toBe(true);
      }
  });

  it('gives the shared citations as bytes made once, and a batch whose records hold the marker character as JSON.stringify\'s text', () => {
    const cite = { zh: '城市居住区规划设计标准', en: 'GB 50180-2018' };
    const record = (name: string) => ({ id: name, name, failures: [{ rule: 'r', actual: 0.5, required: 0.9, bound: 'min', source: cite }, { rule: 's', actual: 1, required: 2, bound: 'min', source: cite }] });
    const writer = new AuditRecordsJson('communities', 2);
    const plain = [record('a'), record('b')];
    const pieces = [...writer.stretch(plain, 0, 2)];
    const bytes = pieces.filter((p): p is Uint8Array => typeof p !== 'string');
    expect(bytes).toHaveLength(4);
    expect(new Set(bytes).size).toBe(1); // one buffer, made once
    expect(pieces.filter((p) => typeof p === 'string').every((p) => !(p as string).includes('城'))).toBe(true);
    const whole = (rs: unknown[]) => {
      const s = JSON.stringify({ communities: rs }, null, 2);
      return s.slice(s.indexOf('['), s.lastIndexOf(']') + 1);
    };
    expect(`[\n    ${joinChunks(pieces)}\n  ]`).toBe(whole(plain));
    // A name holding the marker: more markers than citations replaced, so the text is JSON.stringify's.
    const marked = [record('a\x7fb'), record('c')];
    const fallback = [...writer.stretch(marked, 0, 2)];
    expect(fallback).toHaveLength(1);
    expect(`[\n    ${joinChunks(fallback)}\n  ]`).toBe(whole(marked));
  });

  it('leaves the records it is given unchanged', () => {
    const cite = { zh: '标准', en: 'standard' };
    const records = [{ id: 'a', failures: [{ rule: 'r', source: cite }] }];
    const before = JSON.stringify(records);
    const failure = records[0].failures[0];
    expect([...new AuditRecordsJson('communities', 2).stretch(records, 0, 1)].length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).toBe(before);
    expect(records[0].failures[0]).toBe(failure);
    expect(failure.source).toBe(cite);
  });
});

describe('audit community texts as UTF-8 (auditCommunityTexts)', () => {
  it('are each community\'s bytes in the audit JSON: given for some communities, the document is the same', () => {
    const rand = mulberry32(5);
    const cites = citations(rand);
    const communities = Array.from({ length: 300 }, (_, i) =>
      communityResult({ id: `C${i}`, name: i % 3 ? '锦苑社区' : `A "q" \x7f ${i}`, areaPer100Households_m2: i / 7, failures: i % 2 ? [{ rule: 'lifeCircle', actual: i / 300, required: 0.9, bound: 'min', tier: '5', category: 'kindergarten', source: cites[i % 2 ? 0 : 2] as never }] : [] }));
    const result: AuditResult = { preset: 'p', parameters: PARAMETERS, communities, summary: { communities: 300, failing: 150 } as AuditResult['summary'], warnings: [] };
    const expected = `${JSON.stringify({ preset: result.preset, parameters: result.parameters, communities, summary: result.summary, warnings: [] }, null, 2)}\n`;
    const texts = auditCommunityTexts(communities);
    expect(texts.ends).toHaveLength(300);
    const list = communityTextList(texts);
    // Each text is the community's own JSON at its depth in the document.
    expect(new TextDecoder().decode(list[7])).toBe(JSON.stringify(communities[7], null, 2).replace(/\n/g, '\n    '));
    const given = list.map((t, i) => (i % 4 === 0 || i > 250 ? t : undefined));
    const chunks = [...auditJsonChunks(result, undefined, given)];
    expect(Buffer.from(concatBytes(chunks)).equals(Buffer.from(encode(expected)))).toBe(true);
    expect(Buffer.from(concatBytes(auditJsonChunks(result))).equals(Buffer.from(encode(expected)))).toBe(true);
  });
});
