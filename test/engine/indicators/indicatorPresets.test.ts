// Indicator targets and reference values in the built-in presets: each quotes its document's
// sentence verbatim and the sentence states the figure; user presets are validated by field path.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, validatePreset } from '../../../src/engine/presets';
import { citedDocument, figuresAsCited, indicatorCitation } from '../../../src/engine/citation';

// Written out by hand from the seeds: [preset, indicator, target or null, reference or null].
const EXPECTED: [string, string, number | null, number | null][] = [
  ['national-2022', 'areaPer100Households', 30, null],
  ['national-2022', 'resettlementServiceCoverage', 1, null],
  ['national-2022', 'resettlementCompliance', 1, null],
  ['meishan-2025', 'serviceFacilityCoverage', 1, null],
  ['meishan-2025', 'elderlyServiceCoverage', 0.9, 0.8449],
  ['meishan-2025', 'streetElderlyCoverage', 0.6, null],
  ['meishan-2025', 'areaPer100Households', 40, 30],
  ['meishan-2025', 'parkCoverage', 0.95, null],
  ['meishan-2025', 'parkPerCapita', 16, null],
  ['meishan-2025', 'healthPer1000', 60, null],
  ['chongqing-2020', 'serviceFacilityCoverageUrban', null, 0.988],
  ['chongqing-2020', 'serviceFacilityCoverageRural', 0.7, 1],
  ['chongqing-2020', 'areaPer100HouseholdsUrban', null, 34.1],
  ['chongqing-2020', 'areaPer100HouseholdsRural', null, 50.96],
];

describe('indicator targets in the built-in presets', () => {
  it.each(EXPECTED)('%s %s: target %s, reference %s', (id, ind, target, reference) => {
    const spec = getPreset(id)!.indicators![ind as 'parkCoverage']!;
    expect(spec.target?.value ?? null).toBe(target);
    expect(spec.reference?.value ?? null).toBe(reference);
  });
  it('every cited figure is the preset value (so the citation is not "user-set")', () => {
    for (const p of listPresets()) for (const [, spec] of Object.entries(p.indicators ?? {})) for (const c of spec.cite ?? []) expect(figuresAsCited(p, c)).toBe(true);
  });
  it('an edited target is cited as the user\'s own', () => {
    const p = getPreset('meishan-2025')!;
    p.indicators!.elderlyServiceCoverage!.target!.value = 0.95;
    expect(indicatorCitation(p, 'elderlyServiceCoverage', 'zh')).toContain('用户设定值');
  });
});

// Characters of the seeds' Traditional script whose Simplified form differs (as in citation.test.ts).
const TRADITIONAL = /[實現見綠園區設務戶規劃標準應於條鐘構級築積會議進機關歲國據鄉綜蓋養達備擁衛範個]/;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('the sentences shown for each indicator figure', () => {
  it('every citation of a document has one, in Simplified Chinese and in English, stating the figure', () => {
    let n = 0;
    for (const p of listPresets()) {
      for (const [id, spec] of Object.entries(p.indicators ?? {})) {
        for (const c of spec.cite ?? []) {
          if (!c.doc) continue;
          const where = `${p.id} ${id}`;
          expect(c.sentence, where).toBeDefined();
          expect(c.sentence!.zh, where).not.toMatch(TRADITIONAL);
          expect(c.sentence!.en, where).not.toMatch(CJK);
          for (const v of Object.values(c.figures ?? {})) {
            const shown = String(+(Number(v) * (/Coverage|Compliance/.test(id) ? 100 : 1)).toFixed(4));
            if (shown === '100' && /全覆盖|全达标/.test(c.sentence!.zh)) continue;
            expect(c.sentence!.zh, where).toContain(shown);
            if (shown !== '100') expect(c.sentence!.en, where).toContain(shown);
          }
          n++;
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(20);
  });
});

describe('validatePreset: indicators', () => {
  it('names the field at fault', () => {
    const p = getPreset('national-2022')! as unknown as Record<string, unknown>;
    p.indicators = { nope: {}, parkCoverage: { target: { value: 'x', bound: 'up' } } };
    const r = validatePreset(p);
    expect('errors' in r && r.errors).toEqual(expect.arrayContaining([
      expect.stringContaining('preset.indicators.nope: unknown indicator'),
      'preset.indicators.parkCoverage.target.value: must be a number',
      'preset.indicators.parkCoverage.target.bound: must be "min" or "max"',
    ]));
  });
  it('a preset without indicators is valid', () => {
    const p = getPreset('national-2022')!;
    delete p.indicators;
    expect('preset' in validatePreset(p)).toBe(true);
  });
});

const SEEDS = resolve(process.cwd(), '../shared/seeds');
const seedsPresent = existsSync(SEEDS);
if (!seedsPresent) console.log(`indicatorPresets.test: ${SEEDS} not found, skipping the check that each quoted sentence is in its seed`);

describe.skipIf(!seedsPresent)('indicator quotes are verbatim in the seeds', () => {
  const text = (n: string): string => {
    const f = readdirSync(SEEDS).find((x) => x.startsWith(`${n}_`))!;
    return readFileSync(join(SEEDS, f), 'utf8').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň0-9 ]*\)/g, '');
  };
  it('each citation quotes its seed and the quote states the figure', () => {
    let checked = 0;
    for (const p of listPresets()) {
      for (const [id, spec] of Object.entries(p.indicators ?? {})) {
        for (const c of spec.cite ?? []) {
          const seed = c.doc ? citedDocument(p, c.doc)?.seed : undefined;
          if (!seed) continue;
          expect(text(seed).includes(c.quote!), `${p.id} ${id}: "${c.quote}" not in seed ${seed}`).toBe(true);
          for (const v of Object.values(c.figures ?? {})) {
            const shown = String(+(Number(v) * (isShare(id) ? 100 : 1)).toFixed(4));
            // 100 % of the resettlement communities is said as 全覆盖 / 全达标.
            if (shown === '100' && /全覆盖|全達標|全达标/.test(c.quote!)) continue;
            expect(c.quote!.includes(shown), `${p.id} ${id}: ${shown} not in "${c.quote}"`).toBe(true);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

function isShare(id: string): boolean {
  return /Coverage|Compliance/.test(id);
}
