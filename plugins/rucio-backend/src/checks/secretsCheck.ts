import type {
  ExternalSecretStatus,
  SecretSource,
  SecretStatus,
} from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import { UpstreamError } from '../clients/UpstreamError';
import type { Check } from './Check';
import {
  listIfServed,
  NO_NAMESPACE,
  podReferences,
  readyCondition,
  type Deployment,
  type ExternalSecret,
  type KubernetesEvent,
  type Secret,
  type SecretStore,
} from './kubernetesObjects';

const ESO = '/apis/external-secrets.io/v1';

/**
 * Where a Secret comes from. ESO labels and owns what it writes
 * (externalsecret_types.go LabelManaged, applyOwnership); cert-manager
 * annotates its certificate Secrets; the generator's Secret templates carry
 * `rucio.cern.ch/environment`.
 */
function sourceOf(secret: Secret): SecretSource {
  const {
    labels = {},
    annotations = {},
    ownerReferences = [],
  } = secret.metadata;
  if (
    labels['reconcile.external-secrets.io/managed'] === 'true' ||
    ownerReferences.some(o => o.kind === 'ExternalSecret')
  ) {
    return 'external-secret';
  }
  if (annotations['cert-manager.io/certificate-name']) return 'cert-manager';
  if (labels['rucio.cern.ch/environment']) return 'template';
  if (secret.type === 'helm.sh/release.v1') return 'helm';
  return 'other';
}

const FROM: Record<SecretSource, string> = {
  'external-secret': 'an ExternalSecret',
  'cert-manager': 'a cert-manager Certificate',
  template: "the repository's Secret template",
  helm: 'Helm (a release record)',
  other: 'no template, ExternalSecret or Certificate',
};

const daysAgo = (iso: string, now: number) =>
  `${Math.floor((now - Date.parse(iso)) / 86_400_000)} days ago`;

/**
 * The environment's Secrets as metadata (name, keys, age; never a value),
 * where each comes from, the Deployments that need it, and every
 * ExternalSecret with its store and ESO's last error.
 */
