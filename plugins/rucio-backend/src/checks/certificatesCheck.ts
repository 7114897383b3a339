import type {
  CertificateStatus,
  CheckStatus,
} from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import { parseEndpoint, probeTls } from '../clients/TlsProbe';
import type { Check, CheckContext } from './Check';

const DAY = 86_400_000;

interface K8sCertificate {
  metadata: { name: string; namespace: string };
  spec?: { dnsNames?: string[]; issuerRef?: { name?: string; kind?: string } };
  status?: {
    notAfter?: string;
    conditions?: Array<{ type: string; status: string; message?: string }>;
  };
}

function byDaysLeft(
  notAfter: string | undefined,
  thresholds: { warningDays: number; errorDays: number },
): { status: CheckStatus; daysLeft?: number } {
  if (!notAfter) return { status: 'unknown' };
  // One decimal towards zero, so 2.04 days ago reads "2 days ago" as 2.96
  // left reads 2.9; an expired one reads at least 0.1 days ago, never 0 left.
  const exact = (Date.parse(notAfter) - Date.now()) / DAY;
  const daysLeft =
    exact < 0
      ? -Math.max(0.1, Math.trunc(-exact * 10) / 10)
      : Math.trunc(exact * 10) / 10;
  if (daysLeft < thresholds.errorDays) return { status: 'error', daysLeft };
  if (daysLeft < thresholds.warningDays) return { status: 'warning', daysLeft };
  return { status: 'ok', daysLeft };
}

/** Every https endpoint of the environment plus the configured extra ones. */
export function tlsEndpoints(env: CheckContext['env']): string[] {
  const urls = [
    env.rucio.url,
    env.rucio.authUrl,
    env.webui?.url,
    ...env.fts.map(f => f.url),
  ].filter((u): u is string => !!u && u.startsWith('https://'));
  const endpoints = [...urls, ...env.tls.endpoints].map(e => {
    const { host, port } = parseEndpoint(e);
    return `${host}:${port}`;
  });
  return [...new Set(endpoints)];
}

async function probeEndpoint(
  endpoint: string,
  ctx: CheckContext,
): Promise<CertificateStatus> {
  try {
    const probe = await probeTls(endpoint, ctx.signal, ctx.clients.tlsCa);
    const { status: byDays, daysLeft } = byDaysLeft(
      probe.notAfter,
      ctx.env.tls,
    );
    const status = probe.verifyError ? 'error' : byDays;
    let expiry = `expires in ${daysLeft} days`;
    if (daysLeft === undefined) expiry = 'has no expiry date';
    else if (daysLeft < 0) expiry = `expired ${-daysLeft} days ago`;
    return {
      name: endpoint,
      source: 'tls',
      status,
      message: probe.verifyError
        ? `TLS endpoint ${endpoint}: ${probe.verifyError}; ${expiry}.`
        : `TLS endpoint ${endpoint} ${expiry}.`,
      dnsNames: probe.dnsNames,
      issuer: probe.issuer,
      notAfter: probe.notAfter,
      daysLeft,
      daysStatus: byDays,
      problem: probe.verifyError,
    };
  } catch (error) {
    return {
      name: endpoint,
      source: 'tls',
      status: 'error',
      message: (error as Error).message,
      dnsNames: [],
    };
  }
}

async function readCertManager(
  ctx: CheckContext,
): Promise<CertificateStatus[]> {
  const { kubernetes } = ctx.clients;
  const k8s = ctx.env.kubernetes;
  if (!kubernetes || !k8s) return [];
  const items = await kubernetes.list<K8sCertificate>(
    `/apis/cert-manager.io/v1/namespaces/${k8s.namespace}/certificates`,
    { signal: ctx.signal },
  );
  return items.map(cert => {
    const ready = cert.status?.conditions?.find(c => c.type === 'Ready');
    const { status: byDays, daysLeft } = byDaysLeft(
      cert.status?.notAfter,
      ctx.env.tls,
    );
    const isReady = ready?.status === 'True';
    const name = `${cert.metadata.namespace}/${cert.metadata.name}`;
    return {
      name,
      source: 'cert-manager',
      status: isReady ? byDays : 'error',
      message: isReady
        ? `Certificate ${name} is Ready and expires in ${daysLeft ?? '?'} days.`
        : `Certificate ${name} is not Ready${
            ready?.message ? `: ${ready.message}` : ''
          }.`,
      dnsNames: cert.spec?.dnsNames ?? [],
      issuer: cert.spec?.issuerRef?.name,
      notAfter: cert.status?.notAfter,
      daysLeft,
      daysStatus: byDays,
      problem: isReady
        ? undefined
        : `not Ready${ready?.message ? `: ${ready.message}` : ''}`,
      ready: isReady,
    };
  });
}

/** Live TLS endpoints and cert-manager Certificates, soonest expiry first. */
export const certificatesCheck: Check<'certificates'> = {
  id: 'certificates',
  async run(ctx) {
    const endpoints = tlsEndpoints(ctx.env);
    if (!endpoints.length && !ctx.env.kubernetes) {
      return {
        status: 'unconfigured',
        message:
          'No https endpoint or Kubernetes namespace to read certificates from.',
      };
    }
    const [probes, managed] = await Promise.all([
      Promise.all(endpoints.map(e => probeEndpoint(e, ctx))),
      readCertManager(ctx).then(
        items => ({ items }),
        (error: Error) => ({ items: [] as CertificateStatus[], error }),
      ),
    ]);
    const certificates = [...probes, ...managed.items].sort(
      (a, b) => (a.daysLeft ?? -Infinity) - (b.daysLeft ?? -Infinity),
    );
    const statuses = certificates.map(c => c.status);
    if ('error' in managed && managed.error) statuses.push('warning');
    const status = worstStatus(statuses);
    const worst = certificates.filter(
      c => c.status === status && status !== 'ok',
    );
    let message =
      status === 'ok'
        ? `${certificates.length} certificates are valid for at least ${ctx.env.tls.warningDays} days.`
        : worst.map(c => c.message).join(' ');
    if ('error' in managed && managed.error) {
      message += ` cert-manager Certificates could not be read: ${managed.error.message}`;
    }
    return { status, message: message.trim(), details: { certificates } };
  },
};
