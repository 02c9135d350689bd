#!/usr/bin/env node
// Checks the packaging config without downloading Electron: electron-builder packs the built app
// (`--dir`, no installer) around a stand-in Electron folder that has only the file names it expects,
// then the asar is read back to check it holds what the app loads at run time and nothing else.
// Needs no network, takes about 15 s: a step of `npm test` (`npm run check:packaging` alone).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

/** What the packaged app must hold: main, the preload, the renderer, and package.json (for the version). */
const REQUIRED = [
  '/package.json',
  '/dist/electron/main.cjs',
  '/dist/electron/preload.cjs',
  '/dist/renderer/index.html',
];
/** What must never ship: sources, tests, source maps, npm packages, the e2e build. */
const FORBIDDEN = [
  [/\.(test|spec)\.[cm]?[jt]sx?$/, 'a test file'],
  [/\.tsx?$/, 'a TypeScript source'],
  [/\.map$/, 'a source map'],
  [/(^|\/)node_modules\//, 'an npm package'],
  [/^\/(src-[a-z]+|e2e|bench|scripts|tests?)\//, 'a source folder'],
  [/^\/dist\/renderer-e2e\//, 'the e2e build'],
];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`check-packaging: ${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(1);
  }
}

/** The names electron-builder's Linux packer touches: the `electron` binary it renames, resources/, LICENSE. */
function standInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(
    join(dir, 'electron'),
    '#!/bin/sh\necho "stand-in for Electron: packaging check only" >&2\nexit 1\n',
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), require('electron/package.json').version);
}

function problemsIn(files) {
  const problems = REQUIRED.filter((f) => !files.includes(f)).map((f) => `missing ${f}`);
  for (const file of files) {
    const hit = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (hit) problems.push(`${file} is ${hit[1]}`);
  }
  return problems;
}

const work = mkdtempSync(join(tmpdir(), 'tether-packaging-'));
try {
  if (!process.argv.includes('--no-build')) run('npm', ['run', 'build', '--silent']);
  const electronDist = join(work, 'electron');
  standInElectron(electronDist);
  const output = join(work, 'out');
  run(
    join(root, 'node_modules', '.bin', 'electron-builder'),
    [
      '--config',
      'electron-builder.yml',
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  );
  const archive = join(output, 'linux-unpacked', 'resources', 'app.asar');
  const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  const problems = problemsIn(files);
  if (problems.length > 0) {
    console.error(`check-packaging: app.asar is not right:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `check-packaging: app.asar holds ${files.length} entries, all expected (${REQUIRED.join(', ')})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
