// Import problems read in Chinese in the Chinese UI: every message the readers give for the
// malformed fixtures is translated (the file names and values kept), English stays as written.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../../src/io/import/readLayer';
import { problemText } from '../../../src/ui/import/problemText';

const DIR = join(__dirname, '../../fixtures/io/malformed');
const CJK = /[\u3400-\u9fff]/;

async function messages(): Promise<string[]> {
  const groups = new Map<string, string[]>();
  for (const f of readdirSync(DIR)) {
    const base = f.replace(/\.[^.]+$/, '');
    groups.set(base, [...(groups.get(base) ?? []), f]);
  }
  const out = new Set<string>();
  for (const files of groups.values()) {
    for (const kind of ['communities', 'facilities'] as const) {
      const r = await readLayer(files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(DIR, f))) })), kind);
      for (const p of r.problems) out.add(p.message);
    }
  }
  return [...out];
}

describe('import problems in the UI language', () => {
  it('translates every message the readers give for the malformed fixtures', async () => {
    const all = await messages();
    expect(all.length).toBeGreaterThan(15);
    for (const m of all) {
      const zh = problemText(m, 'zh');
      // Translated: Chinese wording, and no English sentence left (file names, codes and values may stay).
      expect(zh, m).toMatch(CJK);
      const withoutFileNames = zh.replace(/[\w.-]+\.[A-Za-z0-9]{1,8}\b/g, '');
      expect(withoutFileNames, m).not.toMatch(/\b(is|are|not|the|found|expected|cannot|file|field|records?)\b/);
      expect(problemText(m, 'en')).toBe(m);
    }
  });

  it('keeps file names, values and suggested codes', () => {
    expect(problemText('not-json.geojson: not valid JSON (Unexpected token)', 'zh')).toBe('not-json.geojson：不是有效的 JSON（Unexpected token）');
    expect(problemText('households "两千" is not a number', 'zh')).toBe('户数“两千”不是数字');
    expect(problemText('coordinates (x 409907…411325, y 3393650…3394493) cannot be longitude/latitude but the file claims WGS 84 (default for the format); likely EPSG:4547 or EPSG:4548 with X/Y swapped (Gauss-Krüger metres)', 'zh'))
      .toBe('坐标（x 409907…411325, y 3393650…3394493）不可能是经纬度，但文件声明为 WGS 84（该格式的默认值）；可能是 EPSG:4547 或 EPSG:4548（X/Y 互换）（见“格式与坐标系”的建议）');
    expect(problemText('something new the readers say', 'zh')).toBe('something new the readers say');
  });
});
