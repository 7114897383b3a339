import { createHash } from 'node:crypto';
import type { DemoState } from './DemoState.ts';
import { meta, NS } from './kubernetesMeta.ts';

/**
 * The demo's External Secrets Operator objects, Secrets (their keys; the
 * values are placeholders), events and one PersistentVolumeClaim. Reasons,
 * messages, labels and event texts are those ESO v2.9.0 writes (named in
 * fixtures/kubernetes/README.md).
 */

const VAULT_PATH = 'kv/rucio/demo';
/** The ExternalSecret whose Vault key is not there: its Secret is left from an earlier sync. */
export const FAILING_EXTERNAL_SECRET = 'rucio-rse-accounts';
/** The claim that keeps the demo from being recreatable. */
export const DEMO_VOLUME_CLAIM = 'rucio-webui-cache';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

const SECRETS: Array<{ name: string; keys: string[] }> = [
  { name: 'rucio-db', keys: ['dbfullstring'] },
  { name: 'rucio-rse-admin', keys: ['username', 'password'] },
  { name: FAILING_EXTERNAL_SECRET, keys: ['rse-accounts.cfg'] },
];

/** ESO's `reconcile.external-secrets.io/created-by`: SHA3-224 of "namespace/name" (esutils.ObjectHash). */
const createdBy = (name: string) =>
  createHash('sha3-224').update(`${NS}/${name}`).digest('hex');

export function secretStores(state: DemoState) {
  return [
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'SecretStore',
      metadata: meta('rucio-vault', 'external-secrets', state.startedAt),
      spec: {
        provider: {
          vault: {
            server: 'https://vault.demo.example.org',
            path: 'secret',
            version: 'v2',
            auth: {
              kubernetes: { mountPath: 'kubernetes', role: 'rucio-demo' },
            },
          },
        },
      },
      status: {
        capabilities: 'ReadWrite',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Valid',
            message: 'store validated',
            lastTransitionTime: iso(state.startedAt - 86_400_000),
          },
        ],
      },
    },
  ];
}

export function externalSecrets(state: DemoState) {
  return SECRETS.map(({ name, keys }) => {
    const failing = name === FAILING_EXTERNAL_SECRET;
    return {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: {
        ...meta(name, 'external-secrets', state.startedAt),
        generation: failing ? 2 : 1,
      },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: 'SecretStore', name: 'rucio-vault' },
        target: { name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data: keys.map(key => ({
          secretKey: key,
          remoteRef: { key: `${VAULT_PATH}/${name}`, property: key },
        })),
      },
      status: {
        binding: { name },
        // A failed sync keeps the last good refresh time and version.
        refreshTime: iso(
          failing ? state.startedAt - 2 * 86_400_000 : state.startedAt,
        ),
        syncedResourceVersion: '1-0f3c2d8e9b7a6c5d4e3f2a1b0c9d8e7f',
        conditions: [
          failing
            ? {
                type: 'Ready',
                status: 'False',
                reason: 'SecretSyncedError',
                message: 'could not get secret data from provider',
                lastTransitionTime: iso(state.startedAt - 3_600_000),
              }
            : {
                type: 'Ready',
                status: 'True',
                reason: 'SecretSynced',
                message: 'secret synced',
                lastTransitionTime: iso(state.startedAt - 86_400_000),
              },
        ],
      },
    };
  });
}

/** What `markAsFailed` records beside the condition: the provider's error. */
export function events(state: DemoState) {
  return [
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${FAILING_EXTERNAL_SECRET}.17f3a2b4c5d6e7f8`,
        namespace: NS,
        creationTimestamp: iso(state.startedAt - 3_600_000),
      },
      involvedObject: {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        name: FAILING_EXTERNAL_SECRET,
        namespace: NS,
        uid: `uid-${FAILING_EXTERNAL_SECRET}`,
      },
      reason: 'UpdateFailed',
      message: `error processing spec.data[0] (key: ${VAULT_PATH}/${FAILING_EXTERNAL_SECRET}), err: Secret does not exist`,
      source: { component: 'external-secrets' },
      firstTimestamp: iso(state.startedAt - 3_600_000),
      lastTimestamp: iso(state.startedAt - 60_000),
      count: 60,
      type: 'Warning',
    },
  ];
}

const placeholder = Buffer.from('demo').toString('base64');

export function secrets(state: DemoState) {
  const fromEso = SECRETS.map(({ name, keys }) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(name, 'external-secrets', state.startedAt, {
      labels: {
        'reconcile.external-secrets.io/managed': 'true',
        'reconcile.external-secrets.io/created-by': createdBy(name),
      },
      annotations: { 'reconcile.external-secrets.io/data-hash': 'demo' },
      ownerReferences: [
        {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ExternalSecret',
          name,
          uid: `uid-${name}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    }),
    type: 'Opaque',
    data: Object.fromEntries(keys.map(k => [k, placeholder])),
  }));
  const fromCertManager = [
    'rucio-server-tls',
    'rucio-auth-tls',
    'rucio-webui-tls',
  ].map(name => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(name, 'certificates', state.startedAt, {
      annotations: {
        'cert-manager.io/certificate-name': name,
        'cert-manager.io/issuer-kind': 'ClusterIssuer',
        'cert-manager.io/issuer-name': 'letsencrypt',
      },
    }),
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': placeholder, 'tls.key': placeholder },
  }));
  return [...fromEso, ...fromCertManager];
}

export function volumeClaims(state: DemoState) {
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta(DEMO_VOLUME_CLAIM, 'rucio-webui', state.startedAt),
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'standard',
        resources: { requests: { storage: '1Gi' } },
        volumeName: 'pvc-6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
      },
      status: {
        phase: 'Bound',
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '1Gi' },
      },
    },
  ];
}
