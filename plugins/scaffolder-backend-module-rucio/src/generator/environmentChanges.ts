import { ConflictError, InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { CHART_VERSION } from './chartValues';
import { parseEnvironmentSpec, type EnvironmentSpec } from './EnvironmentSpec';
import {
  host,
  serverOf,
  stageOf,
  vaultAuthMountOf,
  type Overlay,
} from './names';
import { requiredSecrets, vaultKey, vaultProperties } from './secrets';

const version = z
  .string()
  .regex(/^\d+\.\d+\.\d+$/, 'must be a release such as 40.1.0');

const daemonChange = z.union([
  z.object({
    replicas: z.number().int().min(0).max(20),
    threads: z.number().int().min(1).max(64),
  }),
  z.object({ remove: z.literal(true) }),
]);

/**
 * The template's form gives daemons as a list of {name, replicas, threads,
 * remove}; the change keys them by name.
 */
function daemonListByName(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return Object.fromEntries(
    (
      value as Array<{
        name?: string;
        replicas?: number;
        threads?: number;
        remove?: boolean;
      }>
    ).map(d => [
      d.name,
      d.remove
        ? { remove: true }
        : { replicas: d.replicas ?? 1, threads: d.threads ?? 1 },
    ]),
  );
}

/** The changes `rucio:environment:upgrade` offers, one per template page. */
export const environmentChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('external-secrets'),
    vaultPath: z.string().min(1),
    vaultServer: z.string().url().optional(),
    vaultStore: z.string().min(1).optional(),
    vaultMount: z.string().min(1).optional(),
    vaultRole: z.string().min(1).optional(),
  }),
  z.object({
    type: z.literal('overlay'),
    overlay: z.enum(['dev', 'staging', 'prod']),
    // Another cluster: the overlay becomes <overlay>-<region.name>.
    region: z
      .object({
        name: z.string(),
        baseDomain: z.string(),
        server: z.string(),
        vaultAuthMount: z.string().optional(),
      })
      .optional(),
  }),
  z.object({ type: z.literal('monitoring'), enabled: z.boolean() }),
  z.object({
    type: z.literal('daemons'),
    daemons: z.preprocess(daemonListByName, z.record(daemonChange)),
  }),
  z.object({
    type: z.literal('version'),
    rucioVersion: version.optional(),
    chartVersion: version.optional(),
  }),
]);

export type EnvironmentChange = z.infer<typeof environmentChangeSchema>;

/** The new spec, a title for the pull request and what to say in its body. */
export interface AppliedChange {
  spec: EnvironmentSpec;
  title: string;
  notes: string[];
}

function migrationNotes(spec: EnvironmentSpec): string[] {
  const mount = spec.secrets.vaultMount;
  return [
    `Before merging, write these Vault KV v2 secrets (mount \`${mount}\`); each ExternalSecret creates the Secret of the same name the Kubernetes-Secrets setup used:`,
    ...requiredSecrets(spec).map(
      secret =>
        `- \`${mount}/${vaultKey(spec, secret)}\`: ${vaultProperties(secret)
          .map(p => `\`${p}\``)
          .join(', ')} → Secret \`${secret.name}\``,
    ),
    `The External Secrets Operator must run in the cluster${
      spec.secrets.vaultServer
        ? `, and Vault's Kubernetes auth (mount \`${
            spec.secrets.vaultAuthMount ?? 'kubernetes'
          }\`) must have the role \`${
            spec.secrets.vaultRole ?? `rucio-${spec.name}`
          }\` for the namespaces of the overlays${
            spec.regions?.length
              ? `; each region's overlays log in through the region's own mount (${spec.regions
                  .map(r => `\`${r.vaultAuthMount ?? `kubernetes-${r.name}`}\``)
                  .join(', ')}), which needs the same role`
              : ''
          }`
        : ` with the ClusterSecretStore \`${spec.secrets.vaultStore}\``
    }. The Secrets created by hand stay until you delete them; ExternalSecrets with creationPolicy Owner take over Secrets only when they own them, so delete the old ones once the ExternalSecrets report SecretSynced.`,
  ];
}

/**
 * What to create in Vault for a new region: a Kubernetes auth mount checks
 * service-account tokens against one cluster's API server, so the region's
 * SecretStore cannot log in through the home cluster's mount.
 */
function regionVaultNotes(spec: EnvironmentSpec, overlay: Overlay): string[] {
  if (spec.secrets.backend !== 'external-secrets') return [];
  const server = serverOf(spec, overlay);
  if (!spec.secrets.vaultServer) {
    return [
      `Vault: the ClusterSecretStore \`${spec.secrets.vaultStore}\` must exist in the cluster ${server} too, logging in through a Vault Kubernetes auth mount of that cluster's own: a mount verifies service-account tokens against one cluster's API server.`,
    ];
  }
  const mount = vaultAuthMountOf(spec, overlay);
  const role = spec.secrets.vaultRole ?? `rucio-${spec.name}`;
  return [
    `Vault: the SecretStore of ${overlay} logs in through the Kubernetes auth mount \`${mount}\`, which must verify tokens against ${server} (the home cluster's mount cannot: a mount checks tokens against one cluster's API server). Before the first sync:`,
    `- \`vault auth enable -path=${mount} kubernetes\``,
    `- \`vault write auth/${mount}/config kubernetes_host=${server} kubernetes_ca_cert=@<CA of that cluster>\``,
    `- \`vault write auth/${mount}/role/${role} bound_service_account_names=<the External Secrets controller's service account> bound_service_account_namespaces=<its namespace> policies=<a policy reading ${spec.secrets.vaultMount}/data/${spec.secrets.vaultPath}/*>\` (the SecretStore names no service account, so ESO logs in with its controller's own token)`,
  ];
}

