import { buildE2eRenderer } from './e2e-build';

/**
 * Every run builds the e2e renderer from the current sources, so specs never
 * test a stale page (`npm run build:renderer` makes only the product build).
 */
export default function globalSetup(): void {
  buildE2eRenderer();
}
