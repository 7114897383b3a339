import { fetch, type Agent } from 'undici';
import { createDispatcher } from './createDispatcher';
import {
  toUpstreamError,
  unexpectedContentType,
  UpstreamError,
} from './UpstreamError';

/** One configured FTS3 server. */
export interface FtsServerConfig {
  url: string;
  monitoringUrl?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  token?: string;
}

/** States counted for the last hour, active ones first. */
export const FTS_JOB_STATES = [
  'SUBMITTED',
  'READY',
  'ACTIVE',
  'STAGING',
  'FINISHED',
  'FINISHEDDIRTY',
  'FAILED',
  'CANCELED',
] as const;

/** The only place that knows FTS3's REST wire format. */
export class FtsClient {
  static fromConfig(server: FtsServerConfig, key: string): FtsClient {
    return new FtsClient(server, createDispatcher(server, key));
  }

  readonly name: string;

  private constructor(
    readonly server: FtsServerConfig,
    private readonly dispatcher: Agent,
  ) {
    this.name = `FTS3 ${server.url}`;
  }

  async #get(path: string, signal: AbortSignal): Promise<unknown> {
    let response;
    try {
      response = await fetch(`${this.server.url}${path}`, {
        signal,
        dispatcher: this.dispatcher,
        headers: {
          Accept: 'application/json',
          ...(this.server.token
            ? { Authorization: `Bearer ${this.server.token}` }
            : {}),
        },
      });
    } catch (error) {
      throw toUpstreamError(this.name, error, signal);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      // FTS3 errors are {"status": "403 Forbidden", "message": "..."}, or HTML
      // when the auth middleware refuses before Flask sees the request.
      let detail = text
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
      try {
        detail = JSON.parse(text).message ?? detail;
      } catch {
        // not JSON
      }
      throw new UpstreamError({
        upstream: this.name,
        status: response.status,
        message: `answered ${response.status} for ${path.split('?')[0]}${
          detail ? `: ${detail}` : ''
        }`,
      });
    }
    const wrongType = unexpectedContentType(
      this.name,
      path,
      response.headers.get('content-type'),
    );
    if (wrongType) throw wrongType;
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError({
        upstream: this.name,
        message: `answered ${path.split('?')[0]} with a body that is not JSON`,
      });
    }
  }

  /** `GET /` — the version document; touches the FTS database. */
  async version(signal: AbortSignal): Promise<string | undefined> {
    const body = (await this.#get('/', signal)) as {
      api?: { major: number; minor: number; patch: number };
      core?: { major: number; minor: number; patch: number };
    };
    const v = body?.core ?? body?.api;
    return v ? `${v.major}.${v.minor}.${v.patch}` : undefined;
  }

  async whoami(signal: AbortSignal) {
    return (await this.#get('/whoami', signal)) as {
      user_dn?: string;
      delegation_id?: string;
      method?: string;
    };
  }

  /** The delegated proxy, or undefined when none is delegated (`null`). */
  async delegation(id: string, signal: AbortSignal) {
    return (await this.#get(
      `/delegation/${encodeURIComponent(id)}`,
      signal,
    )) as { termination_time?: string } | null;
  }

  /** Job counts per state over the last hour. */
  async jobCounts(signal: AbortSignal): Promise<Record<string, number>> {
    const body = await this.#get(
      `/jobs?state_in=${FTS_JOB_STATES.join(
        ',',
      )}&time_window=1&fields=job_state&limit=500`,
      signal,
    );
    if (!Array.isArray(body)) {
      throw new UpstreamError({
        upstream: this.name,
        message: 'answered /jobs with something other than a JSON array',
      });
    }
    const counts: Record<string, number> = {};
    for (const job of body as Array<{ job_state?: string }>) {
      const state = job.job_state ?? 'UNKNOWN';
      counts[state] = (counts[state] ?? 0) + 1;
    }
    return counts;
  }
}
