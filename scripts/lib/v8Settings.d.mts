// Types of v8Settings.mjs (plain JavaScript, loaded by scripts/cli.mjs before any TypeScript tooling).
export declare const COMMAND_V8_FLAGS: Readonly<Record<string, readonly string[]>>;
export declare function v8FlagsFor(command: string, execArgv?: readonly string[], nodeOptions?: string): string[];
