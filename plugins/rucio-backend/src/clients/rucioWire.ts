import type { Response } from 'undici';
import type { ErrorDetail } from './httpTransport';
import { readNdjson } from './ndjson';
import { toUpstreamError, UpstreamError } from './UpstreamError';

const STREAM_TYPE = 'application/x-json-stream';

/** What only Rucio's wire format needs: its dates, errors and tokens. */

/** A token and when it lapses (ms). */
export interface Token {
  value: string;
  expiresAt: number;
  account?: string;
}

/** A measured login: when it happened and how long it took. */
export interface LoginMeasurement {
  at: number;
  durationMs: number;
}

/** Rucio prints datetimes as "Sun, 29 Nov 2026 22:39:24 UTC". */
export function parseRucioDate(value: string | null | undefined) {
  if (!value) return undefined;
  const ms = Date.parse(value.replace(/ UTC$/, ' GMT'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The `exp` of a JWT in ms, or undefined for any other token. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(
      Buffer.from(parts[1], 'base64url').toString('utf8'),
    );
    return typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a Rucio error says: ExceptionClass/ExceptionMessage as headers and as
 * a JSON body typed application/octet-stream, plain text for a crash, and
 * {error, error_description} from an OAuth 2.0 token endpoint.
 */
export function rucioErrorDetail(
  text: string,
  response: Response,
): ErrorDetail {
  let exceptionClass = response.headers.get('exceptionclass') ?? undefined;
  let message = response.headers.get('exceptionmessage') ?? undefined;
  try {
    const body = JSON.parse(text);
    exceptionClass = body.ExceptionClass ?? exceptionClass;
    message =
      body.ExceptionMessage ??
      (body.error
        ? `${body.error}${
            body.error_description ? ` (${body.error_description})` : ''
          }`
        : undefined) ??
      message;
  } catch {
    message ??= text.slice(0, 200) || undefined;
  }
  return { exceptionClass, message };
}

/** Reads an application/x-json-stream answer line by line. */
export async function readRucioStream(
  upstream: string,
  response: Response,
  path: string,
  onItem: (item: unknown) => void,
): Promise<number> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith(STREAM_TYPE)) {
    await response.body?.cancel();
    throw new UpstreamError({
      upstream,
      message: `answered ${path} with content type "${type}" instead of ${STREAM_TYPE}`,
    });
  }
  try {
    return await readNdjson(response.body, onItem);
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (
      (error as Error).name === 'SyntaxError' ||
      /line|truncated/.test((error as Error).message)
    ) {
      throw new UpstreamError({
        upstream,
        message: `sent a malformed ${path} stream: ${(error as Error).message}`,
      });
    }
    throw toUpstreamError(upstream, error);
  }
}

/** A JSON object answer, or an error naming the path. */
export function asObject(upstream: string, path: string, body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new UpstreamError({
      upstream,
      message: `answered ${path} with something other than a JSON object`,
    });
  }
  return body;
}

/** A JSON array answer, or an error naming the path. */
export function asArray(upstream: string, path: string, body: unknown) {
  if (!Array.isArray(body)) {
    throw new UpstreamError({
      upstream,
      message: `answered ${path} with something other than a JSON array`,
    });
  }
  return body;
}
