import { chartValues, CHART_VERSION, type ChartName } from './chartValues';
import type { EnvironmentSpec } from './EnvironmentSpec';
import {
  grafanaDashboard,
  prometheusRule,
  serviceMonitors,
} from './monitoring';
import {
  rseBootstrap,
  rseDefinition,
  rseEntity,
  rseFile,
  RUCIO_HOSTS_CONFIGMAP,
} from './rses';
import {
  DB_SECRET,
  externalSecrets,
  IDP_SECRETS_KEY,
  PGBOUNCER_USERLIST_SECRET,
  requiredSecrets,
  secretTemplates,
} from './secrets';

/** One generated file: a YAML document (or several), or text. */
export interface GeneratedFile {
  path: string;
  content: object | object[] | string;
}

type Overlay = EnvironmentSpec['overlays'][number];

const CHART_REPO = 'https://rucio.github.io/helm-charts';

/** Helm releases and their charts; the auth server is a second rucio-server. */
const RELEASES = [
  ['rucio-server', 'rucio-server'],
  ['rucio-auth', 'rucio-server'],
  ['rucio-webui', 'rucio-webui'],
  ['rucio-daemons', 'rucio-daemons'],
] as const;
const LABEL = 'rucio.cern.ch/environment';

export function host(spec: EnvironmentSpec, overlay: Overlay, service: string) {
  return overlay === 'prod'
    ? `${service}.${spec.baseDomain}`
    : `${service}-${overlay}.${spec.baseDomain}`;
}

export function namespaceOf(spec: EnvironmentSpec, overlay: Overlay) {
  return `rucio-${spec.name}-${overlay}`;
}

const replicas = (overlay: Overlay) => (overlay === 'prod' ? 2 : 1);

function issuerRef(spec: EnvironmentSpec) {
  return spec.tls.issuer === 'private-ca'
    ? { name: 'rucio-private-ca', kind: 'Issuer', group: 'cert-manager.io' }
    : {
        name: spec.tls.issuer,
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      };
}

function dbEnv() {
  // The connection string (with its password) stays in a Secret; Rucio reads
  // RUCIO_CFG_<SECTION>_<OPTION> from the environment.
  return [
    {
      name: 'RUCIO_CFG_DATABASE_DEFAULT',
      valueFrom: { secretKeyRef: { name: DB_SECRET, key: 'dbfullstring' } },
    },
  ];
}

/** ExternalDNS ≥ 0.22 reads the GA prefix; the chart's useExternalDNS writes the old one. */
function dnsAnnotations(
  spec: EnvironmentSpec,
  hostname: string,
): Record<string, string> {
  return spec.dns === 'none'
    ? {}
    : { 'external-dns.kubernetes.io/hostname': hostname };
}

/**
 * The chart's Ingress with nginx; with Traefik the charts' Ingresses are off
 * and IngressRoutes take over (see traefikRoutes).
 */
function ingress(
  spec: EnvironmentSpec,
  hostname: string,
  tlsSecret: string,
  passthrough = false,
) {
  if (spec.ingress === 'traefik') {
    return { enabled: false };
  }
  const annotations: Record<string, string> = {
    'kubernetes.io/ingress.class': 'nginx',
    ...dnsAnnotations(spec, hostname),
  };
  if (passthrough) {
    // X.509 login needs the client certificate at Apache: no TLS termination.
    annotations['nginx.ingress.kubernetes.io/ssl-passthrough'] = 'true';
    annotations['nginx.ingress.kubernetes.io/ssl-redirect'] = 'true';
  }
  return {
    enabled: true,
    annotations,
    path: '/',
    hosts: [hostname],
    tls: [{ secretName: tlsSecret }],
  };
}

/**
 * Helm's usual full name: the release name when it contains the chart name,
 * otherwise <release>-<chart>.
 */
export function serviceName(release: string, chart: string) {
  return release.includes(chart) ? release : `${release}-${chart}`;
}

