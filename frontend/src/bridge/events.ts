// Backend events as React hooks. Each hook subscribes on mount (or when its id changes) and
// unsubscribes on unmount, so a closed screen never keeps listening.
import { useEffect, useRef, useState } from 'react';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { DownloadProgress, RunView, SyncProgress } from './types';

type Unsubscribe = () => void;

function subscribe<T>(name: string, handler: (payload: T) => void): Unsubscribe {
  try {
    const off = EventsOn(name, (...data: unknown[]) => handler(data[0] as T));
    return typeof off === 'function' ? off : () => {};
  } catch {
    // No Wails runtime (a plain browser tab): there are no events to hear.
    return () => {};
  }
}

export const syncEventNames = {
  started: (sourceId: number) => `sync:started:${sourceId}`,
  progress: (sourceId: number) => `sync:progress:${sourceId}`,
  finished: (sourceId: number) => `sync:finished:${sourceId}`,
  sourcesChanged: 'sources:changed',
  download: (batchId: string) => `download:progress:${batchId}`,
} as const;

/** The live progress of a source's running sync; null when none is running. */
export function useSyncProgress(sourceId: number | null | undefined): SyncProgress | null {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!sourceId) return undefined;
    const offs = [
      subscribe<SyncProgress>(syncEventNames.progress(sourceId), (p) => setProgress(p)),
      subscribe<RunView>(syncEventNames.started(sourceId), () => setProgress(null)),
      subscribe<RunView>(syncEventNames.finished(sourceId), () => setProgress(null)),
    ];
    return () => offs.forEach((off) => off());
  }, [sourceId]);
  return progress;
}

export type SyncEvent =
  | { type: 'started'; run: RunView }
  | { type: 'finished'; run: RunView }
  | { type: 'sourcesChanged' };

/** Calls onEvent when a run of one of sourceIds starts or finishes, or the source list changes. */
export function useSyncEvents(sourceIds: readonly number[], onEvent: (event: SyncEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const idsKey = [...sourceIds].sort((a, b) => a - b).join(',');
  useEffect(() => {
    const ids = idsKey ? idsKey.split(',').map(Number) : [];
    const offs: Unsubscribe[] = [
      subscribe<unknown>(syncEventNames.sourcesChanged, () => handler.current({ type: 'sourcesChanged' })),
    ];
    for (const id of ids) {
      offs.push(
        subscribe<RunView>(syncEventNames.started(id), (run) => handler.current({ type: 'started', run })),
        subscribe<RunView>(syncEventNames.finished(id), (run) => handler.current({ type: 'finished', run })),
      );
    }
    return () => offs.forEach((off) => off());
  }, [idsKey]);
}

export interface FileProgress {
  /** Bytes so far and the file's size, when the backend reports them per file. */
  done?: number;
  total?: number;
}

export interface DownloadState {
  batch: DownloadProgress | null;
  /** Files seen moving, by key. */
  files: Record<string, FileProgress>;
}

/** The progress of one download batch: the batch totals and the files seen moving. */
export function useDownloadProgress(batchId: string | null | undefined): DownloadState {
  const [state, setState] = useState<DownloadState>({ batch: null, files: {} });
  useEffect(() => {
    setState({ batch: null, files: {} });
    if (!batchId) return undefined;
    return subscribe<DownloadProgress>(syncEventNames.download(batchId), (p) => {
      setState((prev) => ({
        batch: p,
        files: p.key ? { ...prev.files, [p.key]: { done: p.done, total: p.total } } : prev.files,
      }));
    });
  }, [batchId]);
  return state;
}
