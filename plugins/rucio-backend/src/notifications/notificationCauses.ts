import {
  NOTIFIED_RSE_STATUSES,
  RSE_STATUS_FILTERS,
  type CheckId,
  type EnvironmentSnapshot,
  formatBytes,
  type ByteUnits,
  type NotifiedRseStatus,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { secretCauses } from './secretCauses';

/** The kinds of cause an environment's notifications can switch off one by one. */
export const CAUSE_KINDS = [
  'outages',
  'certificates',
  'daemons',
  'fts',
  'rses',
  'sync',
  'rules',
  'transfers',
  'secrets',
] as const;

export type CauseKind = (typeof CAUSE_KINDS)[number];

/** Backstage's notification severities, mapped from the check statuses. */
export type CauseSeverity = 'critical' | 'high' | 'normal';

/**
 * One thing wrong with an environment that its owners should hear of. `key`
 * names it for as long as it lasts; a new `stage` is news, the same stage is
 * not.
 */
export interface Cause {
  key: string;
  kind: CauseKind;
  stage: string;
  severity: CauseSeverity;
  title: string;
  description: string;
  /** RSEs whose owners are told as well (for RSE causes: in one of their own). */
  rses?: string[];
  /**
   * Who is told: unset, the environment's owner and the owners of `rses`;
   * `owner`, the environment's owner alone; an entity ref, that owner alone.
   */
  to?: string;
  /** The card of the Rucio tab that shows it (linked to as `#rucio-<card>`). */
  shownIn?: CheckId | 'overview';
  /** RSE causes: the state, which the RSE table can be narrowed to. */
  rseStatus?: NotifiedRseStatus;
  /** RSE causes: the title and text for a subset of `rses` (one owner's). */
  forRses?: (rses: string[]) => Pick<Cause, 'title' | 'description'>;
  /** Told only once the cause lasted this long. */
  delayMinutes?: number;
  /** Told only once this many collections in a row showed it (one blip is no news). */
  afterCollections?: number;
}

type NotificationSettings = EnvironmentConfig['notifications'];

/**
 * A service of the environment not answering or failing: the Rucio server,
 * auth service and WebUI checks in error, PostgreSQL or PgBouncer refusing
 * the probe, an FTS3 server that could not be read.
 */
function outages(
  snapshot: EnvironmentSnapshot,
  env: Pick<EnvironmentConfig, 'notifications' | 'database'>,
): Cause[] {
  const outage = (
    key: string,
    shownIn: CheckId | 'overview',
    service: string,
    message: string,
  ): Cause => ({
    key: `outage:${key}`,
    kind: 'outages',
    stage: 'down',
    severity: 'critical',
    title: `${service} is unreachable or failing`,
    description: message,
    shownIn,
    afterCollections: env.notifications.outageCollections,
  });
  const { checks } = snapshot;
  const causes: Cause[] = [];
  for (const [id, service] of [
    ['server', 'The Rucio server'],
    ['auth', 'The Rucio auth service'],
    ['webui', 'The Rucio WebUI'],
  ] as const) {
    const check = checks[id];
    if (check?.status === 'error') {
      causes.push(outage(id, 'overview', service, check.message));
    }
  }
  const database = checks.database;
  if (
    env.database?.postgres &&
    database?.status === 'error' &&
    !database.details?.postgres
  ) {
    causes.push(outage('postgres', 'database', 'PostgreSQL', database.message));
  }
  const bouncer = database?.details?.pgbouncer?.error;
  if (bouncer) {
    causes.push(outage('pgbouncer', 'database', 'PgBouncer', bouncer));
  }
  for (const server of checks.fts?.details?.servers ?? []) {
    // A server that answered has a version; one that did not, only an error.
    if (server.status === 'error' && server.version === undefined) {
      causes.push(
        outage(
          `fts:${server.url}`,
          'fts',
          `FTS3 server ${server.url}`,
          server.message,
        ),
      );
    }
  }
  return causes;
}

function certificates(
  snapshot: EnvironmentSnapshot,
  settings: NotificationSettings,
): Cause[] {
  const certs = snapshot.checks.certificates?.details?.certificates ?? [];
  return certs.flatMap(cert => {
    if (cert.daysLeft === undefined) return [];
    const days = cert.daysLeft;
    // By impact: expired breaks clients now; the last days are urgent.
    let stage: string;
    let severity: CauseSeverity;
    if (days < 0) {
      stage = 'expired';
      severity = 'critical';
    } else if (days <= settings.certificateUrgentDays) {
      stage = `within-${settings.certificateUrgentDays}-days`;
      severity = 'high';
    } else if (days <= settings.certificateDays) {
      stage = `within-${settings.certificateDays}-days`;
      severity = 'normal';
    } else return [];
    return [
      {
        key: `certificate:${cert.name}`,
        kind: 'certificates' as const,
        stage,
        severity,
        // Days as the card and the check's message give them (one decimal).
        title:
          days < 0
            ? `Certificate ${cert.name} expired ${-days} days ago`
            : `Certificate ${cert.name} expires in ${days} days`,
        description: cert.message,
        shownIn: 'certificates' as const,
      },
    ];
  });
}

function daemons(snapshot: EnvironmentSnapshot): Cause[] {
  return (snapshot.checks.daemons?.details?.daemons ?? [])
    .filter(d => d.status === 'error')
    .map(d => ({
      key: `daemon:${d.name}`,
      kind: 'daemons' as const,
      stage: 'no-heartbeat',
      severity: 'critical' as const,
      shownIn: 'daemons' as const,
      title: `Daemon ${d.name} has no live heartbeat`,
      description: d.lastBeat
        ? `Its last heartbeat was at ${d.lastBeat} (stale after ${d.staleAfterSeconds} s).`
        : `Rucio has no heartbeat of it.`,
    }));
}

function ftsProxies(
  snapshot: EnvironmentSnapshot,
  env: Pick<EnvironmentConfig, 'fts'>,
): Cause[] {
  return (snapshot.checks.fts?.details?.servers ?? []).flatMap(server => {
    const config = env.fts.find(f => f.url === server.url);
    const hours = server.proxyHoursLeft;
    if (!config || hours === undefined || hours >= config.proxyWarningHours) {
      return [];
    }
    const error = hours < config.proxyErrorHours;
    return [
      {
        key: `fts-proxy:${server.url}`,
        kind: 'fts' as const,
        stage: error ? 'below-error' : 'below-warning',
        // Transfers go on until the proxy expires: urgent, not an outage.
        severity: error ? ('high' as const) : ('normal' as const),
        title: `The proxy delegated to FTS3 ${server.url} has ${hours} h left`,
        description: `${server.message} Rucio's renewal should keep it above 72 h.`,
        shownIn: 'fts' as const,
      },
    ];
  });
}

/** What each state of an RSE its owners hear of says about one RSE. */
function rseDetails(
  units: ByteUnits,
): Record<NotifiedRseStatus, (r: RseRow) => string> {
  const size = (bytes?: number) =>
    bytes === undefined ? 'unknown' : formatBytes(bytes, units);
  return {
    'below-min-free-space': r =>
      `${r.name}: ${size(r.freeBytes)} free, MinFreeSpace ${size(
        r.minFreeSpaceBytes,
      )}`,
    'below-min-free-space-soon': r =>
      `${r.name}: ${size(r.freeBytes)} free, MinFreeSpace ${size(
        r.minFreeSpaceBytes,
      )}, below it in ${r.minFreeSpaceDays} days at the last 7 days' pace`,
    'closed-for-writes': r => `${r.name}: availability_write false`,
    'closed-for-reads': r => `${r.name}: availability_read false`,
    'closed-for-deletes': r => `${r.name}: availability_delete false`,
  };
}

/** Names shown in a title before "… and N more". */
const NAMED = 3;

function rses(rows: RseRow[], units: ByteUnits): Cause[] {
  const details = rseDetails(units);
  return NOTIFIED_RSE_STATUSES.flatMap(id => {
    const { label, matches } = RSE_STATUS_FILTERS[id];
    const matching = rows
      .filter(matches)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (!matching.length) return [];
    const forRses = (names: string[]) => {
      const shown = matching.filter(r => names.includes(r.name));
      const more = shown.length - NAMED;
      return {
        title:
          shown.length === 1
            ? `RSE ${shown[0].name} is ${label}`
            : `${shown.length} RSEs ${label}: ${shown
                .slice(0, NAMED)
                .map(r => r.name)
                .join(', ')}${more > 0 ? ` … and ${more} more` : ''}`,
        description: `${shown.slice(0, 20).map(details[id]).join('; ')}${
          shown.length > 20
            ? `; ${shown.length - 20} more on the Rucio tab's RSE table`
            : ''
        }.`,
      };
    };
    const names = matching.map(r => r.name);
    return [
      {
        key: `rses:${id}`,
        kind: 'rses' as const,
        stage: 'present',
        rseStatus: id,
        // One RSE's space or availability: the others still serve.
        severity: 'normal' as const,
        ...forRses(names),
        rses: names,
        to: 'owner',
        forRses,
      },
    ];
  });
}

function sync(
  snapshot: EnvironmentSnapshot,
  settings: NotificationSettings,
): Cause[] {
  return (snapshot.checks.sync?.details?.items ?? [])
    .filter(item => item.status === 'warning' || item.status === 'error')
    .map(item => ({
      key: `sync:${item.kind}/${item.namespace}/${item.name}`,
      kind: 'sync' as const,
      stage: `${item.syncStatus ?? 'unknown'}/${item.health ?? 'unknown'}`,
      severity:
        item.status === 'error' ? ('critical' as const) : ('high' as const),
      title: `${item.kind} ${item.name} is ${[item.syncStatus, item.health]
        .filter(Boolean)
        .join(' and ')} for more than ${settings.syncMinutes} minutes`,
      description: item.message ?? `Revision ${item.revision ?? 'unknown'}.`,
      delayMinutes: settings.syncMinutes,
      shownIn: 'sync' as const,
    }));
}

function rules(
  snapshot: EnvironmentSnapshot,
  env: Pick<EnvironmentConfig, 'dataPlane'>,
): Cause[] {
  const details = snapshot.checks.rules?.details;
  if (!details) return [];
  const causes: Cause[] = [];
  if (details.stuckOlder.count > env.dataPlane.stuckRulesWarning) {
    causes.push({
      key: 'rules:stuck',
      kind: 'rules',
      stage: 'over-limit',
      severity: 'high',
      title: `${details.stuckOlder.count} ${
        details.stuckOlder.count === 1 ? 'rule' : 'rules'
      } STUCK for more than ${details.stuckOlder.hours} h`,
      description: `The limit is ${env.dataPlane.stuckRulesWarning}.`,
      shownIn: 'rules',
    });
  }
  if (details.byState.SUSPENDED > env.dataPlane.suspendedRulesWarning) {
    causes.push({
      key: 'rules:suspended',
      kind: 'rules',
      stage: 'over-limit',
      severity: 'high',
      title: `${details.byState.SUSPENDED} ${
        details.byState.SUSPENDED === 1 ? 'rule' : 'rules'
      } SUSPENDED`,
      description: `The limit is ${env.dataPlane.suspendedRulesWarning}.`,
      shownIn: 'rules',
    });
  }
  return causes;
}

function transfers(
  snapshot: EnvironmentSnapshot,
  env: Pick<EnvironmentConfig, 'dataPlane'>,
): Cause[] {
  const limit = env.dataPlane.linkFailureRatioWarning;
  return (snapshot.checks.transfers?.details?.links ?? [])
    .filter(link => (link.failureRatio6h ?? 0) > limit)
    .map(link => ({
      key: `link:${link.source}:${link.destination}`,
      kind: 'transfers' as const,
      stage: 'failing',
      severity: 'high' as const,
      title: `Transfers ${link.source} → ${link.destination} fail ${Math.round(
        (link.failureRatio6h ?? 0) * 100,
      )} % over 6 h`,
      description: `${link.failedFiles6h} failed and ${
        link.doneFiles6h
      } done in 6 h; the limit is ${Math.round(limit * 100)} %.`,
      rses: [link.source, link.destination],
      shownIn: 'transfers' as const,
    }));
}

/** Every cause the collection shows, for the kinds the environment has switched on. */
export function notificationCauses(
  snapshot: EnvironmentSnapshot,
  rows: RseRow[],
  env: Pick<
    EnvironmentConfig,
    'notifications' | 'fts' | 'dataPlane' | 'database'
  >,
  /** The portal's `rucio.ui.byteUnits`: sizes read as on the cards. */
  units: ByteUnits = 'decimal',
): Cause[] {
  const settings = env.notifications;
  const all = [
    ...outages(snapshot, env),
    ...certificates(snapshot, settings),
    ...daemons(snapshot),
    ...ftsProxies(snapshot, env),
    ...rses(rows, units),
    ...sync(snapshot, settings),
    ...rules(snapshot, env),
    ...transfers(snapshot, env),
    ...secretCauses(snapshot),
  ];
  return all.filter(cause => settings.causes[cause.kind]);
}
