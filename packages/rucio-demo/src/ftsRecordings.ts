import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One exchange recorded from the real FTS3 REST server (fts-rest-flask v3.13.4). */
export interface FtsRecording {
  /** File name without `.txt`, e.g. `48_jobs_rucio_query_latest`. */
  name: string;
  method: string;
  /** Path and query as sent. */
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Every recording, in file order. For tests: the other packages' load this
 * package as CommonJS (hence `__dirname` by default); its own run as ES
 * modules and name the fixtures folder.
 */
export function readFtsRecordings(
  // Tests run from source, where the fixtures sit beside src/.
  // eslint-disable-next-line no-restricted-syntax
  fixtures = path.resolve(__dirname, '../fixtures'),
): FtsRecording[] {
  const DIR = path.join(fixtures, 'fts-rest-3.13.4/recordings');
  return readdirSync(DIR)
    .filter(f => f.endsWith('.txt'))
    .sort()
    .map(file => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const [head, ...rest] = text.split(/\r?\n\r?\n/);
      const [request, statusLine, ...headerLines] = head.split(/\r?\n/);
      const [, method, requestPath] = request.match(/^### (\S+) (\S+)/)!;
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      return {
        name: file.replace(/\.txt$/, ''),
        method,
        path: requestPath,
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: rest.join('\n\n').replace(/\n$/, ''),
      };
    });
}
