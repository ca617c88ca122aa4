// The repository as a fresh clone sees it: a tracked data/README.md while the generated demo and
// users' files under data/ stay out of git, and no comment that cites an issue number instead of
// saying what and why (the history is in git).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const git = (...args: string[]): { ok: boolean; out: string } => {
  try {
    return { ok: true, out: execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) };
  } catch {
    return { ok: false, out: '' };
  }
};
const inGit = git('rev-parse', '--is-inside-work-tree').out.trim() === 'true';
if (!inGit) console.log('repository.test: not a git work tree, skipping the tracked/ignored checks');

describe('data/', () => {
  it.skipIf(!inGit)('data/README.md is tracked; the demo and anything else under data/ is ignored', () => {
    expect(git('ls-files', '--error-unmatch', 'data/README.md').ok).toBe(true);
    expect(git('check-ignore', '-q', 'data/README.md').ok).toBe(false);
    for (const f of ['data/demo/communities.fgb', 'data/demo/meta.json', 'data/huizhou/land.shp']) expect(git('check-ignore', '-q', f).ok, f).toBe(true);
  });

  it('its README says what the demo is, how it is regenerated and where a user’s own files go', () => {
    const t = readFileSync(join(ROOT, 'data/README.md'), 'utf8');
    expect(t).toContain('data/demo/');
    expect(t).toContain('npm run demo');
    expect(t).toMatch(/Your own data/);
    expect(t).toMatch(/导入数据/);
  });
});

// Comments and docs say what and why: a bare issue number means nothing to a reader.
const ISSUE_CITATION = new RegExp(['\\bissues?\\s*#\\s*\\d+', '\\(#\\d+\\)', '\\bissues?\\s+\\d+\\b', '\\bsee #\\d+'].join('|'), 'i');
const SCANNED = ['src', 'scripts', 'test', 'bench', 'docs', '.ci'];
const ROOT_FILES = /\.(md|ts|js|json|cjs|mjs)$/;
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|css|html|txt|sh)$/;

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    const p = join(dir, e);
    if (e === 'node_modules' || e === '.out') continue;
    const st = statSync(p);
    if (st.isDirectory()) out = out.concat(files(p));
    else if (TEXT.test(e) || !e.includes('.')) out.push(p);
  }
  return out;
}

describe('no issue numbers in code, comments or docs', () => {
  it('src, scripts, test, bench, docs, .ci and the top-level files cite no issue by number', () => {
    const all = [
      ...SCANNED.flatMap((d) => files(join(ROOT, d))),
      ...readdirSync(ROOT).filter((f) => ROOT_FILES.test(f) && f !== 'package-lock.json').map((f) => join(ROOT, f)),
    ];
    expect(all.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const f of all) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (ISSUE_CITATION.test(line)) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(hits).toEqual([]);
  });
});
