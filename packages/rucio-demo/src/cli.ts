// Starts the demo environment: `node packages/rucio-demo/src/cli.ts [--rses N] [--latency MS]
// [--error-rate R] [--outage rucio,fts,...] [--seed N] [--token-lifetime S] [--no-postgres] [--no-identity]
// [--ports any | rucio=8101,auth=8102,...]`: other ports, to run beside a portal that uses the defaults.
// Prints one "ready" line when every listener is up.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ANY_PORTS,
  DEFAULT_PORTS,
  startDemo,
  type DemoPorts,
} from './index.ts';

const { values } = parseArgs({
  options: {
    rses: { type: 'string', default: process.env.RUCIO_DEMO_RSES ?? '60' },
    latency: {
      type: 'string',
      default: process.env.RUCIO_DEMO_LATENCY_MS ?? '0',
    },
    'error-rate': {
      type: 'string',
      default: process.env.RUCIO_DEMO_ERROR_RATE ?? '0',
    },
    outage: { type: 'string', default: process.env.RUCIO_DEMO_OUTAGE ?? '' },
    seed: { type: 'string', default: process.env.RUCIO_DEMO_SEED ?? '42' },
    'token-lifetime': { type: 'string', default: '3600' },
    'data-dir': { type: 'string', default: path.resolve('.data/demo') },
    'no-postgres': { type: 'boolean', default: false },
    'no-identity': { type: 'boolean', default: false },
    ports: { type: 'string', default: process.env.RUCIO_DEMO_PORTS ?? '' },
  },
});

function number(name: string, value: string, max = Infinity) {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) {
    console.error(
      `rucio-demo: --${name} must be a number between 0 and ${max}, got "${value}"`,
    );
    process.exit(2);
  }
  return n;
}

/** `any` (free ports) or `name=port,...` over the defaults; a bad entry exits naming it. */
function ports(text: string): Partial<DemoPorts> {
  if (text === 'any') return ANY_PORTS;
  const chosen: Partial<DemoPorts> = {};
  for (const entry of text.split(',').filter(Boolean)) {
    const [name, value] = entry.split('=');
    if (!(name in DEFAULT_PORTS) || value === undefined) {
      console.error(
        `rucio-demo: --ports takes "any" or name=port pairs with names ${Object.keys(
          DEFAULT_PORTS,
        ).join(', ')}; got "${entry}"`,
      );
      process.exit(2);
    }
    chosen[name as keyof DemoPorts] = number(`ports ${name}`, value, 65535);
  }
  return chosen;
}

async function main() {
  const demo = await startDemo({
    rseCount: number('rses', values.rses!, 100_000),
    latencyMs: number('latency', values.latency!, 60_000),
    errorRate: number('error-rate', values['error-rate']!, 1),
    outages: values.outage ? values.outage.split(',') : [],
    seed: number('seed', values.seed!),
    tokenLifetimeSeconds: number('token-lifetime', values['token-lifetime']!),
    dataDir: values['data-dir']!,
    postgres: !values['no-postgres'],
    identity: !values['no-identity'],
    ports: ports(values.ports!),
  });

  console.log(
    `rucio-demo ready: ${demo.state.rses.length} RSEs; ${Object.entries(
      demo.ports,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );

  const stop = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`rucio-demo failed to start: ${error?.message ?? error}`);
  process.exit(1);
});
