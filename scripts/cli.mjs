// The command-line entry behind `npm run audit | report | service-areas | suggest`: runs a
// precompiled bundle of the command (dist-cli/<command>.mjs) instead of compiling TypeScript on
// every start, and answers --help from a text file written at build time, without loading the
// engine. Before loading a command it sets the command's V8 settings (lib/v8Settings.mjs). The
// bundle is rebuilt (esbuild, about a second) whenever a source file is newer than it,
// so `npm run audit` always runs the code in the working tree.
//
// Plain JavaScript on purpose: this file must start before any TypeScript tooling is loaded.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { v8FlagsFor } from './lib/v8Settings.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'dist-cli');
const STAMP = join(OUT_DIR, 'build.json');

/** Command name → its TypeScript entry. A command joins by being listed here. */
const COMMANDS = {
  audit: 'scripts/audit.ts',
  report: 'scripts/report.ts',
  'service-areas': 'scripts/serviceAreas.ts',
  suggest: 'scripts/suggest.ts',
};

/** What the bundles are built from: a change to any of these makes them stale. */
const SOURCES = ['src', 'scripts', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const m = newestMtime(join(path, name));
    if (m > newest) newest = m;
  }
  return newest;
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

function isFresh(stamp) {
  if (!stamp || stamp.node !== process.version) return false;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  return newest <= stamp.sourcesMtime;
}

/** Builds every command into a fresh directory, then swaps it in (concurrent starts stay safe). */
async function build() {
  const sourcesMtime = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  const { build: esbuild } = await import('esbuild');
  const tmp = `${OUT_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const entries = Object.entries(COMMANDS).filter(([, src]) => existsSync(join(ROOT, src)));
  await esbuild({
    absWorkingDir: ROOT,
    // The audit threads' entry (scripts/lib/auditThreads.ts) is bundled beside the commands.
    entryPoints: { ...Object.fromEntries(entries.map(([name, src]) => [name, src])), 'audit-worker': 'scripts/lib/auditWorker.ts' },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // A headless browser driver reads its own files at run time: load it from node_modules.
    external: ['playwright-core', 'esbuild'],
    // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __lcRequire } from 'node:module'; const require = __lcRequire(import.meta.url);" },
    logLevel: 'error',
  });
  // --help answered from text: run each bundle once with --help and keep what it prints.
  for (const [name] of entries) {
    const r = spawnSync(process.execPath, [join(tmp, `${name}.mjs`), '--help'], { encoding: 'utf8' });
    if (r.status === 0) writeFileSync(join(tmp, `${name}.help.txt`), r.stdout);
  }
  writeFileSync(join(tmp, 'build.json'), JSON.stringify({ sourcesMtime, node: process.version, commands: entries.map(([n]) => n) }));
  rmSync(OUT_DIR, { recursive: true, force: true });
  try {
    renameSync(tmp, OUT_DIR);
  } catch (e) {
    // Another start built it at the same moment: use theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(STAMP)) throw e;
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || !(command in COMMANDS)) {
    process.stderr.write(`usage: node scripts/cli.mjs <${Object.keys(COMMANDS).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  if (!existsSync(join(ROOT, COMMANDS[command]))) {
    process.stderr.write(`${command}: not available in this checkout (${COMMANDS[command]} is missing)\n`);
    process.exitCode = 2;
    return;
  }
  if (!isFresh(readStamp())) await build();
  const bundle = join(OUT_DIR, `${command}.mjs`);
  if (args.includes('--help') || args.includes('-h')) {
    const help = join(OUT_DIR, `${command}.help.txt`);
    if (existsSync(help)) {
      process.stdout.write(readFileSync(help, 'utf8'));
      return;
    }
  }
  // The command's V8 settings (lib/v8Settings.mjs), before any of its code is loaded.
  for (const flag of v8FlagsFor(command)) setFlagsFromString(flag);
  // Where the audit threads find their bundled entry.
  process.env.LIFECIRCLE_CLI_DIR = OUT_DIR;
  // The command runs its main() when it is the process's script: make it so.
  process.argv = [process.argv[0], bundle, ...args];
  await import(pathToFileURL(bundle).href);
}

await main();
