import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { rucioEnvironmentChannel } from '@rucio-portal/plugin-rucio-common';
import { useEffect, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { rucioApiRef } from '../../api/rucioApiRef';

const POLL_MS = 30_000;
/** Collections of many environments end close together: one reload for them. */
const SETTLE_MS = 1_000;

/**
 * The environments the user may read, read again when the backend signals a
 * new snapshot of any of them (on each one's own channel), or every 30 s when
 * the app has no signals.
 */
export function useEnvironmentList() {
  const api = useApi(rucioApiRef);
  const signals = useApiHolder().get(signalApiRef);
  const state = useAsyncRetry(() => api.listEnvironments(), [api]);
  const { retry } = state;
  const names = useMemo(
    () => (state.value?.items ?? []).map(e => e.name).join('\n'),
    [state.value],
  );

  useEffect(() => {
    if (!signals) {
      const timer = setInterval(retry, POLL_MS);
      return () => clearInterval(timer);
    }
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onSignal = () => {
      if (!pending) {
        pending = setTimeout(() => {
          pending = undefined;
          retry();
        }, SETTLE_MS);
      }
    };
    const subscriptions = names
      .split('\n')
      .filter(Boolean)
      .map(name => signals.subscribe(rucioEnvironmentChannel(name), onSignal));
    return () => {
      clearTimeout(pending);
      subscriptions.forEach(s => s.unsubscribe());
    };
  }, [signals, names, retry]);

  return state;
}
