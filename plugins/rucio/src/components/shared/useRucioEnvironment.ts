import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getRucioEnvironmentName,
  type GetEnvironmentResponse,
  type ListRsesRequest,
  type ListRsesResponse,
  type RucioStatusApi,
} from '@internal/plugin-rucio-common';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { rucioApiRef } from '../../api/rucioApiRef';

const POLL_MS = 30_000;
const SHARE_MS = 2_000;
const inFlight = new WeakMap<
  RucioStatusApi,
  Map<string, { at: number; promise: Promise<GetEnvironmentResponse> }>
>();

/** Cards on one page share one request per environment. */
function load(api: RucioStatusApi, name: string) {
  let byName = inFlight.get(api);
  if (!byName) {
    byName = new Map();
    inFlight.set(api, byName);
  }
  const cached = byName.get(name);
  if (cached && Date.now() - cached.at < SHARE_MS) return cached.promise;
  const promise = api.getEnvironment(name);
  byName.set(name, { at: Date.now(), promise });
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
 * The environment the current entity names, with its latest snapshot,
 * refreshed every 30 seconds.
 */
export function useRucioEnvironment() {
  const { entity } = useEntity();
  const name = getRucioEnvironmentName(entity);
  const api = useApi(rucioApiRef);
  const state = useAsyncRetry(
    async () => (name ? load(api, name) : undefined),
    [api, name],
  );
  const { retry } = state;
  useEffect(() => {
    const timer = setInterval(retry, POLL_MS);
    return () => clearInterval(timer);
  }, [retry]);
  return { name, api, ...state };
}