function traefikRoutes(spec: EnvironmentSpec, overlay: Overlay): object[] {
  const route = (name: string, hostname: string, service: string) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name, annotations: dnsAnnotations(spec, hostname) },
    spec: {
      entryPoints: ['websecure'],
      routes: [
        {
          match: `Host(\`${hostname}\`)`,
          kind: 'Rule',
          services: [{ name: service, port: 80 }],
        },
      ],
      tls: { secretName: `${name}-tls` },
    },
  });
  const authHost = host(spec, overlay, 'rucio-auth');
  return [
    route(
      'rucio-server',
      host(spec, overlay, 'rucio'),
      serviceName('rucio-server', 'rucio-server'),
    ),
    route(
      'rucio-webui',
      host(spec, overlay, 'rucio-ui'),
      serviceName('rucio-webui', 'rucio-webui'),
    ),
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: {
        name: 'rucio-auth',
        annotations: dnsAnnotations(spec, authHost),
      },
      spec: {
        entryPoints: ['websecure'],
        routes: [
          {
            match: `HostSNI(\`${authHost}\`)`,
            services: [
              { name: serviceName('rucio-auth', 'rucio-server'), port: 443 },
            ],
          },
        ],
        // X.509 login needs the client certificate at Apache.
        tls: { passthrough: true },
      },
    },
  ];
}

/** The image block of every chart, with the explicit release tag. */
function image(spec: EnvironmentSpec, repository: string) {
  return {
    repository,
    tag: `release-${spec.rucioVersion}`,
    pullPolicy: 'IfNotPresent',
  };
}

function monitoringValues(spec: EnvironmentSpec) {
  // Our own ServiceMonitors live in the environment's namespace.
  return { enabled: spec.monitoring, serviceMonitorEnabled: false };
}

const IDP_SECRETS_PATH = '/opt/rucio/etc/idpsecrets.json';

/** What the api and auth instances of rucio-server share. */
function serverCommon(
  spec: EnvironmentSpec,
  overlay: Overlay,
  hostname: string,
) {
  const config: Record<string, unknown> = {
    webui: { urls: `https://${host(spec, overlay, 'rucio-ui')}` },
  };
  if (spec.oidc) {
    config.oidc = {
      idpsecrets: IDP_SECRETS_PATH,
      admin_issuer: 'default',
      expected_audience: 'rucio',
    };
  }
  if (spec.monitoring) {
    config.monitor = { enable_metrics: 'True', metrics_port: 8081 };
  }
  return {
    replicaCount: replicas(overlay),
    useDeprecatedImplicitSecrets: false,
    image: image(spec, 'rucio/rucio-server'),
    hostname,
    monitoring: monitoringValues(spec),
    ...(spec.monitoring ? { httpd_config: { enable_status: 'True' } } : {}),
    additionalEnvs: dbEnv(),
    ...(spec.oidc
      ? {
          secretMounts: [
            {
              volumeName: 'idpsecrets',
              secretFullName: spec.oidc.secretName,
              mountPath: IDP_SECRETS_PATH,
              subPath: IDP_SECRETS_KEY,
            },
          ],
        }
      : {}),
    config,
  };
}

function serverValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio');
  return {
    ...serverCommon(spec, overlay, hostname),
    serverType: 'api',
    service: { useExternalDNS: false },
    ingress: ingress(spec, hostname, 'rucio-server-tls'),
  };
}

function authValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio-auth');
  return {
    ...serverCommon(spec, overlay, hostname),
    serverType: 'auth',
    useSSL: true,
    // cert-manager's certificate becomes Apache's host certificate.
    tlsSecretName: 'rucio-auth-tls',
    service: {
      port: 443,
      targetPort: 443,
      name: 'https',
      useExternalDNS: false,
    },
    ingress: ingress(spec, hostname, 'rucio-auth-tls', true),
  };
}

function webuiValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio-ui');
  return {
    replicaCount: 1,
    image: image(spec, 'rucio/rucio-webui'),
    hostname,
    useSSL: false,
    ingress: ingress(spec, hostname, 'rucio-webui-tls'),
    config: {
      webui: {
        rucio_host: `https://${host(spec, overlay, 'rucio')}`,
        rucio_auth_host: `https://${host(spec, overlay, 'rucio-auth')}`,
        hostname,
        oidc_enabled: spec.oidc ? 'True' : 'False',
      },
    },
  };
}

function daemonsValues(spec: EnvironmentSpec) {
  const chart = chartValues('rucio-daemons');
  const values: Record<string, unknown> = {
    image: image(spec, 'rucio/rucio-daemons'),
    useDeprecatedImplicitSecrets: false,
    podLabels: { 'backstage.io/kubernetes-id': `rucio-${spec.name}` },
    monitoring: monitoringValues(spec),
    additionalEnvs: dbEnv(),
  };
  for (const [name, d] of Object.entries(spec.daemons).sort()) {
    values[`${name}Count`] = d.replicas;
    const block = chart[name] as Record<string, unknown> | null | undefined;
    // `threads` only where the chart reads it for that daemon.
    if (block && typeof block === 'object' && 'threads' in block) {
      values[name] = { threads: d.threads };
    }
  }
  const config: Record<string, unknown> = {};
  if (spec.fts.length) {
    config.conveyor = { ftshosts: spec.fts.join(',') };
  }
  if (spec.monitoring) {
    config.monitor = { enable_metrics: 'True', metrics_port: 8080 };
  }
  if (Object.keys(config).length) values.config = config;
  return values;
}

function labels(spec: EnvironmentSpec) {
  return {
    [LABEL]: spec.name,
    'app.kubernetes.io/part-of': 'rucio',
    // The Kubernetes plugin finds the environment's objects by this label.
    'backstage.io/kubernetes-id': `rucio-${spec.name}`,
  };
}

function certificates(spec: EnvironmentSpec, overlay: Overlay): object[] {
  return [
    ['rucio-server-tls', host(spec, overlay, 'rucio')],
    ['rucio-auth-tls', host(spec, overlay, 'rucio-auth')],
    ['rucio-webui-tls', host(spec, overlay, 'rucio-ui')],
  ].map(([name, dns]) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, labels: labels(spec) },
    spec: {
      secretName: name,
      dnsNames: [dns],
      issuerRef: issuerRef(spec),
      usages:
        name === 'rucio-auth-tls'
          ? ['server auth', 'client auth']
          : ['server auth'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  }));
}

function issuers(spec: EnvironmentSpec): object[] {
  if (spec.tls.issuer === 'private-ca') {
    return [
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Issuer',
        metadata: { name: 'rucio-private-ca' },
        spec: { ca: { secretName: spec.tls.caSecretName } },
      },
    ];
  }
  const server =
    spec.tls.issuer === 'letsencrypt'
      ? 'https://acme-v02.api.letsencrypt.org/directory'
      : 'https://acme-staging-v02.api.letsencrypt.org/directory';
  return [
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: spec.tls.issuer },
      spec: {
        acme: {
          server,
          email: spec.tls.acmeEmail,
          privateKeySecretRef: { name: `${spec.tls.issuer}-account-key` },
          solvers: [
            { http01: { ingress: { ingressClassName: spec.ingress } } },
          ],
        },
      },
    },
  ];
}

