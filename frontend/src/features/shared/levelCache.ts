// S3 levels seen recently, so opening a folder again (in the wizard, then in Browse) sends no
// second LIST request. Entries live a few minutes; the tree's Refresh drops them.
import { listLevel, type LevelView } from '../../bridge';

export const LEVEL_TTL_MS = 5 * 60 * 1000;

interface Entry {
  at: number;
  value: Promise<LevelView>;
}

const entries = new Map<string, Entry>();

const keyOf = (connId: number, bucket: string, prefix: string, pageToken: string) =>
  [connId, bucket, prefix, pageToken].join('\u0000');

/** One page of a level, from the cache when younger than LEVEL_TTL_MS. Failures are not kept. */
export function cachedLevel(connId: number, bucket: string, prefix: string, pageToken = '', now = Date.now()): Promise<LevelView> {
  const key = keyOf(connId, bucket, prefix, pageToken);
  const hit = entries.get(key);
  if (hit && now - hit.at < LEVEL_TTL_MS) return hit.value;
  const value = listLevel(connId, bucket, prefix, pageToken);
  entries.set(key, { at: now, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Forgets the cached levels of one connection (or every connection). */
export function dropCachedLevels(connId?: number): void {
  if (connId === undefined) {
    entries.clear();
    return;
  }
  const head = `${connId}\u0000`;
  for (const key of entries.keys()) if (key.startsWith(head)) entries.delete(key);
}
