import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../src/engine/audit';
import { defaultPreset, getPreset, listPresets, validatePreset } from '../../src/engine/presets';
import { citedDocument } from '../../src/engine/citation';
import type { Dataset, FacilityCategory } from '../../src/engine/types';
import { community, facility, green, rect } from './helpers';

// Figures from STANDARDS.md §3 and the seeds, written out by hand.
const EXPECTED: Record<string, { per100: number; urban: number; rural: number; tiers: Record<string, number> }> = {
  'national-2022': { per100: 30, urban: 300, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'yanan-2016': { per100: 20, urban: 300, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'nanjing-2010': { per100: 20, urban: 300, rural: 600, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'meishan-2025': { per100: 40, urban: 500, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'chongqing-2020': { per100: 30, urban: 300, rural: 200, tiers: { '10': 500, '20': 1500 } },
  'action-plan-002': { per100: 30, urban: 300, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
};

/** A 200 m square with every category at its centre and a park over it: only floor areas decide. */
function complete(serviceArea: number, households: number): Dataset {
  const cats: FacilityCategory[] = ['elderly_care', 'kindergarten', 'health_station', 'health_center', 'supermarket', 'activity_venue',
    'primary_school', 'middle_school', 'culture_center', 'sports_venue'];
  return {
    communities: [community('C', [[rect(-100, -100, 100, 100)]], { households })],
    facilities: [facility('S', 'community_service', 0, 0, { floorArea: serviceArea }), ...cats.map((c) => facility(c, c, 0, 0, { floorArea: c === 'health_center' ? 1700 : 120 }))],
    green: [green('P', [[rect(-120, -120, 120, 120)]], 'park')],
  };
}

describe('built-in presets', () => {
  it('ship the six presets with their seeds’ figures', () => {
    expect(listPresets().map((p) => p.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [id, e] of Object.entries(EXPECTED)) {
      const p = getPreset(id)!;
      expect(p.schemaVersion).toBe(1);
      expect([p.rules.areaPer100Households.threshold, p.rules.stationMinArea.urban, p.rules.stationMinArea.rural]).toEqual([e.per100, e.urban, e.rural]);
      expect(Object.fromEntries(Object.entries(p.tiers).map(([k, t]) => [k, t.distance_m]))).toEqual(e.tiers);
      for (const [k, r] of Object.entries(p.rules)) expect(r.cite?.length, `${id} ${k}`).toBeGreaterThan(0);
    }
    expect(defaultPreset().id).toBe('national-2022');
  });

  it('each preset passes at its area threshold and fails just below', () => {
    for (const [id, e] of Object.entries(EXPECTED)) {
      const p = getPreset(id)!;
      // households 2000: threshold × 20 m² gives exactly the threshold per 100 households.
      const at = auditDataset(complete(Math.max(e.per100 * 20, e.urban), 2000), p).communities[0];
      expect(at.failures.filter((f) => f.rule === 'areaPer100Households'), id).toEqual([]);
      const below = auditDataset(complete(e.per100 * 20 - 1, 2000), p).communities[0];
      expect(below.failures.find((f) => f.rule === 'areaPer100Households'), id).toMatchObject({ required: e.per100 });
    }
  });

  it('a community designed to pass national fails meishan (40 m², 500 m² station, 1500–4000 households)', () => {
    // 350 m² for 1000 households = 35 m²/100 households: ≥ 30, < 40; station 350: ≥ 300, < 500; 1000 < 1500 households.
    const data = complete(350, 1000);
    const national = auditDataset(data, getPreset('national-2022')!).communities[0];
    expect(national.failures).toEqual([]);
    expect(national.status).toBe('pass');
    const meishan = auditDataset(data, getPreset('meishan-2025')!).communities[0];
    expect(meishan.status).toBe('fail');
    expect(meishan.failures.map((f) => f.rule).sort()).toEqual(['areaPer100Households', 'communitySize', 'stationMinArea']);
  });

  it('chongqing uses 10/20-minute circles', () => {
    const r = auditDataset(complete(400, 1000), getPreset('chongqing-2020')!);
    expect(Object.keys(r.communities[0].lifeCircles)).toEqual(['10', '20']);
    expect(r.parameters.tiers).toEqual({ '10': 500, '20': 1500 });
  });

  it('the detour factor shortens straight-line tiers', () => {
    const p = defaultPreset();
    p.detourFactor = 1.25;
    expect(auditDataset(complete(400, 1000), p).parameters.tiers).toEqual({ '5': 240, '10': 400, '15': 800 });
  });
});

describe('validatePreset', () => {
  it('accepts the built-ins and a preset without schemaVersion (read as 1)', () => {
    for (const p of listPresets()) expect(validatePreset(p)).toEqual({ preset: p });
    const { schemaVersion: _v, ...noVersion } = defaultPreset();
    expect('preset' in validatePreset(noVersion)).toBe(true);
  });

  it('names the field paths at fault', () => {
    // Deliberately malformed edits of a plain JSON object.
    const p = JSON.parse(JSON.stringify(defaultPreset())) as { rules: Record<string, Record<string, unknown>>; requiredByTier: Record<string, string[]>; name: Record<string, string> };
    p.rules.areaPer100Households.threshold = '30';
    p.rules.greenCoverage.threshold = 1.5;
    p.requiredByTier['7'] = ['kindergarten', 'bakery'];
    p.rules.sixOnes.tier = '99';
    delete p.name.en;
    p.rules.communitySize.min = 9000;
    const r = validatePreset(p);
    expect('errors' in r).toBe(true);
    const errors = (r as { errors: string[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([
      'preset.rules.areaPer100Households.threshold: must be a number',
      'preset.rules.greenCoverage.threshold: must be ≤ 1 (is 1.5)',
      'preset.requiredByTier.7: no tier "7" in preset.tiers',
      'preset.requiredByTier.7[1]: unknown facility category "bakery"',
      'preset.name.en: must be a non-empty string',
      'preset.rules.communitySize: min (9000) is larger than max (5000)',
    ]));
    expect(errors.some((e) => e.startsWith('preset.rules.sixOnes.tier'))).toBe(true);
  });

  it('refuses other schema versions and non-objects', () => {
    expect(validatePreset({ ...defaultPreset(), schemaVersion: 2 })).toEqual({ errors: [expect.stringMatching(/^preset.schemaVersion: 2 is not supported/)] });
    expect(validatePreset(null)).toEqual({ errors: ['preset: must be an object'] });
  });
});

// ----------------------------------------------------------------------------------------------
// Every figure pinned to the sentence of the seed it comes from (checked against /work/shared/seeds
// below). Seeds 000/001 are in traditional characters with pinyin in brackets, quoted as they read
// once the pinyin is removed.

/** [preset, value path, expected value, seed file, quoted sentence (verbatim in the seed)]. */
const PINNED: [string, string, number, string, string][] = [
  // 002: "按照每百户居民拥有社区综合服务设施面积不低于30平方米,农村社区综合服务设施单体面积不低于200平方米的标准配建"
  ['national-2022', 'rules.areaPer100Households.threshold', 30, '002', '每百户居民拥有社区综合服务设施面积不低于30平方米'],
  ['national-2022', 'rules.areaPer100Households.ruralThreshold', 30, '002', '每百户居民拥有社区综合服务设施面积不低于30平方米'],
  ['national-2022', 'rules.stationMinArea.rural', 200, '002', '农村社区综合服务设施单体面积不低于200平方米'],
  ['action-plan-002', 'rules.areaPer100Households.threshold', 30, '002', '每百户居民拥有社区综合服务设施面积不低于30平方米'],
  ['action-plan-002', 'rules.stationMinArea.rural', 200, '002', '农村社区综合服务设施单体面积不低于200平方米'],
  // 000: "建成後的社區服務站面積不應少於300平方米" (urban station, also the national urban figure)
  ['national-2022', 'rules.stationMinArea.urban', 300, '000', '建成後的社區服務站面積不應少於300平方米'],
  ['yanan-2016', 'rules.stationMinArea.urban', 300, '000', '建成後的社區服務站面積不應少於300平方米'],
  // 000: "加強城鎮社區基礎設施建設。按照每100戶(或300人)20平方米的標準…" — urban only; 300 persons per 100 households.
  ['yanan-2016', 'rules.areaPer100Households.threshold', 20, '000', '按照每100戶(或300人)20平方米的標準確定社區辦公和服務活動用房建設規模'],
  ['yanan-2016', 'personsPerHousehold', 3, '000', '每100戶(或300人)'],
  // 000: "一般社區要建有不低於1000平方米的室外活動場所" (on in yanan-2016)
  ['yanan-2016', 'rules.outdoorVenue.minArea', 1000, '000', '一般社區要建有不低於1000平方米的室外活動場所'],
  // 000: "一般在1000—5000戶或3000—15000人的社區設立社區居民委員會"
  ['yanan-2016', 'rules.communitySize.min', 1000, '000', '一般在1000—5000戶或3000—15000人的社區設立社區居民委員會'],
  ['yanan-2016', 'rules.communitySize.max', 5000, '000', '一般在1000—5000戶或3000—15000人的社區設立社區居民委員會'],
  // 004 (Nanjing): "2008年全部社区居委会办公服务用房达到300平方米,2010年全面达到每百户20平方米"
  ['nanjing-2010', 'rules.areaPer100Households.threshold', 20, '004', '2010年全面达到每百户20平方米'],
  ['nanjing-2010', 'rules.stationMinArea.urban', 300, '004', '2008年全部社区居委会办公服务用房达到300平方米'],
  // 004 (Nanjing): "每个村委会办公用房和服务用房不少于600平方米"
  ['nanjing-2010', 'rules.stationMinArea.rural', 600, '004', '每个村委会办公用房和服务用房不少于600平方米'],
  // 001: "按照每百戶不低于40平方米標準配建社區綜合服務設施" (text) and "≥40" (indicator table)
  ['meishan-2025', 'rules.areaPer100Households.threshold', 40, '001', '按照每百戶不低于40平方米標準配建社區綜合服務設施'],
  ['meishan-2025', 'rules.areaPer100Households.ruralThreshold', 40, '001', '按照每百戶不低于40平方米標準配建社區綜合服務設施'],
  // 001: "新建社區綜合服務設施不低于500平米;城市改建擴建、購置租用社區一般不低于300平米" — the 300 is for
  // renovated or leased urban premises, not for rural communities (the previous 300 m² rural figure).
  ['meishan-2025', 'rules.stationMinArea.urban', 500, '001', '新建社區綜合服務設施不低于500平米'],
  // 001 is silent on rural stations: national fallback, 002 "农村社区综合服务设施单体面积不低于200平方米".
  ['meishan-2025', 'rules.stationMinArea.rural', 200, '002', '农村社区综合服务设施单体面积不低于200平方米'],
  // 001: "傳統城區社區人口規模一般1500—4000戶、常住人口4500—12000人"
  ['meishan-2025', 'rules.communitySize.min', 1500, '001', '傳統城區社區人口規模一般1500—4000戶'],
  ['meishan-2025', 'rules.communitySize.max', 4000, '001', '傳統城區社區人口規模一般1500—4000戶'],
  // 001 indicator table: "社區每千人衛生服務設施建筑面積(平方米) | ≥60"
  ['meishan-2025', 'rules.healthPer1000.m2Per1000', 60, '001', '社區每千人衛生服務設施建筑面積'],
  // 001: "基本實現300米見綠、500米見園,公園綠地服務半徑覆蓋率超過95%"
  ['meishan-2025', 'rules.greenCoverage.distance_m', 300, '001', '基本實現300米見綠'],
  ['meishan-2025', 'rules.parkCoverage.distance_m', 500, '001', '500米見園'],
  ['meishan-2025', 'rules.parkCoverage.threshold', 0.95, '001', '公園綠地服務半徑覆蓋率超過95%'],
  ['national-2022', 'rules.parkCoverage.threshold', 0.95, '001', '公園綠地服務半徑覆蓋率超過95%'],
  // 001: "人均公園綠地面積達到16平方米", "人均體育場地面積達到2.6平方米"
  ['meishan-2025', 'rules.perCapitaPark.m2PerPerson', 16, '001', '城市建成區人均公園綠地面積達到16平方米'],
  ['meishan-2025', 'rules.perCapitaSports.m2PerPerson', 2.6, '001', '人均體育場地面積達到2.6平方米'],
  // 003: "构建10—20分钟可达的“社区生活服务圈”和“街道公共服务圈”" — tiers 10 and 20 minutes.
  ['chongqing-2020', 'tiers.10.minutes', 10, '003', '构建10—20分钟可达的“社区生活服务圈”和“街道公共服务圈”'],
  ['chongqing-2020', 'tiers.20.minutes', 20, '003', '构建10—20分钟可达的“社区生活服务圈”和“街道公共服务圈”'],
  // 003 gives only 2020 statistics (34.1 m² urban, 50.96 m² rural per 100 households), no standard: national 30.
  ['chongqing-2020', 'rules.areaPer100Households.threshold', 30, '003', '每百户居民拥有综合服务设施34.1平方米'],
  // Urban-only figures in 000 / 004: the rural floor area per 100 households falls back to the national 30 (002).
  ['yanan-2016', 'rules.areaPer100Households.ruralThreshold', 30, '002', '每百户居民拥有社区综合服务设施面积不低于30平方米'],
  ['nanjing-2010', 'rules.areaPer100Households.ruralThreshold', 30, '002', '每百户居民拥有社区综合服务设施面积不低于30平方米'],
];

const at = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], o);

describe('preset figures pinned to their seeds', () => {
  it('each figure has the value the seed states', () => {
    for (const [id, path, value] of PINNED) expect(at(getPreset(id), path), `${id} ${path}`).toBe(value);
  });

  it('project defaults, not seed figures: share 0.9 for life circles and “6个1”, 0.95 for green, no detour', () => {
    for (const p of listPresets()) {
      expect([p.rules.lifeCircle.threshold, p.rules.sixOnes.threshold, p.rules.greenCoverage.threshold, p.detourFactor], p.id).toEqual([0.9, 0.9, 0.95, 1]);
      const byFigure = (rule: 'lifeCircle' | 'greenCoverage' | 'sixOnes', path: string) => p.rules[rule].cite!.find((c) => c.figures && path in c.figures);
      expect(byFigure('lifeCircle', 'rules.lifeCircle.threshold')?.default, p.id).toBe(true);
      expect(byFigure('greenCoverage', 'rules.greenCoverage.threshold')?.default, p.id).toBe(true);
      expect(byFigure('sixOnes', 'rules.sixOnes.threshold')?.default, p.id).toBe(true);
    }
  });

  it('“6个1”: the six groups 001 lists (养老服务中心、幼儿园、综合超市、卫生服务中心(站)、公共活动场所、开放公共绿地) in the 10-minute circle', () => {
    for (const p of listPresets()) {
      const s = p.rules.sixOnes;
      expect(s.tier, p.id).toBe('10');
      expect(s.groups.map((g) => [g.key, g.categories, g.green ?? false]), p.id).toEqual([
        ['elderly', ['elderly_care'], false], ['childcare', ['kindergarten'], false], ['supermarket', ['supermarket'], false],
        ['health', ['health_station', 'health_center'], false], ['activity', ['activity_venue'], false], ['green', [], true]]);
    }
  });

  it('optional rules are on only where the preset’s own seed sets them', () => {
    const on = (id: string) => Object.entries(getPreset(id)!.rules).filter(([k, r]) => r.enabled && ['outdoorVenue', 'perCapitaPark', 'perCapitaSports', 'healthPer1000', 'communitySize'].includes(k)).map(([k]) => k).sort();
    expect(on('yanan-2016')).toEqual(['communitySize', 'outdoorVenue']);
    expect(on('meishan-2025')).toEqual(['communitySize', 'healthPer1000']);
    for (const id of ['national-2022', 'nanjing-2010', 'chongqing-2020', 'action-plan-002']) expect(on(id), id).toEqual([]);
  });

  it('meishan-2025 is at least as strict as national-2022 on every figure and stricter on some', () => {
    const n = getPreset('national-2022')!.rules;
    const m = getPreset('meishan-2025')!.rules;
    const pairs: [string, number, number][] = [
      ['per100', m.areaPer100Households.threshold, n.areaPer100Households.threshold],
      ['per100 rural', m.areaPer100Households.ruralThreshold!, n.areaPer100Households.ruralThreshold!],
      ['station urban', m.stationMinArea.urban, n.stationMinArea.urban],
      ['station rural', m.stationMinArea.rural, n.stationMinArea.rural],
      ['green share', m.greenCoverage.threshold, n.greenCoverage.threshold],
      ['park share', m.parkCoverage.threshold, n.parkCoverage.threshold],
      ['life circle share', m.lifeCircle.threshold, n.lifeCircle.threshold],
    ];
    for (const [what, mv, nv] of pairs) expect(mv, what).toBeGreaterThanOrEqual(nv);
    // Distances: meishan's must not be longer.
    expect(m.greenCoverage.distance_m).toBeLessThanOrEqual(n.greenCoverage.distance_m);
    expect(m.parkCoverage.distance_m).toBeLessThanOrEqual(n.parkCoverage.distance_m);
    expect(pairs.filter(([, mv, nv]) => mv > nv).map(([w]) => w)).toEqual(['per100', 'per100 rural', 'station urban']);
    // Every rule national enables, meishan enables too (plus communitySize and healthPer1000).
    for (const [k, r] of Object.entries(n)) if (r.enabled) expect(m[k as keyof typeof m].enabled, k).toBe(true);
  });

  it('a rural community with a 250 m² station: 200 m² suffices under meishan-2025 (001 gives no rural size), 600 m² needed under nanjing-2010', () => {
    // 1000 households, 400 m² in two stations (250 + 150): 40 m² per 100 households meets meishan's 40.
    const data = complete(250, 1000);
    data.communities[0].setting = 'rural';
    data.facilities.push(facility('S2', 'community_service', 10, 10, { floorArea: 150 }));
    const m = auditDataset(data, getPreset('meishan-2025')!).communities[0];
    expect(m.areaPer100Households_m2).toBeCloseTo(40, 9);
    expect(m.failures.filter((f) => f.rule === 'stationMinArea' || f.rule === 'areaPer100Households')).toEqual([]);
    const nj = auditDataset(data, getPreset('nanjing-2010')!).communities[0];
    expect(nj.failures.find((f) => f.rule === 'stationMinArea')).toMatchObject({ actual: 250, required: 600 });
  });

  it('a rural community at 25 m² per 100 households fails yanan-2016 and nanjing-2010 (national 30 for rural), an urban one passes (20)', () => {
    // 500 m² for 2000 households = 25 m²/100 households; one 500 m² station passes every station rule.
    for (const id of ['yanan-2016', 'nanjing-2010']) {
      const urban = auditDataset(complete(500, 2000), getPreset(id)!).communities[0];
      expect(urban.failures.filter((f) => f.rule === 'areaPer100Households'), id).toEqual([]);
      const data = complete(500, 2000);
      data.communities[0].setting = 'rural';
      const rural = auditDataset(data, getPreset(id)!).communities[0];
      const fail = rural.failures.find((f) => f.rule === 'areaPer100Households');
      expect(fail, id).toMatchObject({ required: 30 });
      expect(fail!.actual!).toBeCloseTo(25, 9);
    }
  });
});

const SEEDS = resolve(process.cwd(), '../shared/seeds');
const seedsPresent = existsSync(SEEDS);
if (!seedsPresent) console.log(`presets.test: ${SEEDS} not found, skipping the check that each quoted sentence is in its seed`);

describe.skipIf(!seedsPresent)('quotes are verbatim in the seeds', () => {
  // Seeds 000/001 carry pinyin after each character pair, e.g. "規(guī)劃": drop every bracketed Latin run.
  const text = (n: string): string => {
    const f = readdirSync(SEEDS).find((x) => x.startsWith(`${n}_`))!;
    return readFileSync(join(SEEDS, f), 'utf8').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň0-9 ]*\)/g, '');
  };
  it('every pinned quote occurs in its seed', () => {
    const cache = new Map<string, string>();
    for (const [id, path, , seed, quote] of PINNED) {
      if (!cache.has(seed)) cache.set(seed, text(seed));
      expect(cache.get(seed)!.includes(quote), `${id} ${path}: "${quote}" not in seed ${seed}`).toBe(true);
    }
  });
  it('every citation of a seed document quotes it verbatim, and the quote states the figures cited', () => {
    const cache = new Map<string, string>();
    let checked = 0;
    for (const p of listPresets()) {
      for (const [rule, r] of Object.entries(p.rules)) {
        for (const c of r.cite ?? []) {
          const seed = c.doc ? citedDocument(p, c.doc)?.seed : undefined;
          if (!seed) continue;
          const where = `${p.id} ${rule} ${c.doc}`;
          expect(c.quote, `${where}: no quote`).toBeTruthy();
          if (!cache.has(seed)) cache.set(seed, text(seed));
          expect(cache.get(seed)!.includes(c.quote!), `${where}: "${c.quote}" not in seed ${seed}`).toBe(true);
          for (const v of Object.values(c.figures ?? {})) {
            if (typeof v !== 'number') continue;
            const shown = v < 1 ? `${Math.round(v * 100)}%` : String(v);
            expect(c.quote!.includes(shown), `${where}: ${shown} not in its quote "${c.quote}"`).toBe(true);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('the 6个1 list and the life-circle tiers are 001’s words', () => {
    const t = text('001');
    expect(t).toContain('推動社區完善養老服務中心(日間照料中心)、幼兒園(托兒所)、綜合超市、衛生服務中心(站)、公共活動場所、開放公共綠地“6個1”功能配套');
    expect(t).toContain('“15分鐘街區級—10分鐘社區級—5分鐘小區級”');
  });
});
