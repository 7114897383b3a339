import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(
  __dirname,
  '../../../../packages/rucio-demo/fixtures',
);

/** The recorded Rucio releases; 40.4.1 answered the same requests as 1.31.7. */
export const RUCIO_VERSIONS = ['1.31.7', '40.4.1'] as const;
export type RucioVersion = (typeof RUCIO_VERSIONS)[number];

const FOLDERS: Record<RucioVersion, string> = {
  '1.31.7': 'rucio-1.31.7',
  '40.4.1': 'rucio-40.4.1/replay-of-1.31.7-requests',
};

export interface RecordedExchange {
  request: { method: string; path: string; headers: Record<string, string> };
  response: {
    status: number;
    headers: Array<[string, string]>;
    body: string;
  };
}

/** One exchange recorded from a real Rucio server (1.31.7 unless named). */
export function recorded(
  name: string,
  version: RucioVersion = '1.31.7',
): RecordedExchange {
  return JSON.parse(
    readFileSync(path.join(FIXTURES, FOLDERS[version], `${name}.json`), 'utf8'),
  );
}

/** Writes a recorded response as the real server sent it. */
export function replay(
  res: ServerResponse,
  exchange: RecordedExchange,
  replace: Record<string, string> = {},
) {
  const headers: Record<string, string[]> = {};
  for (const [key, value] of exchange.response.headers) {
    if (/^(content-length|connection|date|server)$/i.test(key)) continue;
    let v = value;
    for (const [from, to] of Object.entries(replace)) v = v.replace(from, to);
    (headers[key] ??= []).push(v);
  }
  res.writeHead(exchange.response.status, headers);
  res.end(exchange.response.body);
}

/** A loopback port on which nothing listens. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** A loopback server answering with `handler`; closed by the returned function. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const server = createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
