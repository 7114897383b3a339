import type { EnvironmentSpec } from './EnvironmentSpec';
import { PGBOUNCER_CA_SECRET, PGBOUNCER_USERLIST_SECRET } from './secrets';

/**
 * Maintained by the CloudNativePG project, rebuilt on Debian for each
 * PgBouncer release; Bitnami no longer publishes free versioned images.
 */
export const PGBOUNCER_IMAGE = 'ghcr.io/cloudnative-pg/pgbouncer:1.24.0';

const CA_DIR = '/etc/pgbouncer/ca';

/** PgBouncer before the managed PostgreSQL: stateless, one Deployment. */
export function pgbouncer(spec: EnvironmentSpec): object[] {
  const { database } = spec;
  const verify = database.sslmode.startsWith('verify');
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
    // verify-ca and verify-full check the server against this CA.
    ...(verify ? [`server_tls_ca_file = ${CA_DIR}/ca.crt`] : []),
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
                image: PGBOUNCER_IMAGE,
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
                  ...(verify
                    ? [{ name: 'server-ca', mountPath: CA_DIR, readOnly: true }]
                    : []),
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
              ...(verify
                ? [
                    {
                      name: 'server-ca',
                      secret: { secretName: PGBOUNCER_CA_SECRET },
                    },
                  ]
                : []),
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
