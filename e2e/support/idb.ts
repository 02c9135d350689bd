import type { Page } from '@playwright/test';

/** The boot view's meta row (src-renderer/db/boot-view-store.ts). */
export const BOOT_VIEW_ROW = 'workspace.bootView';

/**
 * Reads RxDB's Dexie database of one collection in the page (its name ends
 * with `suffix`, e.g. '--ops'), without the app: its row count, or with
 * `key` how many ops that row's boot view holds (0 when there is none).
 */
export async function readStore(page: Page, suffix: string, key: string | null = null): Promise<number> {
  return page.evaluate(
    async ({ suffix, key }) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const name = names.find((n) => n.startsWith('rxdb-dexie-tether-') && n.endsWith(suffix));
      if (!name) return 0;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('open failed'));
      });
      try {
        return await new Promise<number>((resolve, reject) => {
          const docs = db.transaction('docs', 'readonly').objectStore('docs');
          const req = key === null ? docs.count() : docs.get(key);
          req.onsuccess = () => {
            const row = req.result as number | { value?: { ops?: { id?: unknown[] } } } | undefined;
            resolve(typeof row === 'number' ? row : (row?.value?.ops?.id?.length ?? 0));
          };
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        });
      } finally {
        db.close();
      }
    },
    { suffix, key },
  );
}

/** Waits until the page's stored boot view holds at least `ops` ops (it is taken when the app is quiet). */
export async function waitForBootView(page: Page, ops: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await readStore(page, '--meta', BOOT_VIEW_ROW).catch(() => 0)) < ops) {
    if (Date.now() > end) throw new Error(`the page stored no boot view of ${ops} ops in time`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Meta keys of history pages (src-renderer/db/history-pages.ts). */
const HISTORY_PAGE_KEYS = ['history.page.', 'history.page/'] as const;

/**
 * How many ops the page's database holds: its op rows and the ops of its
 * history pages (the history behind a heads-first start, one meta row per
 * pulled page, never holding an op the rows hold). A page is read once and
 * its count remembered in the page, so polling stays cheap while a pull runs.
 */
export async function storedOpCount(page: Page): Promise<number> {
  const rows = await readStore(page, '--ops');
  const paged = await page.evaluate(async ([lower, upper]) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const name = names.find((n) => n.startsWith('rxdb-dexie-tether-') && n.endsWith('--meta'));
    if (!name) return 0;
    const seen = ((window as { __tetherPageOps?: Map<string, number> }).__tetherPageOps ??= new Map());
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    // No helper functions in here: the bundler would name them with a helper the page lacks.
    try {
      const docs = db.transaction('docs', 'readonly').objectStore('docs');
      const keysRead = docs.getAllKeys(IDBKeyRange.bound(lower, upper));
      await new Promise((resolve, reject) => ((keysRead.onsuccess = resolve), (keysRead.onerror = reject)));
      const keys = keysRead.result.map(String);
      for (const key of keys.filter((k) => !seen.has(k))) {
        const rowRead = docs.get(key);
        await new Promise((resolve, reject) => ((rowRead.onsuccess = resolve), (rowRead.onerror = reject)));
        const row = rowRead.result as { _deleted?: string; value?: { opIds?: unknown[] } };
        seen.set(key, row._deleted === '1' ? 0 : (row.value?.opIds?.length ?? 0));
      }
      return keys.reduce((sum, key) => sum + (seen.get(key) ?? 0), 0);
    } finally {
      db.close();
    }
  }, HISTORY_PAGE_KEYS);
  return rows + paged;
}
