import { connect, type PeerCertificate } from 'node:tls';
import { toUpstreamError } from './UpstreamError';

/** What a TLS endpoint presented. */
export interface TlsProbeResult {
  host: string;
  port: number;
  subject?: string;
  issuer?: string;
  dnsNames: string[];
  validFrom?: string;
  notAfter?: string;
  /** Why the chain or host name does not verify, if it does not. */
  verifyError?: string;
}

const VERIFY_ERRORS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer is not trusted',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  CERT_SIGNATURE_FAILURE:
    'the certificate signature does not verify against the trusted CAs',
};

/** "host:port" or a URL → host and port. */
export function parseEndpoint(endpoint: string): {
  host: string;
  port: number;
} {
  if (/^[a-z]+:\/\//i.test(endpoint)) {
    const url = new URL(endpoint);
    return {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    };
  }
  const [host, port] = endpoint.split(':');
  return { host, port: Number(port || 443) };
}

function first(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

function dnsNamesOf(cert: PeerCertificate): string[] {
  return (cert.subjectaltname ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(s => s.startsWith('DNS:'))
    .map(s => s.slice(4));
}

/**
 * Opens a TLS connection and reads the certificate without sending anything.
 * Verification problems are reported, not thrown: an expired certificate is
 * exactly what the check is there to show.
 */
export function probeTls(
  endpoint: string,
  signal: AbortSignal,
  ca?: Array<string | Buffer>,
): Promise<TlsProbeResult> {
  const { host, port } = parseEndpoint(endpoint);
  const name = `TLS endpoint ${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      servername: /^[\d.]+$|:/.test(host) ? undefined : host,
      rejectUnauthorized: false,
      ca,
    });
    const onAbort = () => {
      socket.destroy();
      reject(
        toUpstreamError(name, signal.reason ?? new Error('aborted'), signal),
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      let verifyError: string | undefined;
      if (!socket.authorized) {
        const code = String(socket.authorizationError ?? '');
        verifyError =
          code === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? `the certificate is for ${dnsNamesOf(cert).join(
                ', ',
              )}, not ${host}`
            : VERIFY_ERRORS[code] ?? code;
      } else {
        const names = dnsNamesOf(cert);
        const matches = names.some(n =>
          n.startsWith('*.')
            ? host.endsWith(n.slice(1)) &&
              host.split('.').length === n.split('.').length
            : n === host,
        );
        if (names.length && !matches) {
          verifyError = `the certificate is for ${names.join(
            ', ',
          )}, not ${host}`;
        }
      }
      signal.removeEventListener('abort', onAbort);
      socket.end();
      resolve({
        host,
        port,
        subject: first(cert.subject?.CN),
        issuer: first(cert.issuer?.CN ?? cert.issuer?.O),
        dnsNames: dnsNamesOf(cert),
        validFrom: cert.valid_from
          ? new Date(cert.valid_from).toISOString()
          : undefined,
        notAfter: cert.valid_to
          ? new Date(cert.valid_to).toISOString()
          : undefined,
        verifyError,
      });
    });
    socket.once('error', error => {
      signal.removeEventListener('abort', onAbort);
      reject(toUpstreamError(name, error, signal));
    });
  });
}
