import type { IncomingMessage, ServerResponse } from 'node:http';

/** How the demo's Rucio writes answers: Rucio's headers, errors and bodies. */

export const STREAM = 'application/x-json-stream';
export const JSON_TYPE = 'application/json';

/** Rucio's datetime format: "Sun, 29 Nov 2026 22:39:24 UTC". */
export function rucioDate(ms: number) {
  return new Date(ms).toUTCString().replace('GMT', 'UTC');
}

/** Rucio's `/accounts/<a>` format: "2026-11-29T22:42:30". */
export function isoSeconds(ms: number) {
  return new Date(ms).toISOString().slice(0, 19);
}

// Headers every Rucio answer carries (rucio-real-server.md).
export const COMMON = {
  'Access-Control-Allow-Origin': 'None',
  'Access-Control-Allow-Headers': 'None',
  'Access-Control-Allow-Methods': '*',
  'Access-Control-Allow-Credentials': 'true',
};
export const GET_HEADERS = {
  ...COMMON,
  'Cache-Control': 'post-check=0, pre-check=0',
  Pragma: 'no-cache',
};

export function error(
  res: ServerResponse,
  status: number,
  exceptionClass: string,
  message: string,
) {
  const body = JSON.stringify({
    ExceptionClass: exceptionClass,
    ExceptionMessage: message,
  });
  res.writeHead(status, {
    ...COMMON,
    'Content-Type': 'application/octet-stream',
    ExceptionClass: exceptionClass,
    ExceptionMessage: message.replace(/\n/g, ' ').slice(0, 125),
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Werkzeug matching: no Accept header or `*\/*` passes, otherwise one of the types must be listed. */
function accepts(req: IncomingMessage, types: string[]) {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept
    .split(',')
    .map(part => part.split(';')[0].trim())
    .some(type => type === '*/*' || types.includes(type));
}

/** Answers 406 as Rucio does when the Accept header names none of `types`. */
export function refuseUnaccepted(
  req: IncomingMessage,
  res: ServerResponse,
  types: string[],
  message = `The requested content type ${req.headers.accept} is not supported. Use ${types[0]}.`,
) {
  if (accepts(req, types)) return false;
  error(res, 406, 'UnsupportedRequestedContentType', message);
  return true;
}

export function json(res: ServerResponse, body: unknown, newline = false) {
  const text = `${JSON.stringify(body)}${newline ? '\n' : ''}`;
  res.writeHead(200, {
    ...GET_HEADERS,
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Streams one JSON object per line, as Rucio's try_stream() does. */
export function stream(res: ServerResponse, items: Iterable<unknown>) {
  res.writeHead(200, { ...GET_HEADERS, 'Content-Type': STREAM });
  for (const item of items) {
    res.write(`${JSON.stringify(item)}\n`);
  }
  res.end();
}
