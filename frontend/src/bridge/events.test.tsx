import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { useDownloadProgress, useSyncEvents, useSyncProgress } from './events';

vi.mock('../../wailsjs/runtime/runtime', () => ({ EventsOn: vi.fn() }));

type Handler = (...data: unknown[]) => void;
const handlers = new Map<string, Handler>();
const unsubscribed: string[] = [];

beforeEach(() => {
  handlers.clear();
  unsubscribed.length = 0;
  vi.mocked(EventsOn).mockImplementation((name: string, cb: Handler) => {
    handlers.set(name, cb);
    return () => {
      unsubscribed.push(name);
      handlers.delete(name);
    };
  });
});

const emit = (name: string, payload?: unknown) => act(() => handlers.get(name)?.(payload));

describe('event hooks', () => {
  it('useSyncProgress follows one source and stops listening on unmount', () => {
    const { result, unmount } = renderHook(() => useSyncProgress(7));
    expect([...handlers.keys()].sort()).toEqual(['sync:finished:7', 'sync:progress:7', 'sync:started:7']);
    emit('sync:progress:7', { sourceId: 7, phase: 'downloading', filesDone: 1, filesTotal: 4 });
    expect(result.current).toMatchObject({ filesDone: 1, filesTotal: 4 });
    emit('sync:finished:7', { id: 1 });
    expect(result.current).toBeNull();
    unmount();
    expect(unsubscribed.sort()).toEqual(['sync:finished:7', 'sync:progress:7', 'sync:started:7']);
  });

  it('useSyncProgress moves its subscription when the source changes', () => {
    const { rerender } = renderHook(({ id }) => useSyncProgress(id), { initialProps: { id: 1 } });
    rerender({ id: 2 });
    expect(unsubscribed).toContain('sync:progress:1');
    expect(handlers.has('sync:progress:2')).toBe(true);
  });

  it('useSyncEvents reports runs and source-list changes to the latest callback', () => {
    const first = vi.fn();
    const latest = vi.fn();
    const { rerender, unmount } = renderHook(({ cb }) => useSyncEvents([3, 4], cb), { initialProps: { cb: first } });
    rerender({ cb: latest });
    emit('sync:finished:4', { id: 9, sourceId: 4 });
    emit('sources:changed');
    expect(first).not.toHaveBeenCalled();
    expect(latest.mock.calls).toEqual([[{ type: 'finished', run: { id: 9, sourceId: 4 } }], [{ type: 'sourcesChanged' }]]);
    unmount();
    expect(handlers.size).toBe(0);
  });

  it('useDownloadProgress keeps the batch totals and the files seen moving', () => {
    const { result, unmount } = renderHook(() => useDownloadProgress('b1'));
    emit('download:progress:b1', { batchId: 'b1', key: 'cam/a.mp4', filesDone: 0, filesTotal: 2, finished: false });
    emit('download:progress:b1', { batchId: 'b1', key: 'cam/b.mp4', done: 5, total: 10, filesDone: 1, filesTotal: 2, finished: false });
    expect(result.current.batch).toMatchObject({ key: 'cam/b.mp4', filesDone: 1 });
    expect(Object.keys(result.current.files).sort()).toEqual(['cam/a.mp4', 'cam/b.mp4']);
    expect(result.current.files['cam/b.mp4']).toEqual({ done: 5, total: 10 });
    unmount();
    expect(unsubscribed).toEqual(['download:progress:b1']);
  });

  it('listens to nothing without an id', () => {
    renderHook(() => useSyncProgress(null));
    renderHook(() => useDownloadProgress(''));
    expect(handlers.size).toBe(0);
  });
});
