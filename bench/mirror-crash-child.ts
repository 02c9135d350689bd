/**
 * Used by the crash test only: exports `count` items to `folder` and never
 * finishes on purpose; the test kills this process with SIGKILL mid-export.
 */
import { FolderMirror } from '../src-main/mirror/folder-mirror.js';
import { manyItems } from './mirror-items.js';

const [folder = '', dataDir = '', count = '2000'] = process.argv.slice(2);
const mirror = await FolderMirror.open({ folder, dataDir, debounceMs: 10, emitChanges: () => undefined });
mirror.publish({ branchId: 'main', full: true, upserts: manyItems(Number(count), 'Crash'), removes: [] });
process.stdout.write('exporting\n');
await mirror.flush();
process.stdout.write('done\n');
