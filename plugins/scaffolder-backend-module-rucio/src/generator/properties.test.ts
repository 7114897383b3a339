import { createMockDirectory } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { parseEnvironmentSpec } from './EnvironmentSpec';
import { generateEnvironment } from './generateEnvironment';
import { serialize, writeFiles } from './writeFiles';
import { environment } from '../__testUtils__/environmentArbitrary';

describe('generator properties over random valid environments', () => {
  const dir = createMockDirectory();

  it('writes files that parse, round-trip, validate and are deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(environment, async input => {
        const spec = parseEnvironmentSpec(input);
        const files = generateEnvironment(spec);
        const again = generateEnvironment(parseEnvironmentSpec(input));
        expect(again.map(serialize)).toEqual(files.map(serialize));

        for (const file of files) {
          if (typeof file.content === 'string') continue;
          const text = serialize(file);
          const parsed = file.path.endsWith('.json')
            ? [JSON.parse(text)]
            : parseAllDocuments(text).map(d => d.toJS());
          const docs = Array.isArray(file.content)
            ? file.content
            : [file.content];
          // Free text with YAML-special characters comes back unchanged.
          expect(parsed).toEqual(JSON.parse(JSON.stringify(docs)));
        }

        dir.clear();
        await writeFiles(dir.path, files);
        const report = await validateEnvironmentRepo(dir.path);
        // Covers: chart keys, schemas, Kustomize references, secret names,
        // no PersistentVolumeClaim and no Secret with values.
        expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // A bound on a hang, not a speed target: 25 repositories are written and validated.
  }, 120_000);

  it('rejects invalid input with the field and the rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          [{ name: 'Not_A_Label' }, /name: must be a DNS-1123 label/],
          [
            { overlays: ['qa'] },
            /overlays\.0: must be dev, staging or prod, or one of them followed by -<region>/,
          ],
          [
            { overlays: ['prod-eu2'] },
            /overlays\.0: names the region eu2, which regions does not declare/,
          ],
          [
            { rucioVersion: 'latest' },
            /rucioVersion: must be an explicit release/,
          ],
          [
            { database: { host: 'db;drop' } },
            /database\.host: must be a host name/,
          ],
          [
            { daemons: { reaperz: { replicas: 1, threads: 1 } } },
            /daemons\.reaperz: is not a daemon of the rucio-daemons chart/,
          ],
          [
            { secrets: { backend: 'external-secrets' } },
            /secrets\.vaultPath: is required.*secrets\.vaultServer: is required/,
          ],
        ),
        ([override, message]) => {
          expect(() =>
            parseEnvironmentSpec({
              name: 'dev',
              baseDomain: 'example.org',
              repoUrl: 'https://git.example.org/dev',
              tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
              database: { host: 'db.example.org' },
              owner: 'group:default/ops',
              ...(override as object),
            }),
          ).toThrow(message as RegExp);
        },
      ),
    );
  });
});
