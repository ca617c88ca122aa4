// Command-line flags: `--name value` or `--name=value`; repeatable flags collect all values.
import { InputError } from './inputError';

export interface ParsedArgs {
  get(name: string): string | undefined;
  all(name: string): string[];
  has(name: string): boolean;
}

export function parseFlags(argv: string[], known: readonly string[], usage: string, repeatable: readonly string[] = []): ParsedArgs {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new InputError(`unexpected argument "${a}"\n${usage}`);
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.includes(key)) throw new InputError(`unknown option --${key}\n${usage}`);
    const val = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (val === undefined || (eq < 0 && val.startsWith('--'))) throw new InputError(`--${key} needs a value\n${usage}`);
    if (values.has(key) && !repeatable.includes(key)) throw new InputError(`--${key} given twice`);
    values.set(key, [...(values.get(key) ?? []), val]);
  }
  return {
    get: (n) => values.get(n)?.[0],
    all: (n) => values.get(n) ?? [],
    has: (n) => values.has(n),
  };
}