function pgbouncer(spec: EnvironmentSpec): object[] {
  const { database } = spec;
  const ini = [
    '[databases]',
    `${database.name} = host=${database.host} port=${database.port} dbname=${database.name}`,
    '',
    '[pgbouncer]',
    'listen_addr = 0.0.0.0',
    'listen_port = 6432',
    `pool_mode = ${database.pgbouncer.poolMode}`,
    `default_pool_size = ${database.pgbouncer.poolSize}`,
    'max_client_conn = 500',
    'auth_type = scram-sha-256',
    'auth_file = /etc/pgbouncer/userlist/userlist.txt',
    `server_tls_sslmode = ${database.sslmode}`,
    'admin_users = pgbouncer_admin',
    'stats_users = pgbouncer_stats',
    'ignore_startup_parameters = extra_float_digits',
    '',
  ].join('\n');
  const selector = { 'app.kubernetes.io/name': 'pgbouncer' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'pgbouncer' },
      data: { 'pgbouncer.ini': ini },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'pgbouncer', labels: selector },
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: selector },
          spec: {
            containers: [
              {
                name: 'pgbouncer',
                image: 'docker.io/bitnami/pgbouncer:1.25.1',
                command: ['pgbouncer', '/etc/pgbouncer/pgbouncer.ini'],
                ports: [{ name: 'pgbouncer', containerPort: 6432 }],
                readinessProbe: {
                  tcpSocket: { port: 6432 },
                  periodSeconds: 10,
                },
                volumeMounts: [
                  {
                    name: 'config',
                    mountPath: '/etc/pgbouncer/pgbouncer.ini',
                    subPath: 'pgbouncer.ini',
                  },
                  {
                    name: 'userlist',
                    mountPath: '/etc/pgbouncer/userlist',
                    readOnly: true,
                  },
                ],
              },
            ],
            // Stateless: configuration from a ConfigMap, users from a Secret.
            volumes: [
              { name: 'config', configMap: { name: 'pgbouncer' } },
              {
                name: 'userlist',
                secret: { secretName: PGBOUNCER_USERLIST_SECRET },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'pgbouncer', labels: selector },
      spec: {
        selector,
        ports: [{ name: 'pgbouncer', port: 6432, targetPort: 6432 }],
      },
    },
  ];
}

export function systemName(spec: EnvironmentSpec) {
  return spec.system ?? `rucio-${spec.name}`;
}

function catalogInfo(spec: EnvironmentSpec): object[] {
  const system = systemName(spec);
  const gitops =
    spec.gitops === 'argocd'
      ? { 'argocd/app-selector': `${LABEL}=${spec.name}` }
      : { 'flux.weave.works/kustomization': `rucio-${spec.name}` };
  const annotations = {
    [LABEL]: spec.name,
    'backstage.io/kubernetes-id': `rucio-${spec.name}`,
    ...gitops,
  };
  const component = (name: string, title: string, type: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `${system}-${name}`, title, annotations },
    spec: { type, lifecycle: 'production', owner: spec.owner, system },
  });
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system, title: `Rucio ${spec.name}`, annotations },
      spec: { owner: spec.owner },
    },
    component('server', 'Rucio server', 'service'),
    component('auth', 'Rucio auth', 'service'),
    component('webui', 'Rucio WebUI', 'website'),
    component('daemons', 'Rucio daemons', 'service'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `${system}-database`,
        title: 'Rucio database',
        annotations: { [LABEL]: spec.name },
      },
      spec: { type: 'database', owner: spec.owner, system },
    },
    ...spec.rses.map(r => rseEntity(spec, system, r)),
  ];
}

function argocd(spec: EnvironmentSpec): GeneratedFile[] {
  const project = `rucio-${spec.name}`;
  const files: GeneratedFile[] = [
    {
      path: 'gitops/argocd/appproject.yaml',
      content: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: project, namespace: 'argocd' },
        spec: {
          description: `Rucio environment ${spec.name}`,
          sourceRepos: [spec.repoUrl, CHART_REPO],
          destinations: spec.overlays.map(o => ({
            server: 'https://kubernetes.default.svc',
            namespace: namespaceOf(spec, o),
          })),
          clusterResourceWhitelist: [
            { group: 'cert-manager.io', kind: 'ClusterIssuer' },
          ],
        },
      },
    },
  ];
  for (const overlay of spec.overlays) {
    const apps: object[] = [];
    const common = (name: string) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: `${name}-${spec.name}-${overlay}`,
        namespace: 'argocd',
        labels: { [LABEL]: spec.name, 'rucio.cern.ch/overlay': overlay },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
    });
    const syncPolicy = {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true'],
    };
    const destination = {
      server: 'https://kubernetes.default.svc',
      namespace: namespaceOf(spec, overlay),
    };
    apps.push({
      ...common('rucio-base'),
      spec: {
        project,
        source: {
          repoURL: spec.repoUrl,
          targetRevision: 'main',
          path: `overlays/${overlay}`,
        },
        destination,
        syncPolicy,
      },
    });
    for (const [release, chart] of RELEASES) {
      apps.push({
        ...common(release),
        spec: {
          project,
          sources: [
            {
              repoURL: CHART_REPO,
              chart,
              targetRevision: CHART_VERSION,
              helm: {
                releaseName: release,
                valueFiles: [`$values/${valuesFile(overlay, release)}`],
              },
            },
            { repoURL: spec.repoUrl, targetRevision: 'main', ref: 'values' },
          ],
          destination,
          syncPolicy,
        },
      });
    }
    files.push({
      path: `gitops/argocd/applications-${overlay}.yaml`,
      content: apps,
    });
  }
  return files;
}

