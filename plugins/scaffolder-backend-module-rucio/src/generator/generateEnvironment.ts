import { chartValues, CHART_VERSION, type ChartName } from './chartValues';
import type { EnvironmentSpec, RseSpec } from './EnvironmentSpec';

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
      valueFrom: { secretKeyRef: { name: 'rucio-db', key: 'dbfullstring' } },
    },
  ];
}

function ingress(
  spec: EnvironmentSpec,
  hostname: string,
  tlsSecret: string,
  passthrough = false,
) {
  const annotations: Record<string, string> =
    spec.ingress === 'nginx'
      ? { 'kubernetes.io/ingress.class': 'nginx' }
      : { 'kubernetes.io/ingress.class': 'traefik' };
  if (passthrough && spec.ingress === 'nginx') {
    // X.509 login needs the client certificate at Apache: no TLS termination.
    annotations['nginx.ingress.kubernetes.io/ssl-passthrough'] = 'true';
    annotations['nginx.ingress.kubernetes.io/backend-protocol'] = 'HTTPS';
  }
  if (spec.dns !== 'none') {
    annotations['external-dns.alpha.kubernetes.io/hostname'] = hostname;
  }
  return {
    enabled: !(passthrough && spec.ingress === 'traefik'),
    annotations,
    path: '/',
    hosts: [hostname],
    tls: [{ secretName: tlsSecret }],
  };
}

/** The image block of every chart, with the explicit release tag. */
function image(spec: EnvironmentSpec, repository: string) {
  return {
    repository,
    tag: `release-${spec.rucioVersion}`,
    pullPolicy: 'IfNotPresent',
  };
}

/** What the api and auth instances of rucio-server share. */
function serverCommon(
  spec: EnvironmentSpec,
  overlay: Overlay,
  hostname: string,
) {
  return {
    replicaCount: replicas(overlay),
    useDeprecatedImplicitSecrets: false,
    image: image(spec, 'rucio/rucio-server'),
    hostname,
    monitoring: { enabled: spec.monitoring },
    additionalEnvs: dbEnv(),
  };
}

function serverValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio');
  const config: Record<string, unknown> = {
    webui: { urls: `https://${host(spec, overlay, 'rucio-ui')}` },
  };
  if (spec.oidc) {
    config.oidc = {
      idpsecrets: '/opt/rucio/etc/idpsecrets.json',
      admin_issuer: 'default',
      expected_audience: 'rucio',
    };
  }
  return {
    ...serverCommon(spec, overlay, hostname),
    serverType: 'api',
    service: { useExternalDNS: spec.dns !== 'none' },
    ingress: ingress(spec, hostname, 'rucio-server-tls'),
    config,
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
      useExternalDNS: spec.dns !== 'none',
    },
    ingress: ingress(spec, hostname, 'rucio-auth-tls', true),
    config: {},
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
    monitoring: { enabled: spec.monitoring },
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
  if (spec.fts.length) {
    values.config = { conveyor: { ftshosts: spec.fts.join(',') } };
  }
  return values;
}

