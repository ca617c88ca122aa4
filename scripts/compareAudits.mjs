// Compares two audit JSON outputs (`npm run audit -- --out …`) community by community: for every
// numeric field (path with array indices dropped), the largest absolute difference and where it
// occurs; for every other field, how many communities differ. Used to check that a change to the
// engine keeps every figure within 1e-6 or within its documented bound.
//   node scripts/compareAudits.mjs before.json after.json [--top 5]
import { readFileSync } from 'node:fs';

const [aPath, bPath] = process.argv.slice(2).filter((x) => !x.startsWith('--'));
if (!aPath || !bPath) {
  console.error('usage: node scripts/compareAudits.mjs before.json after.json');
  process.exit(2);
}
const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
const a = read(aPath), b = read(bPath);

/** Flattens a value into path → leaf (numbers, strings, booleans, null); array indices kept as [i]. */
function flatten(v, path, out) {
  if (v === null || typeof v !== 'object') { out.set(path, v); return out; }
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  else for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
  return out;
}
const field = (path) => path.replace(/\[\d+\]/g, '[]');

const numeric = new Map(); // field → { max, id, a, b, n }
const other = new Map(); // field → count of communities that differ
const byId = new Map((b.communities ?? []).map((c) => [c.id, c]));
let missing = 0;
for (const ca of a.communities ?? []) {
  const cb = byId.get(ca.id);
  if (!cb) { missing++; continue; }
  const fa = flatten(ca, '', new Map()), fb = flatten(cb, '', new Map());
  const seen = new Set();
  for (const key of new Set([...fa.keys(), ...fb.keys()])) {
    const x = fa.get(key), y = fb.get(key), f = field(key);
    if (typeof x === 'number' && typeof y === 'number') {
      const d = Math.abs(x - y);
      const e = numeric.get(f) ?? { max: 0, id: '', a: x, b: y, n: 0 };
      e.n++;
      if (d > e.max) Object.assign(e, { max: d, id: ca.id, a: x, b: y });
      numeric.set(f, e);
    } else if (x !== y && !seen.has(f)) {
      seen.add(f);
      other.set(f, (other.get(f) ?? 0) + 1);
    }
  }
}
console.log(`${(a.communities ?? []).length} communities in ${aPath}, ${(b.communities ?? []).length} in ${bPath}; ${missing} missing from the second`);
console.log('numeric fields, largest absolute difference:');
const rows = [...numeric].sort((p, q) => q[1].max - p[1].max);
for (const [f, e] of rows) if (e.max > 0) console.log(`  ${e.max.toExponential(3).padStart(10)}  ${f}  (${e.id}: ${e.a} → ${e.b})`);
console.log(`  … ${rows.filter(([, e]) => e.max === 0).length} numeric fields identical`);
console.log('other fields, communities that differ:');
for (const [f, n] of [...other].sort((p, q) => q[1] - p[1])) console.log(`  ${String(n).padStart(6)}  ${f}`);
const sa = JSON.stringify(a.summary ?? null), sb = JSON.stringify(b.summary ?? null);
console.log(`summary: ${sa === sb ? 'identical' : 'differs'}`);
