#!/usr/bin/env node
// The first step of `npm test`: checks what the suites need beside the source and stops at once,
// naming the one command that fixes it, instead of failing minutes later in the middle of a suite.
// Uses Node built-ins only, so it runs before `npm ci` too.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Installs from Debian and starts PostgreSQL: root's work.
const FIX_SYSTEM = `${process.getuid?.() === 0 ? '' : 'sudo '}bash .ci/prereqs.sh`;
const PG_URL = new URL(process.env.TETHER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

/** The engines range is ">=MAJOR.MINOR"; a plain comparison is all it needs. */
function checkNode() {
  const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
  const [wantMajor, wantMinor] = wanted
    .replace(/^[^\d]*/, '')
    .split('.')
    .map(Number);
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return null;
  return {
    what: `Node ${process.versions.node} is too old (the project needs ${wanted}, see .nvmrc)`,
    fix: 'nvm install (or install Node 20 from nodejs.org)',
  };
}

function checkPackages() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return null;
  return { what: 'npm packages are not installed', fix: 'ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci' };
}

function checkChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${path}` : path;
    return {
      what: `Chromium (for the end-to-end suite) is not at ${where}`,
      fix: process.env.CHROMIUM_PATH ? `unset CHROMIUM_PATH && ${FIX_SYSTEM}` : FIX_SYSTEM,
    };
  }
}

function checkGit() {
  const run = spawnSync('git', ['--version'], { stdio: 'ignore' });
  if (run.status === 0) return null;
  return { what: 'git is not installed (the git sync tests use it)', fix: FIX_SYSTEM };
}

/** A TCP connect is enough to tell "nothing listens" from "it answers"; auth errors show in the suites. */
function checkPostgres() {
  const host = PG_URL.hostname || '127.0.0.1';
  const port = Number(PG_URL.port || 5432);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => done(missingPostgres(host, port, 'did not answer in 3 s')));
    socket.once('connect', () => done(null));
    socket.once('error', (err) => done(missingPostgres(host, port, err.code ?? err.message)));
  });
}

function missingPostgres(host, port, why) {
  return { what: `PostgreSQL is not answering at ${host}:${port} (${why})`, fix: FIX_SYSTEM };
}

const problems = [checkNode(), checkPackages(), checkChromium(), checkGit(), await checkPostgres()].filter(
  Boolean,
);
if (problems.length > 0) {
  console.error('npm test cannot run on this machine yet:');
  for (const p of problems) console.error(`  - ${p.what}`);
  // The system script runs npm ci too: when it is needed it is the one command (with the unset, if any).
  const all = [...new Set(problems.map((p) => p.fix))];
  const system = all.filter((f) => f.endsWith(FIX_SYSTEM)).sort((a, b) => b.length - a.length)[0];
  const fixes = system ? [system] : all;
  console.error(`\nFix it with:\n  ${fixes.join('\n  ')}\nthen run npm test again.`);
  process.exit(1);
}
