import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore';
import { HelmRelease } from '@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease';
import { Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Event } from 'kubernetes-models/v1/Event';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Secret } from 'kubernetes-models/v1/Secret';
import {
  ANY_PORTS,
  DEMO_REPOSITORY_PATH,
  startDemo,
  type RunningDemo,
} from './index.ts';
import { FAILING_EXTERNAL_SECRET } from './kubernetesSecrets.ts';

/**
 * The demo's Kubernetes stand-in serves objects that the real API server
 * would accept: each validates against the schema of its kind (the upstream
 * CRDs and Kubernetes' OpenAPI, through @kubernetes-models), and what ESO
 * writes follows ESO's own code (fixtures/kubernetes/README.md).
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN = path.resolve(
  HERE,
  '../../../plugins/scaffolder-backend-module-rucio/src/generator/__fixtures__/golden',
);

const MODELS: Record<string, { new (data: any): { validate(): void } }> = {
  'apps/v1/deployments': Deployment,
  'v1/pods': Pod,
  'v1/secrets': Secret,
  'v1/events': Event,
  'v1/persistentvolumeclaims': PersistentVolumeClaim,
  'cert-manager.io/v1/certificates': Certificate,
  'argoproj.io/v1alpha1/applications': Application,
  'argoproj.io/v1alpha1/appprojects': AppProject,
  'kustomize.toolkit.fluxcd.io/v1/kustomizations': Kustomization,
  'helm.toolkit.fluxcd.io/v2/helmreleases': HelmRelease,
  'external-secrets.io/v1/externalsecrets': ExternalSecret,
  'external-secrets.io/v1/secretstores': SecretStore,
};

describe('the demo Kubernetes stand-in', () => {
  let demo: RunningDemo;
  /** Across namespaces: GitOps objects live in their controller's. */
  const list = async (collection: string, query = '') => {
    const [group, version, resource] =
      collection.split('/').length === 3
        ? collection.split('/')
        : ['', ...collection.split('/')];
    const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const response = await fetch(
      `http://127.0.0.1:${demo.ports.kubernetes}${prefix}/${resource}${query}`,
      { headers: { Authorization: 'Bearer demo-service-account-token' } },
    );
    expect(response.status).toBe(200);
    return (await response.json()).items as any[];
  };

  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
  }, 60_000);
  afterAll(() => demo.stop());

  it.each(Object.keys(MODELS))(
    'serves %s that validate against their schema',
    async collection => {
      const items = await list(collection);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(() => new MODELS[collection](item).validate()).not.toThrow();
      }
    },
  );

  it('writes External Secrets status as ESO does', async () => {
    // apis/externalsecrets/v1/externalsecret_types.go: the Ready reasons;
    // externalsecret_controller.go: msgSynced, msgErrorGetSecretData.
    const reasons = new Map([
      ['SecretSynced', 'secret synced'],
      ['SecretSyncedError', 'could not get secret data from provider'],
    ]);
    for (const es of await list('external-secrets.io/v1/externalsecrets')) {
      const [ready] = es.status.conditions;
      expect(ready.type).toBe('Ready');
      expect(reasons.get(ready.reason)).toBe(ready.message);
      expect(ready.status).toBe(
        ready.reason === 'SecretSynced' ? 'True' : 'False',
      );
    }
    // secretstore/common.go: ReasonStoreValid with msgStoreValidated.
    const [store] = await list('external-secrets.io/v1/secretstores');
    expect(store.status.conditions[0]).toMatchObject({
      type: 'Ready',
      status: 'True',
      reason: 'Valid',
      message: 'store validated',
    });
    // externalsecret_controller_secret.go wraps the provider's error with
    // the key; provider.go NoSecretError says "Secret does not exist".
    const warnings = await list(
      'v1/events',
      '?fieldSelector=involvedObject.kind=ExternalSecret,type=Warning',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      reason: 'UpdateFailed',
      source: { component: 'external-secrets' },
      involvedObject: { name: FAILING_EXTERNAL_SECRET },
    });
    expect(warnings[0].message).toMatch(
      /^error processing spec\.data\[\d+\] \(key: [^)]+\), err: Secret does not exist$/,
    );
  });

  it('writes cert-manager, Argo CD and Flux status as their controllers do', async () => {
    // cert-manager readiness_controller.go: ReadyReason and its message.
    for (const cert of await list('cert-manager.io/v1/certificates')) {
      expect(cert.status.conditions).toContainEqual({
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
      });
    }
    // gitops-engine sync_context.go: a succeeded or failed sync's message;
    // appcontroller.go: the SyncError condition quotes the failed attempt.
    const apps = await list('argoproj.io/v1alpha1/applications');
    const synced = apps.filter(
      a => a.status.operationState.phase === 'Succeeded',
    );
    expect(synced.map(a => a.status.operationState.message)).toEqual(
      synced.map(() => 'successfully synced (all tasks run)'),
    );
    const failed = apps.filter(a => !synced.includes(a));
    expect(failed).toHaveLength(1);
    const op = failed[0].status.operationState;
    expect(op.phase).toBe('Failed');
    expect(op.message).toMatch(
      /^one or more objects failed to apply, reason: /,
    );
    expect(failed[0].status.conditions).toEqual([
      {
        type: 'SyncError',
        message: `Failed last sync attempt to [${op.operation.sync.revision}]: ${op.message}`,
      },
    ]);
    // kustomize-controller: ReconciliationSucceeded, "Applied revision: %s".
    for (const k of await list(
      'kustomize.toolkit.fluxcd.io/v1/kustomizations',
    )) {
      const [ready] = k.status.conditions;
      expect(ready.reason).toBe('ReconciliationSucceeded');
      expect(ready.message).toBe(
        `Applied revision: ${k.status.lastAppliedRevision}`,
      );
    }
    // helm-controller v2: Ready copies Released (release.go summarize), with
    // install.go/upgrade.go's messages; no lastAppliedRevision in v2.
    for (const hr of await list('helm.toolkit.fluxcd.io/v2/helmreleases')) {
      const [ready, released] = hr.status.conditions;
      expect(ready.type).toBe('Ready');
      expect({ ...ready, type: 'Released' }).toEqual(released);
      expect(hr.status.lastAppliedRevision).toBeUndefined();
      const latest = hr.status.history[0];
      const message =
        ready.status === 'True'
          ? `Helm upgrade succeeded for release ${latest.namespace}/${latest.name}.v${latest.version} with chart ${latest.chartName}@${latest.chartVersion}`
          : `Helm upgrade failed for release ${latest.namespace}/${latest.name} with chart ${latest.chartName}@${latest.chartVersion}: `;
      expect(ready.message.startsWith(message)).toBe(true);
      expect(ready.reason).toBe(
        ready.status === 'True' ? 'UpgradeSucceeded' : 'UpgradeFailed',
      );
    }
  });

  it('labels the Secrets ESO writes as ESO does', async () => {
    const owned = (await list('v1/secrets')).filter(s =>
      s.metadata.ownerReferences?.some(
        (o: any) => o.kind === 'ExternalSecret' && o.controller,
      ),
    );
    expect(owned.length).toBeGreaterThan(0);
    for (const secret of owned) {
      // LabelManaged and LabelOwner = esutils.ObjectHash("namespace/name"), SHA3-224.
      expect(secret.metadata.labels).toMatchObject({
        'reconcile.external-secrets.io/managed': 'true',
        'reconcile.external-secrets.io/created-by': createHash('sha3-224')
          .update(`rucio/${secret.metadata.ownerReferences[0].name}`)
          .digest('hex'),
      });
    }
  });

  it('serves the environment file with the generator’s keys', async () => {
    const served = parse(
      await (
        await fetch(
          `http://127.0.0.1:${demo.ports.repository}${DEMO_REPOSITORY_PATH}rucio-environment.yaml`,
        )
      ).text(),
    );
    const generated = parse(
      readFileSync(
        path.join(GOLDEN, 'flux-vault/rucio-environment.yaml'),
        'utf8',
      ),
    );
    expect(served.apiVersion).toBe(generated.apiVersion);
    expect(served.kind).toBe(generated.kind);
    expect(Object.keys(generated.spec)).toEqual(
      expect.arrayContaining(Object.keys(served.spec)),
    );
    expect(Object.keys(generated.spec.secrets)).toEqual(
      expect.arrayContaining(Object.keys(served.spec.secrets)),
    );
    expect(served.spec.rucioVersion).toBe(demo.state.options.rucioVersion);
  });
});
