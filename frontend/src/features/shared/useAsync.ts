// A load as an explicit state: loading | error | ready, with reload. Answers to superseded
// loads (deps changed, component gone) are dropped.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { toAppError, type AppError } from '../../bridge';

export type AsyncState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'error'; error: AppError; data?: T }
  | { status: 'ready'; data: T };

export function useAsync<T>(load: () => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((quiet = false) => {
    const mine = ++seq.current;
    if (!quiet) setState((prev) => ({ status: 'loading', data: prev.data }));
    loadRef.current().then(
      (data) => mine === seq.current && setState({ status: 'ready', data }),
      (reason) => mine === seq.current && setState((prev) => ({ status: 'error', error: toAppError(reason), data: prev.data })),
    );
  }, []);

  useEffect(() => {
    run();
    return () => {
      seq.current++;
    };
  }, deps);

  /** Loads again; quiet keeps the current data on screen instead of showing "loading". */
  const reload = useCallback((quiet = false) => run(quiet), [run]);
  return { state, reload, setState };
}
