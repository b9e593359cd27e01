// The tree's state: the bucket list, each loaded level, which nodes are open, and the loads in
// flight. Levels load lazily when their node is first opened; each keeps its own error.
import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '../../bridge';
import { nodeId, type FolderPage, type LevelState, type TreeBucket } from './model';

export interface TreeLoaders {
  loadBuckets(): Promise<TreeBucket[]>;
  loadFolders(bucket: string, prefix: string, pageToken: string): Promise<FolderPage>;
}

export type BucketsState =
  | { status: 'loading'; buckets: TreeBucket[] }
  | { status: 'error'; buckets: TreeBucket[]; error: AppError }
  | { status: 'ready'; buckets: TreeBucket[] };

function splitId(id: string): [string, string] {
  const i = id.indexOf('\u0000');
  return [id.slice(0, i), id.slice(i + 1)];
}

export function useTreeData(loaders: TreeLoaders) {
  const loadersRef = useRef(loaders);
  loadersRef.current = loaders;
  const [bucketsState, setBucketsState] = useState<BucketsState>({ status: 'loading', buckets: [] });
  const [levels, setLevels] = useState<ReadonlyMap<string, LevelState>>(new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // Bumped on refresh so answers to requests made before it are dropped.
  const generation = useRef(0);
  const inFlight = useRef(new Set<string>());

  const setLevel = useCallback((id: string, update: (prev: LevelState | undefined) => LevelState) => {
    setLevels((prev) => {
      const next = new Map(prev);
      next.set(id, update(prev.get(id)));
      return next;
    });
  }, []);

  const loadBuckets = useCallback(() => {
    const gen = generation.current;
    setBucketsState((prev) => ({ status: 'loading', buckets: prev.buckets }));
    loadersRef.current.loadBuckets().then(
      (buckets) => gen === generation.current && setBucketsState({ status: 'ready', buckets }),
      (reason) => gen === generation.current && setBucketsState({ status: 'error', buckets: [], error: toAppError(reason) }),
    );
  }, []);

  const loadLevel = useCallback(
    (id: string, pageToken: string) => {
      const key = `${id}\u0000${pageToken}`;
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      const gen = generation.current;
      const [bucket, prefix] = splitId(id);
      const more = pageToken !== '';
      setLevel(id, (prev) =>
        more && prev
          ? { ...prev, loadingMore: true, moreError: undefined }
          : { status: 'loading', folders: [], nextToken: '' },
      );
      loadersRef.current
        .loadFolders(bucket, prefix, pageToken)
        .then(
          (page) => {
            if (gen !== generation.current) return;
            setLevel(id, (prev) => ({
              status: 'ready',
              folders: more && prev ? [...prev.folders, ...page.folders] : page.folders,
              nextToken: page.nextToken,
            }));
          },
          (reason) => {
            if (gen !== generation.current) return;
            const error = toAppError(reason);
            setLevel(id, (prev) =>
              more && prev
                ? { ...prev, loadingMore: false, moreError: error }
                : { status: 'error', folders: [], nextToken: '', error },
            );
          },
        )
        .finally(() => inFlight.current.delete(key));
    },
    [setLevel],
  );

  useEffect(() => {
    loadBuckets();
  }, [loadBuckets]);

  const expand = useCallback(
    (bucket: string, prefix: string) => {
      const id = nodeId(bucket, prefix);
      setExpanded((prev) => (prev.has(id) ? prev : new Set(prev).add(id)));
      const state = levels.get(id);
      if (!state || state.status === 'error') loadLevel(id, '');
    },
    [levels, loadLevel],
  );

  const collapse = useCallback((bucket: string, prefix: string) => {
    const id = nodeId(bucket, prefix);
    setExpanded((prev) => {
      if (!prev.has(id)) return prev;
      const next = new Set(prev);
      next.delete(id);
      return next;
    });
  }, []);

  const retry = useCallback((parentId: string) => loadLevel(parentId, ''), [loadLevel]);

  const loadMore = useCallback(
    (parentId: string) => {
      const state = levels.get(parentId);
      if (state?.nextToken && !state.loadingMore) loadLevel(parentId, state.nextToken);
    },
    [levels, loadLevel],
  );

  /** Drops every loaded level and the bucket list, then reloads what is open. */
  const refresh = useCallback(() => {
    generation.current++;
    inFlight.current.clear();
    setLevels(new Map());
    loadBuckets();
    for (const id of expanded) loadLevel(id, '');
  }, [expanded, loadBuckets, loadLevel]);

  return { bucketsState, levels, expanded, expand, collapse, retry, loadMore, refresh, reloadBuckets: loadBuckets };
}
