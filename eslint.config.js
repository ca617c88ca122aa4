import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'dist-cli.tmp-*/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/out/**', '.tmp/**', 'test/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Layering: the engine stays pure (no DOM, no React, no I/O adapters, no Node built-ins).
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*', 'node:*', 'fs', 'path'], message: 'The engine is pure TypeScript: no DOM, React or Node I/O.' },
        { group: ['**/io/**', '**/ui/**', '**/worker/**'], message: 'The engine must not reach into outer layers.' },
      ] }],
    },
  },
  // Shared text (number and failure wording) and the report renderer: pure, used by the app and
  // the command line alike.
  {
    files: ['src/text/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*', 'node:*', 'fs', 'path'], message: 'Text and report code is pure TypeScript: no DOM, React or Node I/O.' },
        { group: ['**/ui/**', '**/worker/**'], message: 'Text and report code must not reach into the UI or worker.' },
      ] }],
    },
  },
  {
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*'], message: 'I/O adapters have no UI.' },
        { group: ['**/ui/**', '**/worker/**'], message: 'I/O adapters must not reach into the UI or worker.' },
      ] }],
    },
  },
  // The planning layer (project, edits, what-if sessions) is pure: the workers and the UI both use it.
  {
    files: ['src/planning/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*', 'node:*', 'fs', 'path'], message: 'The planning layer is pure TypeScript: no DOM, React or Node I/O.' },
        { group: ['**/ui/**', '**/worker/**'], message: 'The planning layer must not reach into the UI or the workers.' },
      ] }],
    },
  },
  // Workers (and their main-thread clients) host the engine and planning layers; they know nothing of the UI.
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*'], message: 'Workers have no UI.' },
        { group: ['**/ui/**'], message: 'Workers must not import from ui/: move the shared piece into planning/, io/ or engine/.' },
      ] }],
    },
  },
);
