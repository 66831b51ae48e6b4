import { useCallback, useEffect, useRef, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';

/**
 * One query of this module's own through `dp.graphql`, re-run when its variables change or on
 * `reload()`. An answer that arrives after newer variables were asked is dropped.
 */
export function useGraphql<T>(document: string, variables: Record<string, unknown> | null) {
  const dp = useDataProvider<TianpingDataProvider>();
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: variables !== null });
  const [tick, setTick] = useState(0);
  const key = variables === null ? null : JSON.stringify(variables);
  const latest = useRef(0);
  useEffect(() => {
    if (key === null) return;
    const n = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    dp.graphql<T>(document, JSON.parse(key)).then(
      (data) => n === latest.current && setState({ data, loading: false }),
      (error: Error) => n === latest.current && setState({ error, loading: false }),
    );
  }, [dp, document, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
