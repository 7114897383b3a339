import { createMockDirectory } from '@backstage/backend-test-utils';
import { validateEnvironmentRepo } from './validateEnvironmentRepo';

const SYSTEM = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: rucio-prod
  annotations:
    rucio.cern.ch/environment: prod
spec:
  owner: group:default/data-management
`;

describe('validateEnvironmentRepo', () => {
  const dir = createMockDirectory();

  it('accepts a repository whose System names its environment', async () => {
    dir.setContent({
      'catalog-info.yaml': SYSTEM,
      'base/kustomization.yaml': 'resources: []\n',
    });
    const report = await validateEnvironmentRepo(dir.path);
    expect(report).toEqual({
      valid: true,
      files: ['base/kustomization.yaml', 'catalog-info.yaml'],
      findings: [],
    });
  });

  it('names the file of a YAML syntax error', async () => {
    dir.setContent({
      'catalog-info.yaml': SYSTEM,
      'overlays/dev/values.yaml': 'replicas: [1, 2\n',
    });
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.valid).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'overlays/dev/values.yaml',
        message: expect.stringMatching(/^YAML does not parse/),
      }),
    ]);
  });

  it('requires catalog-info.yaml with an annotated System', async () => {
    dir.setContent({ 'base/kustomization.yaml': 'resources: []\n' });
    expect((await validateEnvironmentRepo(dir.path)).findings).toEqual([
      expect.objectContaining({
        file: 'catalog-info.yaml',
        message: expect.stringContaining('missing'),
      }),
    ]);

    dir.setContent({
      'catalog-info.yaml': SYSTEM.replace(/ {2}annotations:\n.*\n/, ''),
    });
    expect((await validateEnvironmentRepo(dir.path)).findings).toEqual([
      expect.objectContaining({
        message:
          'System "rucio-prod" lacks the rucio.cern.ch/environment annotation',
      }),
    ]);
  });
});
