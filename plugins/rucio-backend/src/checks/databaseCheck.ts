import type {
  CheckStatus,
  DatabaseCheckDetails,
} from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import { probePgBouncer, probePostgres } from '../clients/PostgresProbe';
import type { Check } from './Check';

/** PostgreSQL health and, when configured, PgBouncer's pools. */
export const databaseCheck: Check<'database'> = {
  id: 'database',
  async run({ env, signal }) {
    const db = env.database;
    if (!db?.postgres && !db?.pgbouncer) {
      return {
        status: 'unconfigured',
        message: 'No database connection is configured.',
      };
    }
    // Inside the collector's deadline, so the probe names the upstream itself.
    const timeoutMs = env.schedule.checkTimeoutSeconds * 800;
    const details: DatabaseCheckDetails = {};
    const statuses: CheckStatus[] = [];
    const messages: string[] = [];
    const [pg, bouncer] = await Promise.allSettled([
      db.postgres ? probePostgres(db.postgres, signal, timeoutMs) : undefined,
      db.pgbouncer
        ? probePgBouncer(db.pgbouncer, signal, timeoutMs)
        : undefined,
    ]);
    if (db.postgres) {
      if (pg.status === 'rejected') {
        statuses.push('error');
        messages.push((pg.reason as Error).message);
      } else if (pg.value) {
        const p = pg.value;
        details.postgres = p;
        let status: CheckStatus = 'ok';
        let text = `PostgreSQL ${p.version} (${
          p.inRecovery ? 'replica' : 'primary'
        })`;
        if (p.connections === undefined) {
          // A figure PostgreSQL hid from the role is not shown as a fact.
          status = 'warning';
          text += `: ${p.hiddenSessions} sessions of other roles are hidden from ${p.role}, so connections and the oldest transaction are unknown; GRANT pg_monitor TO ${p.role}`;
        } else {
          const usage = p.connections / p.maxConnections;
          text += ` has ${p.connections} of ${p.maxConnections} connections`;
          if (usage >= 0.9) status = 'error';
          else if (usage >= 0.75) status = 'warning';
        }
        if ((p.oldestTransactionSeconds ?? 0) > 3600) {
          status = status === 'error' ? 'error' : 'warning';
          text += `; a transaction is open for ${Math.round(
            p.oldestTransactionSeconds! / 60,
          )} min`;
        }
        if ((p.replicationLagSeconds ?? 0) > 300) {
          status = status === 'error' ? 'error' : 'warning';
          text += `; replication lags ${Math.round(
            p.replicationLagSeconds!,
          )} s`;
        }
        statuses.push(status);
        messages.push(`${text}.`);
      }
    }
    if (db.pgbouncer) {
      if (bouncer.status === 'rejected') {
        statuses.push('error');
        details.pgbouncer = {
          pools: [],
          error: (bouncer.reason as Error).message,
        };
        messages.push((bouncer.reason as Error).message);
      } else if (bouncer.value) {
        const pools = bouncer.value;
        details.pgbouncer = { pools };
        const waiting = pools.reduce((s, p) => s + p.clientsWaiting, 0);
        const maxWait = Math.max(0, ...pools.map(p => p.maxWaitSeconds));
        let status: CheckStatus = waiting > 0 ? 'warning' : 'ok';
        if (maxWait > 10) status = 'error';
        statuses.push(status);
        messages.push(
          `PgBouncer has ${pools.length} pools, ${waiting} waiting clients${
            maxWait ? `, longest wait ${maxWait.toFixed(1)} s` : ''
          }.`,
        );
      }
    }
    return {
      status: worstStatus(statuses),
      message: messages.join(' '),
      details,
    };
  },
};
