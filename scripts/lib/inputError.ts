// Bad input on the command line: exit status 2 with a message naming file, feature and field.
import type { ImportProblem } from '../../src/io/import/types';

export class InputError extends Error {}

/** The machine lacks something the command needs (Chromium, an installed package): exit 1 with the
 *  message and what to do, but no stack trace, since nothing in the program is at fault. */
export class SetupError extends Error {}

/** "file: feature 3 (id C7): field 户数: households "abc" is not a number" */
export function formatProblem(p: ImportProblem): string {
  const parts = [p.file];
  if (p.feature !== undefined) parts.push(`feature ${p.feature}`);
  if (p.field) parts.push(`field ${p.field}`);
  return `${parts.join(': ')}: ${p.message}`;
}

/** Throws InputError listing the error problems (at most `max`), when there are any. */
export function throwOnErrors(problems: ImportProblem[], max = 20): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const lines = errors.slice(0, max).map(formatProblem);
  if (errors.length > max) lines.push(`… and ${errors.length - max} more errors`);
  throw new InputError(lines.join('\n'));
}

/** Ends a command on an error: exit 2 with the message for bad input, 1 with the message for a
 *  setup problem, 1 with the stack otherwise. */
export function exitOnError(e: unknown): void {
  if (e instanceof InputError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof SetupError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  }
}
