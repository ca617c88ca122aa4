// `npm run demo -- [--seed N] [--out dir] [--if-missing]`: writes the synthetic demo district
// (示范区) as FlatGeobuf layers plus meta.json and prints its counts. Same seed → same bytes.
// `--if-missing` (used by `npm start`/`npm run build`) does nothing when the files exist.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEED, demoFiles, generateDemo } from './demo/generate';

/** The files a complete demo folder holds. */
export const DEMO_FILES = ['communities.fgb', 'facilities.fgb', 'green.fgb', 'roads.fgb', 'water.fgb', 'residential.fgb', 'meta.json'];

const USAGE = 'usage: tsx scripts/generateDemo.ts [--seed N] [--out dir] [--if-missing]';

export interface DemoArgs {
  seed: number;
  out: string;
  ifMissing: boolean;
}

export function parseDemoArgs(argv: string[]): DemoArgs {
  const args: DemoArgs = { seed: DEFAULT_SEED, out: 'data/demo', ifMissing: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--if-missing') args.ifMissing = true;
    else if (a === '--seed' || a === '--out') {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      if (a === '--out') args.out = v;
      else {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`--seed must be an integer 0..4294967295, got "${v}"\n${USAGE}`);
        args.seed = n;
      }
    } else throw new Error(`unknown argument "${a}"\n${USAGE}`);
  }
  return args;
}

/** Generates and writes the district; returns the written file names (none when skipped). */
export async function writeDemo(args: DemoArgs, log: (s: string) => void = console.log): Promise<string[]> {
  const dir = resolve(args.out);
  if (args.ifMissing && DEMO_FILES.every((f) => existsSync(join(dir, f)))) {
    log(`demo district already in ${dir} (delete it or drop --if-missing to regenerate)`);
    return [];
  }
  const t0 = performance.now();
  const demo = generateDemo(args.seed);
  const files = demoFiles(demo);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  const c = demo.meta.counts;
  log(`${demo.meta.name.zh} / ${demo.meta.name.en}, seed ${args.seed} → ${dir} (${Math.round(performance.now() - t0)} ms)`);
  log(`  communities ${c.communities} (rural ${c.ruralCommunities}, with holes ${c.communitiesWithHoles}, two parts ${c.communitiesWithTwoParts}), households ${c.households}`);
  log(`  facilities ${c.facilities}: ${Object.entries(c.facilitiesByCategory).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`  green ${c.greenAreas} areas, ${(c.green_m2 / 1e6).toFixed(2)} km² (parks ${(c.park_m2 / 1e6).toFixed(2)} km²), water ${(c.water_m2 / 1e6).toFixed(2)} km²`);
  log(`  residential land ${c.residentialParcels} parcels, ${(c.residential_m2 / 1e6).toFixed(2)} km² (no parcels: ${demo.meta.design.noResidentialLand})`);
  log(`  roads ${c.roads} lines, ${(c.network_m / 1000).toFixed(1)} km, ${c.bridges} bridges, ${c.deadEnds} dead ends (${c.compoundLanes} compound lanes, ${c.greenEntrances} paths into pocket green)`);
  return Object.keys(files);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  writeDemo(args).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
