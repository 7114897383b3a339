import type {
  CheckStatus,
  DaemonStatus,
} from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import type { RucioHeartbeat } from '../clients/rucioResources';
import { parseRucioDate } from '../clients/rucioWire';
import { UpstreamError } from '../clients/UpstreamError';
import type { Check } from './Check';

/** "conveyor-submitter--activities ['A']" → "conveyor-submitter". */
export function daemonName(readable: string | null): string {
  return (readable ?? 'unknown').split(/\s|--/)[0] || 'unknown';
}

interface Deployment {
  metadata: { name: string };
  spec?: { replicas?: number };
  status?: { readyReplicas?: number };
}

/**
 * Groups heartbeats by daemon and compares them with what should run: the
 * configured list, or the rucio-daemons Deployments read through the
 * Kubernetes plugin.
 */
export const daemonsCheck: Check<'daemons'> = {
  id: 'daemons',
  async run({ env, clients, signal }) {
    let heartbeats: RucioHeartbeat[];
    try {
      heartbeats = await clients.rucio.listHeartbeats(signal);
    } catch (error) {
      if (
        error instanceof UpstreamError &&
        (error.exceptionClass === 'AccessDenied' || error.status === 403)
      ) {
        return {
          status: 'unknown',
          message: `${error.upstream} refused to list heartbeats to account ${
            env.rucio.account ?? '(from the token)'
          }; GET /heartbeats needs the root account (or an admin account under your policy package).`,
        };
      }
      throw error;
    }

    const defaultStaleAfter =
      env.daemons.staleAfterSeconds ??
      Math.max(2 * env.daemons.sleepTimeSeconds, 120);
    // Daemons sleep for different times (a reaper cycle is not a judge's).
    const staleAfter = (name: string) =>
      env.daemons.perDaemon?.[name]?.staleAfterSeconds ?? defaultStaleAfter;
    const now = Date.now();
    const byName = new Map<
      string,
      { threads: number; hosts: Set<string>; pids: Set<string>; last: number }
    >();
    for (const beat of heartbeats) {
      const name = daemonName(beat.readable);
      const entry = byName.get(name) ?? {
        threads: 0,
        hosts: new Set<string>(),
        pids: new Set<string>(),
        last: 0,
      };
      const updated = parseRucioDate(beat.updated_at) ?? 0;
      // A thread counts as live only while its heartbeat is fresh.
      if (now - updated <= staleAfter(name) * 1000) {
        entry.threads++;
        entry.hosts.add(beat.hostname);
        entry.pids.add(`${beat.hostname}:${beat.pid}`);
      }
      entry.last = Math.max(entry.last, updated);
      byName.set(name, entry);
    }

    const expected = new Map<string, { desired?: number; ready?: number }>();
    for (const name of env.daemons.expected ?? []) {
      expected.set(name, {});
    }
    if (!env.daemons.expected && clients.kubernetes && env.kubernetes) {
      const deployments = await clients.kubernetes.list<Deployment>(
        `/apis/apps/v1/namespaces/${env.kubernetes.namespace}/deployments`,
        { signal, labelSelector: env.kubernetes.labelSelector },
      );
      for (const d of deployments) {
        // rucio-daemons names Deployments "<release>-<daemon>" and its
        // release names contain "daemons"; the rest is the daemon's name
        // exactly (dark-reaper is not reaper).
        const name = d.metadata.name.match(/^.*?daemons-(.+)$/)?.[1];
        if (!name) continue;
        expected.set(name, {
          desired: d.spec?.replicas ?? 1,
          ready: d.status?.readyReplicas ?? 0,
        });
      }
    }

    const names = new Set([...byName.keys(), ...expected.keys()]);
    const daemons: DaemonStatus[] = [...names].sort().map(name => {
      const beat = byName.get(name);
      const exp = expected.get(name);
      let status: CheckStatus = 'ok';
      if (!beat || beat.threads === 0) {
        status = exp || beat ? 'error' : 'ok';
      } else if (exp?.desired !== undefined && (exp.ready ?? 0) < exp.desired) {
        status = 'warning';
      }
      return {
        name,
        status,
        liveThreads: beat?.threads ?? 0,
        hosts: [...(beat?.hosts ?? [])].sort(),
        pids: beat?.pids.size ?? 0,
        lastBeat: beat?.last ? new Date(beat.last).toISOString() : undefined,
        staleAfterSeconds: staleAfter(name),
        expectedReplicas: exp?.desired,
        readyReplicas: exp?.ready,
      };
    });

    const status = daemons.length
      ? worstStatus(daemons.map(d => d.status))
      : 'warning';
    const bad = daemons.filter(d => d.status === 'error').map(d => d.name);
    let message = `All ${daemons.length} daemons heartbeat (${heartbeats.length} threads).`;
    if (!daemons.length) {
      message = `Rucio server ${env.rucio.url} lists no heartbeats: no daemon is running.`;
    } else if (bad.length) {
      message = `${bad.length} of ${
        daemons.length
      } daemons have no fresh heartbeat: ${daemons
        .filter(d => d.status === 'error')
        .map(d => `${d.name} (older than ${d.staleAfterSeconds} s)`)
        .join(', ')}.`;
    } else if (status === 'warning') {
      message = `All ${daemons.length} daemons heartbeat, but some Deployments have fewer ready replicas than desired.`;
    }
    return { status, message, details: { daemons } };
  },
};
