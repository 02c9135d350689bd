import { EMPTY_BOOK, ReleaseBookSchema, type ReleaseBook } from '../../src-shared/releases/index.js';
import type { MetaStore } from '../db/index.js';

const KEY = 'releases.book';

/** This computer's releases (local and hybrid modes) and the mode per namespace, in the local database. */
export interface ReleaseBookStore {
  load(): Promise<ReleaseBook>;
  save(book: ReleaseBook): Promise<void>;
}

export function releaseBookStore(meta: MetaStore): ReleaseBookStore {
  return {
    load: async () => {
      const stored = await meta.get<unknown>(KEY);
      if (stored === undefined) return EMPTY_BOOK;
      const parsed = ReleaseBookSchema.safeParse(stored);
      if (parsed.success) return parsed.data;
      // Never lost: a book this version cannot read is set aside, not overwritten.
      await meta.set(`${KEY}.unreadable.${Date.now()}`, stored);
      return EMPTY_BOOK;
    },
    save: (book) => meta.set(KEY, ReleaseBookSchema.parse(book)),
  };
}
