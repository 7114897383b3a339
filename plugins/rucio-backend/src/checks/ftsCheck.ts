import type { FtsServerStatus } from '@internal/plugin-rucio-common';
import { worstStatus } from '@internal/plugin-rucio-common';
import type { FtsClient } from '../clients/FtsClient';
import type { Check } from './Check';

const DAY = 86_400_000;

/** FTS dates are "%Y-%m-%dT%H:%M:%S" in UTC without an offset. */
function parseFtsDate(value: string | undefined) {
  if (!value) return undefined;
  const ms = Date.parse(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`,
  );
  return Number.isNaN(ms) ? undefined : ms;
}

async function checkServer(
  client: FtsClient,
  signal: AbortSignal,
  thresholds: { warningDays: number; errorDays: number },
): Promise<FtsServerStatus> {
  const base = {
    url: client.server.url,
    monitoringUrl: client.server.monitoringUrl,
  };
  try {
    const version = await client.version(signal);
    const who = await client.whoami(signal);
    const jobsByState = await client.jobCounts(signal);
    let proxyExpiresAt: string | undefined;
    let proxyDaysLeft: number | undefined;
    let status: FtsServerStatus['status'] = 'ok';
    let message = `${client.name} runs ${version ?? 'an unknown version'}`;
    if (who.method === 'oauth2') {
      message += '; tokens are used, so no proxy is delegated';
    } else if (who.delegation_id) {
      const delegation = await client.delegation(who.delegation_id, signal);
      const end = parseFtsDate(delegation?.termination_time);
      if (end === undefined) {
        status = 'warning';
        message += `; no proxy is delegated for ${who.user_dn}`;
      } else {
        proxyExpiresAt = new Date(end).toISOString();
        proxyDaysLeft = Math.floor(((end - Date.now()) / DAY) * 10) / 10;
        if (end <= Date.now()) {
          status = 'error';
          message += `; the delegated proxy expired on ${proxyExpiresAt}`;
        } else if (proxyDaysLeft < thresholds.errorDays) {
          status = 'error';
          message += `; the delegated proxy expires in ${proxyDaysLeft} days`;
        } else if (proxyDaysLeft < thresholds.warningDays) {
          status = 'warning';
          message += `; the delegated proxy expires in ${proxyDaysLeft} days`;
        }
      }
    }
    const failed = jobsByState.FAILED ?? 0;
    const finished = jobsByState.FINISHED ?? 0;
    if (failed > 0 && failed > finished && status === 'ok') {
      status = 'warning';
      message += `; more jobs failed (${failed}) than finished (${finished}) in the last hour`;
    }
    return {
      ...base,
      status,
      message: `${message}.`,
      version,
      dn: who.user_dn,
      delegationId: who.delegation_id,
      proxyExpiresAt,
      proxyDaysLeft,
      jobsByState,
    };
  } catch (error) {
    return { ...base, status: 'error', message: (error as Error).message };
  }
}

/** Version, identity, delegated proxy and recent jobs of every FTS3 server. */
export const ftsCheck: Check<'fts'> = {
  id: 'fts',
  async run({ env, clients, signal }) {
    if (!clients.fts.length) {
      return {
        status: 'unconfigured',
        message: 'No FTS3 server is configured.',
      };
    }
    const servers = await Promise.all(
      clients.fts.map(c => checkServer(c, signal, env.tls)),
    );
    const status = worstStatus(servers.map(s => s.status));
    const bad = servers.filter(s => s.status !== 'ok');
    let message = bad.map(s => s.message).join(' ');
    if (!bad.length) {
      message =
        servers.length === 1
          ? servers[0].message
          : `All ${servers.length} FTS3 servers answer.`;
    }
    return { status, message, details: { servers } };
  },
};
