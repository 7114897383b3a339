import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  getRucioEnvironmentName,
  rucioEnvironmentChannel,
  type GetEnvironmentResponse,
  type RucioEnvironmentSignal,
  type ListRsesRequest,
  type ListRsesResponse,
  type RucioStatusApi,
} from '@rucio-portal/plugin-rucio-common';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { rucioApiRef } from '../../api/rucioApiRef';

const POLL_MS = 30_000;
const SHARE_MS = 2_000;
const inFlight = new WeakMap<
  RucioStatusApi,
  Map<
    string,
    { at: number; signal?: string; promise: Promise<GetEnvironmentResponse> }
  >
>();

/**
 * Cards on one page share one request per environment: within two seconds,
 * or for the same signalled snapshot (`signal` is its collectedAt).
 */
function load(api: RucioStatusApi, name: string, signal?: string) {
  let byName = inFlight.get(api);
  if (!byName) {
    byName = new Map();
    inFlight.set(api, byName);
  }
  const cached = byName.get(name);
  if (
    cached &&
    (signal ? cached.signal === signal : Date.now() - cached.at < SHARE_MS)
  ) {
    return cached.promise;
  }
  const promise = api.getEnvironment(name);
  byName.set(name, { at: Date.now(), signal, promise });
  promise.catch(() => byName!.delete(name));
  return promise;
}

const rsesInFlight = new WeakMap<
  RucioStatusApi,
  Map<string, { at: number; promise: Promise<ListRsesResponse> }>
>();

/**
 * One page of RSEs; the same request within two seconds shares one call, so
 * a card can ask for its first page before the environment has arrived.
 */
export function loadRses(
  api: RucioStatusApi,
  name: string,
  request: ListRsesRequest,
) {
  let byKey = rsesInFlight.get(api);
  if (!byKey) {
    byKey = new Map();
    rsesInFlight.set(api, byKey);
  }
  const key = JSON.stringify([name, request]);
  const cached = byKey.get(key);
  if (cached && Date.now() - cached.at < SHARE_MS) return cached.promise;
  const promise = api.listRses(name, request);
  byKey.set(key, { at: Date.now(), promise });
  if (byKey.size > 100) byKey.delete(byKey.keys().next().value!);
  promise.catch(() => byKey!.delete(key));
  return promise;
}

/**
 * The environment the current entity names, with its latest snapshot: read
 * again when the backend signals a new one, or every 30 seconds when the app
 * has no signals.
 */
export function useRucioEnvironment() {
  const { entity } = useEntity();
  const name = getRucioEnvironmentName(entity);
  const api = useApi(rucioApiRef);
  const { lastSignal, isSignalsAvailable } = useSignal<RucioEnvironmentSignal>(
    rucioEnvironmentChannel(name ?? ''),
  );
  const signalled = lastSignal?.collectedAt;
  const state = useAsyncRetry(
    async () => (name ? load(api, name, signalled) : undefined),
    [api, name, signalled],
  );
  const { retry } = state;
  useEffect(() => {
    if (isSignalsAvailable) return undefined;
    const timer = setInterval(retry, POLL_MS);
    return () => clearInterval(timer);
  }, [retry, isSignalsAvailable]);
  return { name, api, ...state };
}
