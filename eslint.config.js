// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const noNode = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'This layer may not use Node built-ins.' })),
  patterns: [{ group: ['node:*'], message: 'This layer may not use Node built-ins.' }],
};
const noRawIpc = 'Use the bridge (src-main/electron/ipc.ts, preload.ts); no raw IPC elsewhere.';
const noElectron = [{ name: 'electron', message: 'Only src-main/electron may import electron.' }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results*.json',
      '.tether-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Pure layer: no electron, no DOM, no node built-ins.
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { ...noNode, paths: [...noNode.paths, ...noElectron] }] },
  },
  {
    // Renderer: DOM yes, node and electron no (it only talks to main through the bridge).
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { ...noNode, paths: [...noNode.paths, ...noElectron] }],
    },
  },
  {
    // Main: electron only under src-main/electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { paths: noElectron }] },
  },
  {
    // Raw IPC only where the bridge transport lives (one channel pair, trusted-sender checks).
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts', 'src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: noRawIpc }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: noRawIpc },
      ],
    },
  },
  {
    files: [
      'src-main/electron/**/*.ts',
      'scripts/**',
      'e2e/**',
      'bench/**',
      '**/*.test.{ts,tsx}',
      '*.config.{ts,js}',
      'src-server/**',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