export const secretsCheck: Check<'secrets'> = {
  id: 'secrets',
  async run({ env, clients, signal }) {
    const k8s = clients.kubernetes;
    if (!k8s || !env.kubernetes) return NO_NAMESPACE;
    const ns = env.kubernetes.namespace;
    const now = Date.now();
    let read;
    try {
      read = await Promise.all([
        k8s.list<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments`, {
          signal,
          labelSelector: env.kubernetes.labelSelector,
        }),
        k8s.list<Secret>(`/api/v1/namespaces/${ns}/secrets`, { signal }),
        listIfServed<ExternalSecret>(
          k8s,
          `${ESO}/namespaces/${ns}/externalsecrets`,
          { signal },
        ),
        listIfServed<SecretStore>(k8s, `${ESO}/namespaces/${ns}/secretstores`, {
          signal,
        }),
        k8s.list<KubernetesEvent>(`/api/v1/namespaces/${ns}/events`, {
          signal,
          fieldSelector: 'involvedObject.kind=ExternalSecret,type=Warning',
        }),
      ]);
    } catch (error) {
      // Listing Secrets is the grant most often withheld; say which one.
      if (error instanceof UpstreamError && error.status === 403) {
        return {
          status: 'unknown',
          message: `${error.upstream} refused a read this check needs (${error.message}); grant its service account get/list on secrets, events, deployments and the external-secrets.io kinds in namespace ${ns} (a Role).`,
        };
      }
      throw error;
    }
    const [deployments, listed, externals, stores, warnings] = read;
    // Only names, keys and age are kept; the values go no further.
    const present = new Map(
      listed
        .filter(s => s.type !== 'kubernetes.io/service-account-token')
        .map(s => [
          s.metadata.name,
          {
            keys: Object.keys(s.data ?? {}).sort(),
            createdAt: s.metadata.creationTimestamp,
            source: sourceOf(s),
          },
        ]),
    );

    const usedBy = new Map<string, string[]>();
    for (const d of deployments) {
      for (const name of podReferences(d).secrets) {
        usedBy.set(name, [...(usedBy.get(name) ?? []), d.metadata.name]);
      }
    }

    const lastError = new Map<string, KubernetesEvent>();
    for (const e of warnings) {
      const name = e.involvedObject.name ?? '';
      const at = (x: KubernetesEvent) =>
        x.lastTimestamp ?? x.eventTime ?? x.metadata.creationTimestamp ?? '';
      const before = lastError.get(name);
      if (!before || at(e) > at(before)) lastError.set(name, e);
    }
    // Cluster-wide stores are not listed (that needs a ClusterRole): each
    // one the ExternalSecrets use is read once.
    const clusterStores = new Map<string, Promise<SecretStore | undefined>>();
    const clusterStore = (name: string) => {
      if (!clusterStores.has(name)) {
        clusterStores.set(
          name,
          k8s
            .request(`${ESO}/clustersecretstores/${name}`, { signal })
            .then(s => s as SecretStore)
            .catch(() => undefined),
        );
      }
      return clusterStores.get(name)!;
    };
    const storeReady = async (kind: string, name: string) => {
      const store =
        kind === 'ClusterSecretStore'
          ? await clusterStore(name)
          : stores?.find(s => s.metadata.name === name);
      return store ? readyCondition(store) : undefined;
    };

    const externalSecrets: ExternalSecretStatus[] = [];
    for (const es of externals ?? []) {
      const name = es.metadata.name;
      const kind = es.spec?.secretStoreRef?.kind ?? 'SecretStore';
      const storeName = es.spec?.secretStoreRef?.name ?? '';
      const store = await storeReady(kind, storeName);
      const ready = readyCondition(es);
      const error = lastError.get(name)?.message;
      const refreshedAt = es.status?.refreshTime ?? undefined;
      let status: ExternalSecretStatus['status'] = 'ok';
      if (ready?.status === 'False' || store?.status === 'False') {
        status = 'error';
      } else if (ready?.status !== 'True') status = 'warning';
      externalSecrets.push({
        name,
        target: es.spec?.target?.name ?? name,
        store: `${kind}/${storeName}`,
        storeReady: store ? store.status === 'True' : undefined,
        storeMessage: store?.message,
        ready: ready ? ready.status === 'True' : undefined,
        reason: ready?.reason,
        message: ready?.message,
        lastError: status === 'ok' ? undefined : error,
        refreshInterval: es.spec?.refreshInterval,
        refreshedAt,
        status,
      });
    }
    const failing = (target: string) =>
      externalSecrets.find(e => e.target === target && e.status !== 'ok');

    const names = [...new Set([...present.keys(), ...usedBy.keys()])].sort();
    const secrets: SecretStatus[] = names.map(name => {
      const secret = present.get(name);
      const users = usedBy.get(name) ?? [];
      // A Secret every daemon mounts would list a dozen Deployments.
      const named =
        users.length > 3
          ? `${users.slice(0, 3).join(', ')} and ${users.length - 3} more`
          : users.join(', ');
      const needed = users.length ? `, needed by ${named},` : '';
      const es = failing(name);
      const syncError = es
        ? `its ExternalSecret does not sync: ${
            es.reason ?? 'not reconciled'
          } — ${es.message ?? 'no condition yet'}${
            es.lastError ? ` (${es.lastError})` : ''
          }${
            es.storeReady === false
              ? `; ${es.store} is not ready: ${es.storeMessage}`
              : ''
          }${
            es.refreshedAt
              ? `; last synced ${daysAgo(es.refreshedAt, now)}`
              : ''
          }`
        : undefined;
      if (!secret) {
        return {
          name,
          source: es ? 'external-secret' : 'other',
          keys: [],
          usedBy: users,
          missing: true,
          status: 'error',
          message: `Secret ${name}${needed} is missing from namespace ${ns}${
            syncError ? `; ${syncError}` : ''
          }.`,
        };
      }
      let status: SecretStatus['status'] = 'ok';
      let message = `Secret ${name} comes from ${FROM[secret.source]}.`;
      if (syncError) {
        status = users.length ? 'error' : 'warning';
        message = `Secret ${name}${needed} ${syncError}.`;
      } else if (secret.source === 'other') {
        status = 'warning';
        message = `Secret ${name}${needed} was made by hand: no ExternalSecret or cert-manager Certificate makes it and it lacks the label rucio.cern.ch/environment of the repository's Secret templates, so a new cluster would lack it.`;
      }
      return { name, ...secret, usedBy: users, status, message };
    });

    const all = [...secrets, ...externalSecrets];
    const status = all.length ? worstStatus(all.map(s => s.status)) : 'ok';
    const bad = secrets.filter(s => s.status !== 'ok');
    const badExternal = externalSecrets.find(e => e.status !== 'ok');
    let message = `${secrets.length} Secrets and ${externalSecrets.length} ExternalSecrets in ${ns}; every Secret is present and comes from an ExternalSecret, cert-manager or a template.`;
    if (bad.length) {
      message = `${bad.length} of ${secrets.length} Secrets need attention: ${bad[0].message}`;
    } else if (badExternal) {
      message = `ExternalSecret ${badExternal.name} does not sync: ${
        badExternal.message ?? 'no condition yet'
      }${badExternal.lastError ? ` (${badExternal.lastError})` : ''}.`;
    }
    return {
      status,
      message,
      details: { namespace: ns, externalSecrets, secrets },
    };
  },
};
