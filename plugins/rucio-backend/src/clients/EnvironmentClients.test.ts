import { ANY_PORTS, startDemo, type RunningDemo } from '@internal/rucio-demo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { trustedCas } from './EnvironmentClients';
import { probeTls } from './TlsProbe';

describe('what the TLS probe trusts', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
  }, 60_000);
  afterAll(() => demo.stop());

  const env = (tls: object, rucio: object) =>
    ({ tls: { endpoints: [], ...tls }, rucio } as any);

  it('trusts a host signed by the CA of rucio.caFile, as grid hosts often are', async () => {
    const endpoint = `localhost:${demo.ports.tlsValid}`;
    const signal = () => AbortSignal.timeout(5000);
    const untrusted = await probeTls(
      endpoint,
      signal(),
      trustedCas(env({}, {})),
    );
    expect(untrusted.verifyError).toBeDefined();
    const trusted = await probeTls(
      endpoint,
      signal(),
      trustedCas(env({}, { caFile: demo.caFile })),
    );
    expect(trusted.verifyError).toBeUndefined();
  });

  it('keeps the public roots when a CA file is given', () => {
    const cas = trustedCas(env({ caFile: demo.caFile }, {}))!;
    expect(cas).toEqual(expect.arrayContaining([...rootCertificates]));
    expect(cas).toHaveLength(rootCertificates.length + 1);
    expect(trustedCas(env({}, {}))).toBeUndefined();
  });
});
