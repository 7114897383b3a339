import type { Check } from './Check';

/**
 * Replication rules by state. Rucio's REST API has no rule counts (`GET
 * /rules/` streams every matching rule), so they come from its database
 * through a read-only role, as Rucio's own probes read them.
 */
export const rulesCheck: Check<'rules'> = {
  id: 'rules',
  async run({ env, clients, signal }) {
    if (!clients.rucioDatabase) {
      return {
        status: 'unconfigured',
        message:
          'Rule counts need a read-only role on Rucio’s database (database.rucio): Rucio’s REST API has no count of rules by state.',
      };
    }
    const limits = env.dataPlane;
    const rules = await clients.rucioDatabase.readRules(
      signal,
      limits.stuckRuleHours,
    );
    const { byState, stuckOlder } = rules;
    const problems: string[] = [];
    if (stuckOlder.count > limits.stuckRulesWarning) {
      problems.push(
        `${stuckOlder.count} STUCK for more than ${stuckOlder.hours} h (limit ${limits.stuckRulesWarning})`,
      );
    }
    if (byState.SUSPENDED > limits.suspendedRulesWarning) {
      problems.push(
        `${byState.SUSPENDED} SUSPENDED (limit ${limits.suspendedRulesWarning})`,
      );
    }
    const total = Object.values(byState).reduce((a, b) => a + b, 0);
    const worst = rules.stuckLocksByRse[0];
    return {
      status: problems.length ? 'warning' : 'ok',
      message: `${total} rules: ${byState.OK} OK, ${
        byState.REPLICATING
      } replicating, ${byState.STUCK} stuck, ${byState.SUSPENDED} suspended${
        problems.length ? `; ${problems.join('; ')}` : ''
      }${worst ? `; most stuck locks at ${worst.rse} (${worst.locks})` : ''}.`,
      details: { source: 'database', ...rules },
    };
  },
};