function flux(spec: EnvironmentSpec): GeneratedFile[] {
  const files: GeneratedFile[] = [
    {
      path: 'gitops/flux/sources.yaml',
      content: [
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: `rucio-${spec.name}`, namespace: 'flux-system' },
          spec: { interval: '1m', url: spec.repoUrl, ref: { branch: 'main' } },
        },
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'HelmRepository',
          metadata: { name: 'rucio', namespace: 'flux-system' },
          spec: { interval: '1h', url: CHART_REPO },
        },
      ],
    },
  ];
  for (const overlay of spec.overlays) {
    files.push({
      path: `gitops/flux/kustomization-${overlay}.yaml`,
      content: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: {
          name: `rucio-${spec.name}-${overlay}`,
          namespace: 'flux-system',
          labels: { [LABEL]: spec.name },
        },
        spec: {
          interval: '5m',
          path: `./overlays/${overlay}`,
          prune: true,
          wait: true,
          timeout: '15m',
          sourceRef: { kind: 'GitRepository', name: `rucio-${spec.name}` },
          targetNamespace: namespaceOf(spec, overlay),
        },
      },
    });
    // The RSE Job runs once the releases are ready; force re-creates it
    // when the definitions (and so the Job) change.
    files.push({
      path: `gitops/flux/kustomization-${overlay}-rses.yaml`,
      content: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: {
          name: `rucio-${spec.name}-${overlay}-rses`,
          namespace: 'flux-system',
          labels: { [LABEL]: spec.name },
        },
        spec: {
          interval: '10m',
          path: `./overlays/${overlay}/rses`,
          prune: true,
          force: true,
          dependsOn: [{ name: `rucio-${spec.name}-${overlay}` }],
          sourceRef: { kind: 'GitRepository', name: `rucio-${spec.name}` },
          targetNamespace: namespaceOf(spec, overlay),
        },
      },
    });
    files.push({
      path: `overlays/${overlay}/rses/kustomization.yaml`,
      content: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: namespaceOf(spec, overlay),
        resources: ['../../../base/rses'],
      },
    });
    files.push({
      path: `overlays/${overlay}/helmreleases.yaml`,
      content: RELEASES.map(([release, chart]) => ({
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: release, labels: { [LABEL]: spec.name } },
        spec: {
          interval: '10m',
          chart: {
            spec: {
              chart,
              version: CHART_VERSION,
              sourceRef: {
                kind: 'HelmRepository',
                name: 'rucio',
                namespace: 'flux-system',
              },
            },
          },
          valuesFrom: [
            {
              kind: 'ConfigMap',
              name: `${release}-values`,
              valuesKey: 'values.yaml',
            },
          ],
        },
      })),
    });
  }
  return files;
}

