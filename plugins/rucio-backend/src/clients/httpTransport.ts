import { fetch, type Dispatcher, type Response } from 'undici';
import {
  toUpstreamError,
  unexpectedContentType,
  UpstreamError,
} from './UpstreamError';

/**
 * The one HTTP path of the Rucio, FTS3 and Kubernetes clients: send, then
 * status → error, content type and text → JSON, every failure an
 * {@link UpstreamError} naming the upstream. Each client adds only what its
 * upstream says in an error body.
 */

export interface HttpRequest {
  signal: AbortSignal;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  dispatcher?: Dispatcher;
  redirect?: 'manual' | 'follow';
}

/** What an upstream's error body says, as its client reads it. */
export interface ErrorDetail {
  exceptionClass?: string;
  message?: string;
}

/** Sends a request; refusals, TLS problems and aborts name the upstream. */
export async function send(
  upstream: string,
  url: string,
  init: HttpRequest,
): Promise<Response> {
  try {
    return await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      dispatcher: init.dispatcher,
      redirect: init.redirect ?? 'follow',
      signal: init.signal,
    });
  } catch (error) {
    throw toUpstreamError(upstream, error, init.signal);
  }
}

function pathOf(response: Response, path?: string) {
  return (path ?? new URL(response.url || 'http://x/').pathname).split('?')[0];
}

/**
 * A non-2xx answer as an error: "answered STATUS[ CLASS] for PATH[SUFFIX][:
 * DETAIL]", with the detail the client read from the body.
 */
export async function statusError(
  upstream: string,
  response: Response,
  readDetail: (text: string, response: Response) => ErrorDetail,
  options: { path?: string; suffix?: string } = {},
): Promise<UpstreamError> {
  const text = await response.text().catch(() => '');
  const { exceptionClass, message } = readDetail(text, response);
  return new UpstreamError({
    upstream,
    status: response.status,
    exceptionClass,
    message: `answered ${response.status}${
      exceptionClass ? ` ${exceptionClass}` : ''
    } for ${pathOf(response, options.path)}${options.suffix ?? ''}${
      message ? `: ${message}` : ''
    }`,
  });
}

/**
 * The body as JSON: JSON by its content type, and text that parses. With
 * `allowEmpty`, an empty body (a merge patch may answer one) is undefined.
 */
export async function jsonBody(
  upstream: string,
  response: Response,
  path?: string,
  options: { allowEmpty?: boolean } = {},
): Promise<unknown> {
  const where = pathOf(response, path);
  const text = await response.text();
  if (options.allowEmpty && !text) return undefined;
  const wrongType = unexpectedContentType(
    upstream,
    where,
    response.headers.get('content-type'),
  );
  if (wrongType) throw wrongType;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError({
      upstream,
      message: `answered ${where} with a body that is not JSON`,
    });
  }
}

/** An error body's text without markup, for upstreams that answer HTML. */
export function plainText(text: string, max = 200) {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
