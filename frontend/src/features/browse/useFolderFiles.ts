// The files directly under one prefix, a page at a time (cached like the tree's levels).
import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError, type FileView } from '../../bridge';
import { cachedLevel } from '../shared/levelCache';

export type FolderFiles =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; files: FileView[]; nextToken: string; loadingMore: boolean; moreError?: AppError };

export function useFolderFiles(connId: number, bucket: string, prefix: string) {
  const [state, setState] = useState<FolderFiles>({ status: 'idle' });
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    if (!bucket) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'loading' });
    cachedLevel(connId, bucket, prefix).then(
      (level) => mine === seq.current && setState({ status: 'ready', files: level.files ?? [], nextToken: level.nextToken, loadingMore: false }),
      (e) => mine === seq.current && setState({ status: 'error', error: toAppError(e) }),
    );
  }, [connId, bucket, prefix]);

  useEffect(load, [load]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.nextToken || state.loadingMore) return;
    const mine = seq.current;
    const token = state.nextToken;
    setState({ ...state, loadingMore: true, moreError: undefined });
    cachedLevel(connId, bucket, prefix, token).then(
      (level) =>
        mine === seq.current &&
        setState((prev) => (prev.status === 'ready' ? { status: 'ready', files: [...prev.files, ...(level.files ?? [])], nextToken: level.nextToken, loadingMore: false } : prev)),
      (e) => mine === seq.current && setState((prev) => (prev.status === 'ready' ? { ...prev, loadingMore: false, moreError: toAppError(e) } : prev)),
    );
  }, [state, connId, bucket, prefix]);

  return { state, reload: load, loadMore };
}