function readme(spec: EnvironmentSpec): string {
  const controller = spec.gitops === 'argocd' ? 'Argo CD' : 'Flux';
  const secrets =
    spec.secrets.backend === 'external-secrets'
      ? [
          `Secrets come from Vault through the External Secrets Operator (${
            spec.secrets.vaultServer
              ? `SecretStore \`rucio-vault\` on ${spec.secrets.vaultServer}`
              : `ClusterSecretStore \`${spec.secrets.vaultStore}\``
          }, path \`${
            spec.secrets.vaultPath
          }/<secret>\`); see \`overlays/<env>/externalsecrets.yaml\`. Vault holds these keys:`,
        ]
      : [
          'Create these Secrets in every namespace before the first sync; `secrets/` holds a template of each, without values. Never commit their values.',
        ];
  const list = requiredSecrets(spec).flatMap(secret =>
    secret.keys.map(
      k => `- \`${secret.name}\`, key \`${k.key}\`: ${k.description}`,
    ),
  );
  return [
    `# Rucio environment \`${spec.name}\``,
    '',
    `Generated by the Rucio Portal. Rucio ${spec.rucioVersion}, charts ${CHART_VERSION}, ${controller}, ${spec.ingress} ingress, cert-manager (${spec.tls.issuer}).`,
    '',
    '## Layout',
    '',
    '- `catalog-info.yaml`: the System, its Components and Resources for the portal.',
    '- `base/`: manifests every overlay shares (issuers, PgBouncer, monitoring).',
    `- \`base/rses/\`: one RSE definition per JSON file and the Job that applies them with the Rucio client (idempotent; ${
      spec.gitops === 'argocd'
        ? 'an Argo CD PostSync hook'
        : 'a Flux Kustomization that depends on the environment'
    }).`,
    '- `overlays/<env>/`: namespace, labels, certificates, ingress routes, alerts and patches per environment.',
    '- `overlays/<env>/values/`: Helm values for rucio-server, rucio-auth (a second rucio-server), rucio-webui and rucio-daemons.',
    `- \`gitops/${spec.gitops}/\`: what ${controller} applies.`,
    ...(spec.secrets.backend === 'kubernetes'
      ? ['- `secrets/`: templates of the Secrets, without values.']
      : []),
    '',
    '## Secrets',
    '',
    ...secrets,
    '',
    ...list,
    '',
    '## Bootstrapping the database',
    '',
    'Run the `rucio/rucio-init` image once per environment as a Job with the same `RUCIO_CFG_DATABASE_DEFAULT`',
    'environment (from `rucio-db`) to create the schema and the root account, then let the GitOps controller sync.',
    '',
    '## Hosts',
    '',
    ...spec.overlays.map(
      o =>
        `- ${o}: https://${host(spec, o, 'rucio')}, https://${host(
          spec,
          o,
          'rucio-auth',
        )} (TLS passthrough for X.509), https://${host(spec, o, 'rucio-ui')}`,
    ),
    '',
    ...(spec.monitoring
      ? [
          '## Monitoring',
          '',
          'ServiceMonitors and the Grafana dashboard ConfigMap are in `base/monitoring.yaml`, alerts in',
          '`overlays/<env>/alerts.yaml`. They carry `release: prometheus-operator`; change the label if your',
          'Prometheus selects another. Heartbeat, FTS proxy and database alerts use the metrics the Rucio Portal',
          'backend exports (`rucio_check_status`, `rucio_fts_proxy_expiry_seconds`, `rucio_database_connections_usage`).',
          '',
        ]
      : []),
  ].join('\n');
}

/** Where the Helm values of one release of one overlay live. */
export function valuesFile(overlay: string, release: string) {
  return `overlays/${overlay}/values/${release}.yaml`;
}

/**
 * Every file of the environment repository, in a stable order: the same spec
 * always gives the same files.
 */
