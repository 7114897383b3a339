import type { FtsServerStatus } from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import type { FtsClient } from '../clients/FtsClient';
import type { Check } from './Check';

const HOUR = 3_600_000;
/** What Rucio's renewal keeps a healthy proxy above (transfertool/fts3.py). */
const RENEWED_ABOVE_HOURS = 72;

/** FTS dates are "%Y-%m-%dT%H:%M:%S" in UTC without an offset. */
function parseFtsDate(value: string | undefined) {
  if (!value) return undefined;
  const ms = Date.parse(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`,
  );
  return Number.isNaN(ms) ? undefined : ms;
}

/** The delegated proxy judged in hours, against Rucio's renewal. */
function judgeProxy(
  end: number,
  thresholds: { warningHours: number; errorHours: number },
): { status: FtsServerStatus['status']; note?: string; hoursLeft: number } {
  const hoursLeft = Math.floor(((end - Date.now()) / HOUR) * 10) / 10;
  const renewal = `Rucio's renewal should keep it above ${RENEWED_ABOVE_HOURS} h`;
  if (end <= Date.now()) {
    return {
      status: 'error',
      hoursLeft,
      note: `the delegated proxy expired on ${new Date(
        end,
      ).toISOString()}; ${renewal}`,
    };
  }
  if (
    hoursLeft < thresholds.errorHours ||
    hoursLeft < thresholds.warningHours
  ) {
    return {
      status: hoursLeft < thresholds.errorHours ? 'error' : 'warning',
      hoursLeft,
      note: `the delegated proxy has ${hoursLeft} h left; ${renewal}, so the renewal is not running`,
    };
  }
  return { status: 'ok', hoursLeft };
}

async function checkServer(
  client: FtsClient,
  signal: AbortSignal,
): Promise<FtsServerStatus> {
  const base = {
    url: client.server.url,
    monitoringUrl: client.server.monitoringUrl,
  };
  try {
    const version = await client.version(signal);
    const who = await client.whoami(signal);
    const [finishedLastHour, queued] = await Promise.all([
      client.finishedJobCounts(who.delegation_id, signal),
      client.queuedJobCounts(signal),
    ]);
    let proxyExpiresAt: string | undefined;
    let proxyHoursLeft: number | undefined;
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
        const proxy = judgeProxy(end, {
          warningHours: client.server.proxyWarningHours ?? 48,
          errorHours: client.server.proxyErrorHours ?? 12,
        });
        proxyHoursLeft = proxy.hoursLeft;
        status = proxy.status;
        if (proxy.note) message += `; ${proxy.note}`;
      }
    }
    const failed = finishedLastHour.FAILED ?? 0;
    const finished = finishedLastHour.FINISHED ?? 0;
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
      proxyHoursLeft,
      finishedLastHour,
      queued: queued.counts,
      queuedCapped: queued.capped,
    };
  } catch (error) {
    return { ...base, status: 'error', message: (error as Error).message };
  }
}

/** Version, identity, delegated proxy and recent jobs of every FTS3 server. */
export const ftsCheck: Check<'fts'> = {
  id: 'fts',
  async run({ clients, signal }) {
    if (!clients.fts.length) {
      return {
        status: 'unconfigured',
        message: 'No FTS3 server is configured.',
      };
    }
    const servers = await Promise.all(
      clients.fts.map(c => checkServer(c, signal)),
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