/**
 * Applies one change to a spec. The result is validated like new input, so a
 * change cannot produce an environment `rucio:environment:create` would
 * refuse; a change that would change nothing is refused.
 */
export function applyChange(
  spec: EnvironmentSpec,
  change: EnvironmentChange,
): AppliedChange {
  const validated = (next: unknown) => {
    try {
      return parseEnvironmentSpec(next);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
  };
  switch (change.type) {
    case 'external-secrets': {
      if (spec.secrets.backend === 'external-secrets') {
        throw new ConflictError(
          `Environment ${spec.name} already reads its Secrets through External Secrets`,
        );
      }
      const { type: _type, ...vault } = change;
      const next = validated({
        ...spec,
        secrets: { ...spec.secrets, ...vault, backend: 'external-secrets' },
      });
      return {
        spec: next,
        title: `Rucio ${spec.name}: Secrets from Vault through External Secrets`,
        notes: migrationNotes(next),
      };
    }
    case 'overlay': {
      const { region } = change;
      const overlay = region
        ? `${change.overlay}-${region.name}`
        : change.overlay;
      if (spec.overlays.includes(overlay)) {
        throw new ConflictError(
          `Environment ${spec.name} already has the overlay ${overlay}`,
        );
      }
      const known = spec.regions?.find(r => r.name === region?.name);
      if (region && known && JSON.stringify(known) !== JSON.stringify(region)) {
        throw new ConflictError(
          `Environment ${spec.name} already has a region ${region.name} with another base domain or server`,
        );
      }
      const order = ['dev', 'staging', 'prod'];
      const overlays = [...spec.overlays, overlay].sort(
        (a, b) =>
          order.indexOf(stageOf(a)) - order.indexOf(stageOf(b)) ||
          a.localeCompare(b),
      );
      const regions =
        region && !known ? [...(spec.regions ?? []), region] : spec.regions;
      const next = validated({ ...spec, overlays, regions });
      return {
        spec: next,
        title: region
          ? `Rucio ${spec.name}: ${change.overlay} in region ${region.name}`
          : `Rucio ${spec.name}: add the ${overlay} overlay`,
        notes: [
          `Before the first sync, create the Secrets of \`secrets/\` (or their Vault entries) in the namespace of ${overlay}, and point DNS for its hosts (${host(
            next,
            overlay,
            'rucio',
          )}, ${host(next, overlay, 'rucio-auth')}, ${host(
            next,
            overlay,
            'rucio-ui',
          )}) at the ingress${
            region
              ? ` of the cluster ${region.server}, which Argo CD must know (argocd cluster add); cert-manager and the ingress controller run there too`
              : ''
          }.`,
          ...(region ? regionVaultNotes(next, overlay) : []),
        ],
      };
    }
    case 'monitoring': {
      if (spec.monitoring === change.enabled) {
        throw new ConflictError(
          `Monitoring of environment ${spec.name} is already ${
            change.enabled ? 'on' : 'off'
          }`,
        );
      }
      return {
        spec: validated({ ...spec, monitoring: change.enabled }),
        title: `Rucio ${spec.name}: monitoring ${
          change.enabled ? 'on' : 'off'
        }`,
        notes: change.enabled
          ? [
              'The ServiceMonitors and PrometheusRules need the Prometheus Operator CRDs in the cluster; the Grafana dashboard ConfigMap is picked up by a Grafana sidecar watching the label grafana_dashboard.',
            ]
          : [],
      };
    }
    case 'daemons': {
      const daemons: Record<string, unknown> = { ...spec.daemons };
      for (const [name, value] of Object.entries(change.daemons)) {
        if ('remove' in value) delete daemons[name];
        else daemons[name] = value;
      }
      const next = validated({ ...spec, daemons });
      if (JSON.stringify(next.daemons) === JSON.stringify(spec.daemons)) {
        throw new ConflictError(
          `The daemons of environment ${spec.name} already are as requested`,
        );
      }
      return {
        spec: next,
        title: `Rucio ${spec.name}: daemons ${Object.keys(change.daemons).join(
          ', ',
        )}`,
        notes: [],
      };
    }
    default: {
      // The remaining change: versions.
      const next = validated({
        ...spec,
        rucioVersion: change.rucioVersion ?? spec.rucioVersion,
        chartVersion: change.chartVersion ?? spec.chartVersion,
      });
      if (
        next.rucioVersion === spec.rucioVersion &&
        next.chartVersion === spec.chartVersion
      ) {
        throw new ConflictError(
          `Environment ${spec.name} already runs Rucio ${spec.rucioVersion} with charts ${spec.chartVersion}`,
        );
      }
      const notes: string[] = [];
      if (next.chartVersion !== spec.chartVersion) {
        // Only one chart version is carried, so two are never both known.
        notes.push(
          `Chart values between ${spec.chartVersion} and ${next.chartVersion} were not compared: this module carries the charts ${CHART_VERSION} only. Read the charts' changes before merging.`,
        );
      }
      if (next.rucioVersion !== spec.rucioVersion) {
        notes.push(
          `Rucio ${spec.rucioVersion} → ${next.rucioVersion}: read the release notes for a database schema upgrade (Rucio's schema is versioned with alembic) before the new images start.`,
        );
      }
      return {
        spec: next,
        title: `Rucio ${spec.name}: Rucio ${next.rucioVersion}, charts ${next.chartVersion}`,
        notes,
      };
    }
  }
}
