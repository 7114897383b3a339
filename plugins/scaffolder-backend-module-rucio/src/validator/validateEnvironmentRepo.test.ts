import { createMockDirectory } from '@backstage/backend-test-utils';
import { symlinkSync } from 'node:fs';
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
      rseDefinitions: [],
    });
  });

  it('never follows a symbolic link out of the repository', async () => {
    dir.setContent({
      'repo/catalog-info.yaml': SYSTEM,
      'outside/claim.yaml':
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: x}\n',
    });
    symlinkSync(
      dir.resolve('outside/claim.yaml'),
      dir.resolve('repo/claim.yaml'),
    );
    symlinkSync(dir.resolve('outside'), dir.resolve('repo/linked'));
    const report = await validateEnvironmentRepo(dir.resolve('repo'));
    expect(report.files).toEqual(['catalog-info.yaml']);
    expect(report.valid).toBe(true);
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

  it('validates each manifest against the schema of its kind', async () => {
    dir.setContent({
      'catalog-info.yaml': SYSTEM,
      'base/certificates.yaml': [
        'apiVersion: cert-manager.io/v1',
        'kind: Certificate',
        'metadata: {name: rucio-server-tls}',
        'spec: {secretName: rucio-server-tls, dnsNames: [rucio.example.org], issuerRef: {name: letsencrypt}}',
        '---',
        'apiVersion: cert-manager.io/v1',
        'kind: Certificate',
        'metadata: {name: broken}',
        'spec: {dnsNames: rucio.example.org, issuerRef: {name: letsencrypt}}',
        '',
      ].join('\n'),
      'base/widget.yaml':
        'apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n',
    });
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.valid).toBe(false);
    expect(report.findings).toEqual([
      {
        severity: 'error',
        file: 'base/certificates.yaml',
        message: expect.stringMatching(
          /^Certificate broken \(document 2\) does not match its schema: .*(secretName|dnsNames)/,
        ),
      },
      {
        severity: 'warning',
        file: 'base/widget.yaml',
        message:
          'example.org/v1 Widget has no schema here; it was not validated',
      },
    ]);
  });

  it('resolves every Kustomize reference and Helm value file', async () => {
    dir.setContent({
      'catalog-info.yaml': SYSTEM,
      'base/kustomization.yaml': 'resources: [missing.yaml, empty]\n',
      'base/empty/README.md': 'no kustomization here',
      'overlays/dev/kustomization.yaml': [
        'resources: [../../base]',
        'configMapGenerator:',
        '  - name: values',
        '    files: [values.yaml=../../values/dev/rucio-server.yaml, absent.yaml]',
        '',
      ].join('\n'),
      'values/dev/rucio-server.yaml': 'replicaCount: 1\nimage: {tag: x}\n',
      'gitops/app.yaml': [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata: {name: rucio-server}',
        'spec:',
        '  project: default',
        '  destination: {server: https://kubernetes.default.svc, namespace: rucio}',
        '  sources:',
        '    - {repoURL: https://rucio.github.io/helm-charts, chart: rucio-server, targetRevision: 40.0.0, helm: {valueFiles: [$values/overlays/dev/values/rucio-server.yaml]}}',
        '    - {repoURL: https://git.example.org/env, ref: values}',
        '',
      ].join('\n'),
    });
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.findings.map(f => `${f.file}: ${f.message}`)).toEqual([
      'base/kustomization.yaml: resource missing.yaml does not exist',
      'base/kustomization.yaml: resource empty is a folder without a kustomization.yaml',
      "overlays/dev/kustomization.yaml: ../../values/dev/rucio-server.yaml is outside the kustomization's folder; kustomize refuses to load it",
      'overlays/dev/kustomization.yaml: absent.yaml does not exist',
      'gitops/app.yaml: Helm value file overlays/dev/values/rucio-server.yaml does not exist',
    ]);
  });

  it('finds Secrets that are read but never provided, and RSE priorities that are not numbers or null', async () => {
    dir.setContent({
      'catalog-info.yaml': SYSTEM,
      'base/externalsecrets.yaml': [
        'apiVersion: external-secrets.io/v1',
        'kind: ExternalSecret',
        'metadata: {name: rucio-db}',
        'spec: {secretStoreRef: {name: vault, kind: ClusterSecretStore}, target: {name: rucio-db}, data: [{secretKey: dbfullstring, remoteRef: {key: rucio/db, property: dbfullstring}}]}',
        '',
      ].join('\n'),
      'overlays/dev/values/rucio-daemons.yaml': [
        'image: {tag: release-40.1.0}',
        'additionalEnvs:',
        '  - {name: A, valueFrom: {secretKeyRef: {name: rucio-db, key: dbfullstring}}}',
        '  - {name: B, valueFrom: {secretKeyRef: {name: forgotten, key: x}}}',
        '',
      ].join('\n'),
      'base/rses/SITE_DISK.json': JSON.stringify({
        rse: 'SITE_DISK',
        rse_type: 'DISK',
        protocols: [
          {
            scheme: 'davs',
            hostname: 'dav.example.org',
            port: 443,
            impl: 'rucio.rse.protocols.gfal.Default',
            domains: { wan: { read: 1, third_party_copy_read: 'off' } },
          },
        ],
      }),
    });
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.findings.map(f => `${f.file}: ${f.message}`)).toEqual([
      'overlays/dev/values/rucio-daemons.yaml: Secret forgotten is read here but neither an ExternalSecret, a Certificate nor a template in secrets/ provides it',
      'base/rses/SITE_DISK.json: protocols[0].domains.wan.third_party_copy_read must be a priority number or null (disabled)',
    ]);
  });
});
