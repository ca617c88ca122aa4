import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/out/**', '.tmp/**'] },
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
  {
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*'], message: 'I/O adapters have no UI.' },
        { group: ['**/ui/**', '**/worker/**'], message: 'I/O adapters must not reach into the UI or worker.' },
      ] }],
    },
  },
);
