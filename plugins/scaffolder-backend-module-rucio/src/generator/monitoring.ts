import type { EnvironmentSpec } from './EnvironmentSpec';

/** Prometheus selects ServiceMonitors and rules by this label (chart default). */
const PROMETHEUS_LABELS = { release: 'prometheus-operator' };

/**
 * ServiceMonitors for the Apache exporter and Rucio's native metrics of the
 * server and auth releases, and the daemons' native metrics. They sit in the
 * environment's namespace, so no namespaceSelector is needed.
 */
export function serviceMonitors(): object[] {
  const monitor = (
    name: string,
    selector: Record<string, string>,
    endpoints: object[],
  ) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name, labels: PROMETHEUS_LABELS },
    spec: { selector: { matchLabels: selector }, endpoints },
  });
  const server = [
    { targetPort: 8080, path: '/metrics', interval: '30s' },
    { targetPort: 8081, path: '/metrics/', interval: '30s' },
  ];
  return [
    monitor(
      'rucio-server',
      { app: 'rucio-server', release: 'rucio-server' },
      server,
    ),
    monitor(
      'rucio-auth',
      { app: 'rucio-server', release: 'rucio-auth' },
      server,
    ),
    monitor('rucio-daemons', { release: 'rucio-daemons' }, [
      { targetPort: 8080, path: '/metrics', interval: '30s' },
    ]),
  ];
}

/**
 * Alerts of one overlay. Heartbeats, FTS proxies and database usage come from
 * the portal's own metrics (the Rucio backend plugin exports them), since
 * neither Rucio nor FTS3 exports them to Prometheus.
 */
export function prometheusRule(
  spec: EnvironmentSpec,
  namespace: string,
): object {
  const env = `environment="${spec.name}"`;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'rucio-alerts', labels: PROMETHEUS_LABELS },
    spec: {
      groups: [
        {
          name: `rucio-${spec.name}`,
          rules: [
            {
              alert: 'RucioServerDown',
              expr: `sum(up{namespace="${namespace}", service=~"rucio-server.*"}) == 0 or absent(up{namespace="${namespace}", service=~"rucio-server.*"})`,
              for: '5m',
              labels: { severity: 'critical' },
              annotations: {
                summary: `The Rucio server of ${namespace} is down`,
              },
            },
            {
              alert: 'RucioDaemonHeartbeatsMissing',
              expr: `rucio_check_status{${env}, check="daemons"} >= 3`,
              for: '10m',
              labels: { severity: 'critical' },
              annotations: {
                summary: `Rucio daemons of ${spec.name} miss their heartbeats`,
              },
            },
            {
              alert: 'RucioCertificateExpiringSoon',
              expr: `(certmanager_certificate_expiration_timestamp_seconds{namespace="${namespace}"} - time()) < 14 * 24 * 3600`,
              for: '1h',
              labels: { severity: 'warning' },
              annotations: {
                summary: '{{ $labels.name }} expires within 14 days',
              },
            },
            {
              alert: 'RucioFtsProxyExpiring',
              expr: `rucio_fts_proxy_expiry_seconds{${env}} < 24 * 3600`,
              for: '30m',
              labels: { severity: 'warning' },
              annotations: {
                summary:
                  'The proxy delegated to {{ $labels.server }} expires within a day',
              },
            },
            {
              alert: 'RucioDatabaseConnectionsHigh',
              expr: `rucio_database_connections_usage{${env}} > 0.8`,
              for: '15m',
              labels: { severity: 'warning' },
              annotations: {
                summary: `The database of ${spec.name} uses over 80 % of max_connections`,
              },
            },
          ],
        },
      ],
    },
  };
}

function panel(
  id: number,
  title: string,
  expr: string,
  legend: string,
  gridPos: { x: number; y: number },
  unit = 'short',
) {
  return {
    id,
    title,
    type: 'timeseries',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos: { ...gridPos, w: 12, h: 8 },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: [{ refId: 'A', expr, legendFormat: legend }],
  };
}

/**
 * A Grafana dashboard ConfigMap; the kube-prometheus-stack sidecar loads
 * ConfigMaps labelled grafana_dashboard.
 */
export function grafanaDashboard(spec: EnvironmentSpec): object {
  const env = `environment="${spec.name}"`;
  const dashboard = {
    title: `Rucio ${spec.name}`,
    uid: `rucio-${spec.name}`.slice(0, 40),
    schemaVersion: 39,
    time: { from: 'now-24h', to: 'now' },
    templating: {
      list: [
        {
          name: 'datasource',
          type: 'datasource',
          query: 'prometheus',
        },
      ],
    },
    panels: [
      panel(
        1,
        'Portal checks (0 ok, 2 warning, 3 error)',
        `rucio_check_status{${env}}`,
        '{{check}}',
        { x: 0, y: 0 },
      ),
      panel(
        2,
        'Server requests',
        'sum by (namespace) (rate(rest_client_requests_total[5m]))',
        '{{namespace}}',
        { x: 12, y: 0 },
        'reqps',
      ),
      panel(
        3,
        'FTS3 submissions',
        'sum by (state) (rate(rucio_transfertool_fts3_submission_total[5m]))',
        '{{state}}',
        { x: 0, y: 8 },
        'ops',
      ),
      panel(
        4,
        'Files deleted by the reaper',
        'sum by (rse) (rate(rucio_daemons_reaper_reaper_delete_sum[5m]))',
        '{{rse}}',
        { x: 12, y: 8 },
        'ops',
      ),
      panel(
        5,
        'Free space per RSE',
        `rucio_rse_free_bytes{${env}}`,
        '{{rse}}',
        { x: 0, y: 16 },
        'bytes',
      ),
      panel(
        6,
        'Days until certificates and FTS proxies expire',
        `rucio_certificate_expiry_seconds{${env}} / 86400 or rucio_fts_proxy_expiry_seconds{${env}} / 86400`,
        '{{certificate}}{{server}}',
        { x: 12, y: 16 },
        'd',
      ),
    ],
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'rucio-grafana-dashboard',
      labels: { grafana_dashboard: '1' },
    },
    data: { 'rucio.json': `${JSON.stringify(dashboard, null, 2)}\n` },
  };
}
