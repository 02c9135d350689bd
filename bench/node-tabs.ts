/**
 * Tabs in Node as in Chromium. RxDB tells a database's other tabs (other
 * RxDB instances of the same database) about each write through the
 * `broadcast-channel` package. In a browser, and so in the app, that package
 * uses the platform's BroadcastChannel; in Node it falls back to writing
 * every message to a file in the temp folder, and to listing that folder for
 * new ones — a cost the app never pays (a tenth of the client's time in a
 * 100,000-op push). Node has BroadcastChannel too, with the same semantics
 * between the instances of one process, which is where tests and benches run
 * their "tabs". Imported first by the Vitest setup and the bench runners.
 */
import { enforceOptions } from 'broadcast-channel';

enforceOptions({ type: 'native' });
