import type {
  GetEnvironmentResponse,
  RucioStatusApi,
} from '@rucio-portal/plugin-rucio-common';
import { useEffect, useState } from 'react';

const POLL_MS = 2_000;
/** A collection runs its checks in parallel, each within its timeout. */
const GIVE_UP_MS = 120_000;

export type RefreshState =
  | { phase: 'idle' }
  | { phase: 'asking' | 'collecting'; since: number }
  | { phase: 'done'; message: string; ok: boolean }
  | { phase: 'failed'; error: Error };

/**
 * Refresh as a user sees it: asked, then collecting until a newer snapshot
 * arrives (looked for every 2 s), then what that collection found.
 */
export function useRefreshProgress(options: {
  api: RucioStatusApi;
  value?: GetEnvironmentResponse;
  retry: () => void;
}) {
  const { api, value, retry } = options;
  const [state, setState] = useState<RefreshState>({ phase: 'idle' });
  const [baseline, setBaseline] = useState<string>();
  const collectedAt = value?.snapshot?.collectedAt;

  useEffect(() => {
    if (state.phase !== 'collecting') return undefined;
    if (collectedAt && collectedAt !== baseline) {
      const snapshot = value!.snapshot!;
      const notOk = Object.values(snapshot.checks).filter(
        c => c && c.status !== 'ok' && c.status !== 'unconfigured',
      ).length;
      setState({
        phase: 'done',
        ok: snapshot.status === 'ok',
        message: `Collected in ${Math.round(
          (Date.now() - state.since) / 1000,
        )} s: ${snapshot.status}${
          notOk ? `, ${notOk} check${notOk === 1 ? '' : 's'} not OK` : ''
        }`,
      });
      return undefined;
    }
    if (Date.now() - state.since > GIVE_UP_MS) {
      setState({
        phase: 'failed',
        error: new Error(
          `No new collection within ${
            GIVE_UP_MS / 1000
          } s; the cards show the last one.`,
        ),
      });
      return undefined;
    }
    const timer = setTimeout(retry, POLL_MS);
    return () => clearTimeout(timer);
  }, [state, collectedAt, baseline, value, retry]);

  const refresh = async () => {
    if (!value) return;
    setBaseline(collectedAt);
    setState({ phase: 'asking', since: Date.now() });
    try {
      await api.refresh(value.environment.name);
      setState({ phase: 'collecting', since: Date.now() });
    } catch (e) {
      setState({ phase: 'failed', error: e as Error });
    }
  };
  return { state, refresh };
}
