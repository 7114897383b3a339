import type { Agent } from 'undici';
import { createDispatcher } from './createDispatcher';
import { jsonBody, plainText, send, statusError } from './httpTransport';
import { UpstreamError } from './UpstreamError';

/** One configured FTS3 server. */
export interface FtsServerConfig {
  url: string;
  monitoringUrl?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  token?: string;
  proxyWarningHours?: number;
  proxyErrorHours?: number;
}

/** Final states: jobs in them have a `job_finished` time. */
export const FTS_FINAL_STATES = [
  'FINISHED',
  'FAILED',
  'FINISHEDDIRTY',
  'CANCELED',
] as const;

/** The most jobs `/jobs` returns (fts3rest jobs.py: limit 1–500). */
export const FTS_JOBS_LIMIT = 500;

function countStates(jobs: Array<{ job_state?: string }>) {
  const counts: Record<string, number> = {};
  for (const job of jobs) {
    const state = job.job_state ?? 'UNKNOWN';
    counts[state] = (counts[state] ?? 0) + 1;
  }
  return counts;
}

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
    const response = await send(this.name, `${this.server.url}${path}`, {
      signal,
      dispatcher: this.dispatcher,
      headers: {
        Accept: 'application/json',
        ...(this.server.token
          ? { Authorization: `Bearer ${this.server.token}` }
          : {}),
      },
    });
    if (!response.ok) {
      // FTS3 errors are {"status": "403 Forbidden", "message": "..."}, or HTML
      // when the auth middleware refuses before Flask sees the request.
      throw await statusError(
        this.name,
        response,
        text => {
          try {
            return { message: JSON.parse(text).message ?? plainText(text) };
          } catch {
            return { message: plainText(text) || undefined };
          }
        },
        { path },
      );
    }
    return jsonBody(this.name, response, path);
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

  async #jobs(query: string, signal: AbortSignal) {
    const body = await this.#get(`/jobs?${query}`, signal);
    if (!Array.isArray(body)) {
      throw new UpstreamError({
        upstream: this.name,
        message: 'answered /jobs with something other than a JSON array',
      });
    }
    return body as Array<{ job_state?: string }>;
  }

  /**
   * Jobs that reached a final state in the last hour, per state. FTS3 applies
   * `time_window` only with `state_in` and without `limit`, on `job_finished`
   * (fts3rest jobs.py); `dlg_id` keeps the jobs of this delegation, i.e. this
   * Rucio's.
   */
  async finishedJobCounts(
    delegationId: string | undefined,
    signal: AbortSignal,
  ): Promise<Record<string, number>> {
    const dlg = delegationId
      ? `dlg_id=${encodeURIComponent(delegationId)}&`
      : '';
    return countStates(
      await this.#jobs(
        `${dlg}state_in=${FTS_FINAL_STATES.join(
          ',',
        )}&time_window=1&fields=job_state`,
        signal,
      ),
    );
  }

  /**
   * Jobs not finished yet (submitted, ready, active, staging…), per state:
   * without `state_in` FTS3 returns only those, newest first, at most
   * {@link FTS_JOBS_LIMIT}; `capped` says the count stopped there.
   */
  async queuedJobCounts(
    signal: AbortSignal,
  ): Promise<{ counts: Record<string, number>; capped: boolean }> {
    const jobs = await this.#jobs(
      `fields=job_state&limit=${FTS_JOBS_LIMIT}`,
      signal,
    );
    return { counts: countStates(jobs), capped: jobs.length >= FTS_JOBS_LIMIT };
  }
}
