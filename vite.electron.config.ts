import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

/**
 * Builds Electron's main process and preload to dist/electron/{main,preload}.cjs.
 *
 * Two separate bundles on purpose: the preload runs sandboxed and may require
 * nothing but 'electron', so it must not share a chunk with main. Both are
 * SSR (Node) builds so node: imports stay real; npm dependencies are bundled
 * in, so the packaged app needs no node_modules lookups at run time.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(root, 'dist/electron');
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function nodeBundle(name: 'main' | 'preload', emptyOutDir: boolean): InlineConfig {
  return {
    root,
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: true,
      outDir,
      emptyOutDir,
      target: 'node22', // Electron 45 ships Node 22
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        input: { [name]: resolve(root, `src-main/electron/${name}.ts`) },
        external,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  };
}

/** After main is written: build the preload, and copy the icons the tray and window load at run time. */
function preloadAndIcons(): Plugin {
  return {
    name: 'tether-preload-and-icons',
    apply: 'build',
    async closeBundle() {
      await build({ ...nodeBundle('preload', false), configFile: false, logLevel: 'warn' });
      const trayDir = resolve(root, 'assets/tray');
      mkdirSync(join(outDir, 'tray'), { recursive: true });
      if (existsSync(trayDir)) {
        for (const file of readdirSync(trayDir).filter((f) => f.endsWith('.png'))) {
          copyFileSync(join(trayDir, file), join(outDir, 'tray', file));
        }
      }
      const icon = resolve(root, 'assets/icons/512x512.png');
      if (existsSync(icon)) copyFileSync(icon, join(outDir, 'icon.png'));
    },
  };
}

export default defineConfig({ ...nodeBundle('main', true), plugins: [preloadAndIcons()] });
