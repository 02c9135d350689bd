// `npm start`: the desktop app when the Electron binary is installed, otherwise
// browser mode (the headless host serving the renderer on http://127.0.0.1:4477/).
// Extra arguments are passed through: `npm start -- --user alice --port 4478`.
//
// Never require('electron') here to probe for the binary: its index.js starts a
// download when the binary is missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function run(script) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', script],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) {
    console.error(`Build failed: vite build --config ${script}`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The renderer is rebuilt when dist/renderer/index.html is missing or older than any source. */
function rendererIsStale() {
  const index = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src-renderer', 'src-shared', 'vite.renderer.config.ts', 'package.json'].map((p) =>
    join(root, p),
  );
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(index).mtimeMs;
}

/** Runs a child in the foreground: Ctrl+C reaches it, and we exit with its code. */
function foreground(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const binary = electronBinary();
if (binary) {
  console.log('Building Tether…');
  run('vite.renderer.config.ts');
  run('vite.electron.config.ts');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary a plain Node and ignore the app
  foreground(binary, [root, ...args], env);
} else {
  console.log('Electron is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); starting browser mode');
  if (rendererIsStale()) {
    console.log('Building the renderer…');
    run('vite.renderer.config.ts');
  }
  foreground(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'host', 'cli.ts'), ...args]);
}
