/**
 * A failure talking to an upstream, with a message that names the upstream
 * and the cause in one sentence. Never carries credentials.
 */
export class UpstreamError extends Error {
  readonly upstream: string;
  readonly status?: number;
  readonly exceptionClass?: string;

  constructor(options: {
    upstream: string;
    message: string;
    status?: number;
    exceptionClass?: string;
    cause?: unknown;
  }) {
    super(`${options.upstream} ${options.message}`, { cause: options.cause });
    this.name = 'UpstreamError';
    this.upstream = options.upstream;
    this.status = options.status;
    this.exceptionClass = options.exceptionClass;
  }
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'reset the connection',
  ENOTFOUND: 'has a host name that does not resolve',
  EAI_AGAIN: 'has a host name that does not resolve (DNS lookup failed)',
  EHOSTUNREACH: 'is unreachable',
  ETIMEDOUT: 'timed out while connecting',
  UND_ERR_SOCKET: 'closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'timed out while connecting',
  UND_ERR_HEADERS_TIMEOUT: 'did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'stopped sending its answer',
  CERT_HAS_EXPIRED: 'presented an expired TLS certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presented a self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'presented a TLS certificate from an untrusted CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'presented a TLS certificate that cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID:
    'presented a TLS certificate for another host name',
};

function findCode(error: unknown): string | undefined {
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string' && NETWORK_CAUSES[e.code]) {
      return e.code;
    }
  }
  return undefined;
}

/** Turns whatever a request threw into an {@link UpstreamError}. */
export function toUpstreamError(
  upstream: string,
  error: unknown,
  signal?: AbortSignal,
): UpstreamError {
  if (error instanceof UpstreamError) {
    return error;
  }
  if (
    signal?.aborted ||
    (error as Error)?.name === 'AbortError' ||
    (error as Error)?.name === 'TimeoutError'
  ) {
    return new UpstreamError({
      upstream,
      message: 'did not answer before the check timed out',
      cause: error,
    });
  }
  const code = findCode(error);
  if (code) {
    return new UpstreamError({
      upstream,
      message: NETWORK_CAUSES[code],
      cause: error,
    });
  }
  const detail = (error as Error)?.message ?? String(error);
  return new UpstreamError({
    upstream,
    message: `could not be reached (${detail})`,
    cause: error,
  });
}

/**
 * An OK answer that is not JSON by its content type (e.g. a single-sign-on
 * page in front of the service answering 200), as an error naming the
 * upstream; undefined when the type is JSON.
 */
export function unexpectedContentType(
  upstream: string,
  path: string,
  contentType: string | null,
): UpstreamError | undefined {
  const type = contentType ?? '';
  if (/\bjson\b/.test(type)) return undefined;
  return new UpstreamError({
    upstream,
    message: `answered ${
      path.split('?')[0]
    } with content type "${type}" instead of JSON`,
  });
}
