import { readFileSync } from 'node:fs';
import { Agent } from 'undici';

/** TLS material for one upstream, read from files named in admin config. */
export interface TlsFiles {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/**
 * An HTTP agent carrying an upstream's CA bundle and client certificate. Files
 * are read once, at start-up, so that a missing file stops the backend with a
 * clear error instead of failing every collection.
 */
export function createDispatcher(files: TlsFiles, key: string): Agent {
  const read = (file: string | undefined, what: string) => {
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(
        `Invalid Rucio configuration: ${key}.${what}: cannot read ${file} (${
          (error as NodeJS.ErrnoException).code ?? error
        })`,
      );
    }
  };
  return new Agent({
    connect: {
      ca: read(files.caFile, 'caFile'),
      cert: read(files.certFile, 'certFile'),
      key: read(files.keyFile, 'keyFile'),
    },
    keepAliveTimeout: 30_000,
  });
}
