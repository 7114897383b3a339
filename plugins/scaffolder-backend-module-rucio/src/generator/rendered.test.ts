import { createMockDirectory } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { environment } from '../__testUtils__/environmentArbitrary';
import {
  envOf,
  expectDeployable,
  mountsOf,
  podSpecs,
  render,
  secretsRead,
} from '../__testUtils__/renderedEnvironment';
import { renderToolsUnavailable } from '../__testUtils__/renderTools';
import { parseEnvironmentSpec } from './EnvironmentSpec';
import { generateEnvironment } from './generateEnvironment';
import { GOLDEN_INPUTS } from './goldenInputs';
import { writeFiles } from './writeFiles';

/**
 * What Argo CD or Flux would apply, judged on the rendered objects: each
 * overlay through the real `kubectl kustomize`, each values file through the
 * real `helm template` against the official 40.0.0 charts.
 */

function run(input: Record<string, unknown>, dir: string) {
  const spec = parseEnvironmentSpec(input);
  return { spec, files: generateEnvironment(spec), dir };
}

// Each test runs the real helm and kubectl many times; on two busy cores
// that takes far longer than Jest's default 5 s.
jest.setTimeout(180_000);

const unavailable = renderToolsUnavailable();
if (unavailable) {
  // Visible in the test output, not silently green.
  // eslint-disable-next-line no-console
  console.warn(`Render tests not run: ${unavailable}`);
}
const describeRendered = unavailable ? describe.skip : describe;

describeRendered(
  'generated environments, rendered with real Helm and Kustomize',
  () => {
    const dir = createMockDirectory();
    beforeEach(() => dir.clear());

    it.each(Object.keys(GOLDEN_INPUTS))(
      'golden environment %s renders, validates and is deployable',
      async name => {
        expect.hasAssertions();
        const { spec, files } = run(GOLDEN_INPUTS[name], dir.path);
        await writeFiles(dir.path, files);
        await expectDeployable(spec, await render(dir.path, spec));
      },
    );

    it('renders random valid environments deployable', async () => {
      expect.hasAssertions();
      const samples = fc.sample(environment, { numRuns: 4, seed: 17 });
      for (const input of samples) {
        dir.clear();
        const { spec, files } = run(input as Record<string, unknown>, dir.path);
        await writeFiles(dir.path, files);
        await expectDeployable(spec, await render(dir.path, spec));
      }
    });

    it('keeps the ClusterIssuer in platform/ under a name of its environment', async () => {
      const { spec, files } = run(GOLDEN_INPUTS.small, dir.path);
      await writeFiles(dir.path, files);
      const rendered = await render(dir.path, spec);
      expect(
        rendered.platform.map(o => `${o.kind} ${o.metadata.name}`),
      ).toEqual(['ClusterIssuer rucio-dev-letsencrypt']);
      const certificate = rendered.overlays
        .get('dev')!
        .find(o => o.kind === 'Certificate')!;
      expect(certificate.spec.issuerRef).toEqual({
        name: 'rucio-dev-letsencrypt',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      });
    });

    it('submits transfers: every RSE names the FTS3 servers and the daemons renew and mount the proxy', async () => {
      const { spec, files } = run(GOLDEN_INPUTS['flux-vault'], dir.path);
      await writeFiles(dir.path, files);
      const servers =
        'https://fts3-a.example.org:8446,https://fts3-b.example.org:8446';
      for (const r of spec.rses) {
        const definition = JSON.parse(
          readFileSync(
            path.join(dir.path, 'base/rses', `${r.name}.json`),
            'utf8',
          ),
        );
        expect(definition.attributes.fts).toBe(servers);
      }
      const rendered = await render(dir.path, spec);
      const daemons = rendered.releases.get('prod/rucio-daemons')!;
      const renewal = podSpecs(daemons).find(([n]) =>
        n.startsWith('CronJob rucio-daemons-renew-fts-proxy'),
      );
      expect(renewal).toBeDefined();
      expect(envOf(renewal![1], 'RUCIO_FTS_SERVERS')).toBe(servers);
      expect(envOf(renewal![1], 'RUCIO_FTS_VOMS')).toBe(
        'escape:/escape/Role=production',
      );
      expect(secretsRead(renewal![1])).toEqual(
        expect.arrayContaining(['rucio-fts-cert']),
      );
      expect(secretsRead(renewal![1])).not.toContain('rucio-x509up');
      const submitter = podSpecs(daemons).find(([n]) =>
        n.endsWith('conveyor-submitter'),
      )!;
      const mount = mountsOf(submitter[1]).find(
        (m: any) => m.mountPath === '/opt/proxy',
      );
      const volume = submitter[1].volumes.find(
        (v: any) => v.name === mount.name,
      );
      expect(volume.secret.secretName).toBe('rucio-x509up');
      // The charts write rucio.cfg as JSON into a Secret of the release.
      const common = daemons.find(
        o =>
          o.kind === 'Secret' &&
          o.metadata.name === 'rucio-daemons.config.common',
      ) as any;
      const config = JSON.parse(
        Buffer.from(common.data['common.json'], 'base64').toString('utf8'),
      );
      expect(config.conveyor.usercert).toBe('/opt/proxy/x509up');
    });

    it('mounts the S3 and GCS signing credentials where server and daemons read them', async () => {
      const { spec, files } = run(GOLDEN_INPUTS.large, dir.path);
      await writeFiles(dir.path, files);
      const rendered = await render(dir.path, spec);
      for (const release of ['rucio-server', 'rucio-daemons']) {
        const [, pod] = podSpecs(rendered.releases.get(`dev/${release}`)!).find(
          ([n]) => n.startsWith('Deployment'),
        )!;
        const paths = mountsOf(pod).map((m: any) => m.mountPath);
        expect(paths).toEqual(
          expect.arrayContaining([
            '/opt/rucio/etc/rse-accounts.cfg',
            '/opt/rucio/etc/gcs.json',
          ]),
        );
      }
    });
  },
);
