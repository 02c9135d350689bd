import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer is loaded from file:// by Electron and from the host over HTTP, so asset paths are relative.
// `--mode e2e` builds the end-to-end tests' renderer (with their hooks) into its own folder;
// the product build (dist/renderer) never contains them.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(
      new URL(mode === 'e2e' ? './dist/renderer-e2e' : './dist/renderer', import.meta.url),
    ),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
}));
