// The V8 settings scripts/cli.mjs applies per command: the audit's, unless the user set the same
// flag on node's command line or in NODE_OPTIONS.
import { describe, expect, it } from 'vitest';
import { v8FlagsFor } from '../../../scripts/lib/v8Settings.mjs';

const AUDIT = ['--max-inlined-bytecode-size-cumulative=460', '--interrupt-budget=400000'];

describe('v8FlagsFor', () => {
  it('gives the audit its compiler settings, and other commands none', () => {
    expect(v8FlagsFor('audit', [], '')).toEqual(AUDIT);
    expect(v8FlagsFor('report', [], '')).toEqual([]);
    expect(v8FlagsFor('no-such-command', [], '')).toEqual([]);
  });

  it("keeps a setting the user gave on node's command line, with - or _ in its name", () => {
    expect(v8FlagsFor('audit', ['--interrupt-budget=1000'], '')).toEqual([AUDIT[0]]);
    expect(v8FlagsFor('audit', ['--max_inlined_bytecode_size_cumulative=100', '--import', 'x.mjs'], '')).toEqual([AUDIT[1]]);
  });

  it('keeps a setting the user gave in NODE_OPTIONS', () => {
    expect(v8FlagsFor('audit', [], '--max-old-space-size=4096  --interrupt-budget=1000')).toEqual([AUDIT[0]]);
    expect(v8FlagsFor('audit', [], '--max-inlined-bytecode-size-cumulative=920 --interrupt_budget=67584')).toEqual([]);
  });
});