export function generateEnvironment(spec: EnvironmentSpec): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'README.md', content: readme(spec) },
    { path: 'catalog-info.yaml', content: catalogInfo(spec) },
  ];
  const baseResources = ['issuers.yaml'];
  files.push({ path: 'base/issuers.yaml', content: issuers(spec) });
  if (spec.database.pgbouncer.enabled) {
    baseResources.push('pgbouncer.yaml');
    files.push({ path: 'base/pgbouncer.yaml', content: pgbouncer(spec) });
  }
  if (spec.monitoring) {
    baseResources.push('monitoring.yaml');
    files.push({
      path: 'base/monitoring.yaml',
      content: [...serviceMonitors(), grafanaDashboard(spec)],
    });
  }
  if (spec.gitops === 'argocd') {
    baseResources.push('rses');
  }
  files.push({
    path: 'base/kustomization.yaml',
    content: {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: baseResources,
      labels: [{ pairs: labels(spec), includeSelectors: false }],
    },
  });
  files.push(...rseBootstrap(spec, spec.rses));
  for (const r of spec.rses) {
    files.push({ path: rseFile(r), content: rseDefinition(spec, r) });
  }
  if (spec.secrets.backend === 'kubernetes') {
    files.push(...secretTemplates(spec));
  }
  for (const overlay of spec.overlays) {
    const dir = `overlays/${overlay}`;
    const resources = [
      '../../base',
      'namespace.yaml',
      'certificates.yaml',
      'hosts.yaml',
    ];
    files.push({
      path: `${dir}/namespace.yaml`,
      content: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespaceOf(spec, overlay), labels: labels(spec) },
      },
    });
    files.push({
      path: `${dir}/certificates.yaml`,
      content: certificates(spec, overlay),
    });
    files.push({
      path: `${dir}/hosts.yaml`,
      content: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: RUCIO_HOSTS_CONFIGMAP },
        data: {
          RUCIO_CFG_RUCIO_HOST: `https://${host(spec, overlay, 'rucio')}`,
          RUCIO_CFG_AUTH_HOST: `https://${host(spec, overlay, 'rucio-auth')}`,
        },
      },
    });
    if (spec.ingress === 'traefik') {
      resources.push('ingressroutes.yaml');
      files.push({
        path: `${dir}/ingressroutes.yaml`,
        content: traefikRoutes(spec, overlay),
      });
    }
    if (spec.secrets.backend === 'external-secrets') {
      resources.push('externalsecrets.yaml');
      files.push({
        path: `${dir}/externalsecrets.yaml`,
        content: externalSecrets(spec, host(spec, overlay, 'rucio-auth')),
      });
    }
    if (spec.monitoring) {
      resources.push('alerts.yaml');
      files.push({
        path: `${dir}/alerts.yaml`,
        content: prometheusRule(spec, namespaceOf(spec, overlay)),
      });
    }
    const valueFiles: Array<[string, ChartName, object]> = [
      ['rucio-server', 'rucio-server', serverValues(spec, overlay)],
      ['rucio-auth', 'rucio-server', authValues(spec, overlay)],
      ['rucio-webui', 'rucio-webui', webuiValues(spec, overlay)],
      ['rucio-daemons', 'rucio-daemons', daemonsValues(spec)],
    ];
    for (const [release, , values] of valueFiles) {
      files.push({ path: valuesFile(overlay, release), content: values });
    }
    if (spec.gitops === 'flux') {
      resources.push('helmreleases.yaml');
    }
    const kustomization: Record<string, unknown> = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: namespaceOf(spec, overlay),
      resources,
      labels: [
        {
          pairs: { ...labels(spec), 'rucio.cern.ch/overlay': overlay },
          includeSelectors: false,
        },
      ],
    };
    if (spec.database.pgbouncer.enabled) {
      kustomization.patches = [
        {
          target: { kind: 'Deployment', name: 'pgbouncer' },
          patch: JSON.stringify([
            { op: 'replace', path: '/spec/replicas', value: replicas(overlay) },
          ]),
        },
      ];
    }
    if (spec.gitops === 'flux') {
      // Files below the overlay only: kustomize refuses to load files outside it.
      kustomization.configMapGenerator = valueFiles.map(([release]) => ({
        name: `${release}-values`,
        files: [`values.yaml=values/${release}.yaml`],
        options: { disableNameSuffixHash: true },
      }));
    }
    files.push({ path: `${dir}/kustomization.yaml`, content: kustomization });
  }
  files.push(...(spec.gitops === 'argocd' ? argocd(spec) : flux(spec)));
  return files;
}