function labels(spec: EnvironmentSpec) {
  return { [LABEL]: spec.name, 'app.kubernetes.io/part-of': 'rucio' };
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

function externalSecrets(spec: EnvironmentSpec): object[] {
  const secrets: Array<[string, string[]]> = [['rucio-db', ['dbfullstring']]];
  if (spec.oidc) secrets.push([spec.oidc.secretName, ['client_secret']]);
  for (const r of spec.rses) {
    if (['s3', 'gcs', 'azure'].includes(r.kind))
      secrets.push([rseSecretName(r), ['credentials']]);
  }
  return secrets.map(([name, keys]) => ({
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: {
        kind: 'ClusterSecretStore',
        name: spec.secrets.vaultStore,
      },
      target: { name, creationPolicy: 'Owner' },
      data: keys.map(key => ({
        secretKey: key,
        remoteRef: { key: `${spec.secrets.vaultPath}/${name}`, property: key },
      })),
    },
  }));
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
                secret: { secretName: 'pgbouncer-userlist' },
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

export function rseSecretName(r: RseSpec) {
  return `rse-${r.name.toLowerCase().replace(/_/g, '-')}-credentials`;
}

/** The RSE definition that `rucio-admin` (or the bootstrap Job) applies. */
export function rseDefinition(spec: EnvironmentSpec, r: RseSpec) {
  const https = (hostname: string) => ({
    scheme: 'https',
    hostname: r.endpoint ?? hostname,
    port: 443,
    prefix: `/${r.bucket}/`,
    impl: 'rucio.rse.protocols.gfal.NoRename',
  });
  const protocols: Record<RseSpec['kind'], object> = {
    s3: https('s3.amazonaws.com'),
    gcs: https('storage.googleapis.com'),
    azure: https('blob.core.windows.net'),
    posix: {
      scheme: 'davs',
      hostname: r.endpoint ?? 'localhost',
      port: 443,
      prefix: r.path,
      impl: 'rucio.rse.protocols.gfal.Default',
    },
    archive: {
      scheme: 'root',
      hostname: r.endpoint ?? 'localhost',
      port: 1094,
      prefix: r.path,
      impl: 'rucio.rse.protocols.xrootd.Default',
    },
  };
  const cloud = ['s3', 'gcs', 'azure'].includes(r.kind);
  return {
    rse: r.name,
    environment: spec.name,
    rse_type: r.tape || r.kind === 'archive' ? 'TAPE' : 'DISK',
    attributes: {
      istape: r.tape || r.kind === 'archive',
      ...(cloud
        ? {
            sign_url: r.kind === 'azure' ? 'azure' : r.kind,
            skip_upload_stat: true,
            verify_checksum: false,
          }
        : {}),
    },
    protocol: {
      ...protocols[r.kind],
      domains: {
        lan: { read: 1, write: 1, delete: 1 },
        wan: {
          read: 1,
          write: 1,
          delete: 1,
          third_party_copy_read: 1,
          third_party_copy_write: 1,
        },
      },
    },
    ...(cloud
      ? { credentialsSecret: { name: rseSecretName(r), key: 'credentials' } }
      : {}),
  };
}

/** The catalog Resource of one RSE. */
export function rseEntity(spec: EnvironmentSpec, r: RseSpec) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `${spec.name}-${r.name.toLowerCase().replace(/_/g, '-')}`,
      title: r.name,
      annotations: { [LABEL]: spec.name, 'rucio.cern.ch/rse': r.name },
    },
    spec: { type: 'rucio-rse', owner: spec.owner, system: systemName(spec) },
  };
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
    ...spec.rses.map(r => rseEntity(spec, r)),
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
                valueFiles: [`$values/values/${overlay}/${release}.yaml`],
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
          sourceRef: { kind: 'GitRepository', name: `rucio-${spec.name}` },
          targetNamespace: namespaceOf(spec, overlay),
        },
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
  const secrets =
    spec.secrets.backend === 'external-secrets'
      ? `Secrets come from Vault through External Secrets (store \`${spec.secrets.vaultStore}\`, path \`${spec.secrets.vaultPath}\`); see \`base/externalsecrets.yaml\`.`
      : 'Create these Secrets in each namespace before the first sync (never commit their values):';
  const list = [
    '- `rucio-db`, key `dbfullstring`: `postgresql://<user>:<password>@<host>:<port>/<db>` (through PgBouncer when enabled)',
    ...(spec.database.pgbouncer.enabled
      ? [
          '- `pgbouncer-userlist`, key `userlist.txt`: PgBouncer users with SCRAM secrets',
        ]
      : []),
    ...(spec.oidc
      ? [
          `- \`${spec.oidc.secretName}\`, key \`client_secret\`: the OIDC client secret`,
        ]
      : []),
    ...spec.rses
      .filter(r => ['s3', 'gcs', 'azure'].includes(r.kind))
      .map(
        r =>
          `- \`${rseSecretName(
            r,
          )}\`, key \`credentials\`: storage credentials of ${r.name}`,
      ),
  ];
  return [
    `# Rucio environment \`${spec.name}\``,
    '',
    `Generated by the Rucio Portal. Rucio ${
      spec.rucioVersion
    }, charts ${CHART_VERSION}, ${
      spec.gitops === 'argocd' ? 'Argo CD' : 'Flux'
    }, ${spec.ingress} ingress, cert-manager (${spec.tls.issuer}).`,
    '',
    '## Layout',
    '',
    '- `catalog-info.yaml`: the System, its Components and Resources for the portal.',
    '- `base/`: namespace-independent manifests (issuers, PgBouncer, external secrets).',
    '- `overlays/<env>/`: namespace, labels, certificates and patches per environment.',
    '- `values/<env>/`: Helm values for rucio-server, rucio-auth, rucio-webui and rucio-daemons.',
    `- \`gitops/${spec.gitops}/\`: what ${
      spec.gitops === 'argocd' ? 'Argo CD' : 'Flux'
    } applies.`,
    '- `rses/`: one RSE definition per file.',
    '',
    '## Secrets',
    '',
    secrets,
    '',
    ...list,
    '',
    '## Bootstrapping the database',
    '',
    'Run the `rucio/rucio-init` image once per environment as a Job with the same `RUCIO_CFG_DATABASE_DEFAULT`',
    'environment (from `rucio-db`) to create the schema and the root account, then let the GitOps controller sync.',
    '',
    ...(spec.ingress === 'traefik'
      ? [
          '## Auth host with Traefik',
          '',
          'X.509 login needs TLS passthrough to the auth server. The chart ingress is disabled for',
          '`rucio-auth`; add a Traefik `IngressRouteTCP` with `tls.passthrough: true` for its host.',
          '',
        ]
      : []),
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
  ].join('\n');
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
  if (spec.secrets.backend === 'external-secrets') {
    baseResources.push('externalsecrets.yaml');
    files.push({
      path: 'base/externalsecrets.yaml',
      content: externalSecrets(spec),
    });
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
  for (const overlay of spec.overlays) {
    const resources = ['../../base', 'namespace.yaml', 'certificates.yaml'];
    files.push({
      path: `overlays/${overlay}/namespace.yaml`,
      content: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespaceOf(spec, overlay), labels: labels(spec) },
      },
    });
    files.push({
      path: `overlays/${overlay}/certificates.yaml`,
      content: certificates(spec, overlay),
    });
    const valueFiles: Array<[string, ChartName, object]> = [
      ['rucio-server', 'rucio-server', serverValues(spec, overlay)],
      ['rucio-auth', 'rucio-server', authValues(spec, overlay)],
      ['rucio-webui', 'rucio-webui', webuiValues(spec, overlay)],
      ['rucio-daemons', 'rucio-daemons', daemonsValues(spec)],
    ];
    for (const [release, , values] of valueFiles) {
      files.push({
        path: `values/${overlay}/${release}.yaml`,
        content: values,
      });
    }
    const kustomization: Record<string, unknown> = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: namespaceOf(spec, overlay),
      resources:
        spec.gitops === 'flux'
          ? [...resources, 'helmreleases.yaml']
          : resources,
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
      kustomization.configMapGenerator = valueFiles.map(([release]) => ({
        name: `${release}-values`,
        files: [`values.yaml=../../values/${overlay}/${release}.yaml`],
        options: { disableNameSuffixHash: true },
      }));
    }
    files.push({
      path: `overlays/${overlay}/kustomization.yaml`,
      content: kustomization,
    });
  }
  files.push(...(spec.gitops === 'argocd' ? argocd(spec) : flux(spec)));
  for (const r of spec.rses) {
    files.push({
      path: `rses/${r.name}.yaml`,
      content: rseDefinition(spec, r),
    });
  }
  return files;
}
