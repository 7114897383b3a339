import { ANY_PORTS, startDemo, type RunningDemo } from '@internal/rucio-demo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Starts the demo environment on free ports before the suite and stops it
 * after; the returned function gives the running demo.
 */
export function runningDemo(): () => RunningDemo {
  let demo: RunningDemo | undefined;
  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
  }, 30_000);
  afterAll(() => demo?.stop());
  return () => demo!;
}

/**
 * The `demo` item of `rucio.environments` for a test backend: Rucio with
 * its credentials, the expiring TLS endpoint, one collection an hour (tests
 * trigger more) reading every RSE's details at once.
 */
export function demoEnvironmentConfig(demo: RunningDemo) {
  const p = demo.ports;
  return {
    name: 'demo',
    title: 'Demo',
    system: 'rucio-demo',
    rucio: {
      url: `http://127.0.0.1:${p.rucio}`,
      authUrl: `http://127.0.0.1:${p.auth}`,
      account: 'root',
      userpass: { username: 'ddmlab', password: 'demo-password' },
    },
    tls: { endpoints: [`localhost:${p.tlsExpiring}`], caFile: demo.caFile },
    schedule: { intervalSeconds: 3600, rseDetailRequestsPerMinute: 600 },
  };
}
