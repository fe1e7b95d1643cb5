import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The layering rule (VS Code style): services are plain Node, testable without Electron.
    files: [
      'src/main/services/**/*.ts',
      'src/shared/**/*.ts',
      'src/cli/**/*.ts',
      'src/webhost/**/*.ts',
      'sandbox/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only src/main/shell and src/preload may import electron: pass an interface in instead.',
            },
          ],
          patterns: [
            {
              group: ['electron/*', 'electron-store', 'electron-log', 'electron-log/*'],
              message: 'Electron-only module: keep it in src/main/shell.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox is an independent implementation of AntBuddy: it must not share the client's code.
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The sandbox is plain Node.' }],
          patterns: [
            {
              group: ['**/src/**', '../src/*'],
              message: 'The sandbox must not import the client: it checks requests from its own reading of the API.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer reaches the host only through window.antring.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to window.antring only.' }],
          patterns: [
            { group: ['**/main/**', '**/webhost/**', 'node:*'], message: 'The renderer talks to window.antring only.' },
          ],
        },
      ],
    },
  },
);
