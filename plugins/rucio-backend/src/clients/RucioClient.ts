import type { Agent, Response } from 'undici';
import type { RseProtocol } from '@rucio-portal/plugin-rucio-common';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { createDispatcher } from './createDispatcher';
import { jsonBody, send, statusError } from './httpTransport';
import { clientCredentialsToken } from './oidcClientCredentials';
import {
  asArray,
  asObject,
  jwtExpiry,
  type LoginMeasurement,
  parseRucioDate,
  readRucioStream,
  rucioErrorDetail,
  type Token,
} from './rucioWire';
import { UpstreamError } from './UpstreamError';
import type {
  RucioHeartbeat,
  RucioLinkMetrics,
  RucioRse,
  RucioRseUsage,
} from './rucioResources';

const JSON_TYPE = 'application/json';
const STREAM_TYPE = 'application/x-json-stream';
// Renew a little before Rucio would refuse the token.
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** A server without `/requests/metrics` is asked again after this long. */
const METRICS_RECHECK_MS = 60 * 60_000;

/**
 * The only place that knows Rucio's wire format: token headers, NDJSON
 * streams, and errors as `ExceptionClass`/`ExceptionMessage`.
 */
export class RucioClient {
  static fromEnvironment(env: EnvironmentConfig, key: string): RucioClient {
    const dispatcher = createDispatcher(
      {
        caFile: env.rucio.caFile,
        certFile: env.rucio.x509?.certFile,
        keyFile: env.rucio.x509?.keyFile,
      },
      `${key}.rucio`,
    );
    return new RucioClient(env, dispatcher);
  }

  #token?: Token;
  #pendingToken?: Promise<Token>;
  #lastLogin?: LoginMeasurement;
  #refusedSinceLogin = false;
  #metricsAbsentUntil = 0;

  private constructor(
    private readonly env: EnvironmentConfig,
    private readonly dispatcher: Agent,
  ) {}

  get serverName() {
    return `Rucio server ${this.env.rucio.url}`;
  }

  get authName() {
    return `Rucio auth ${this.env.rucio.authUrl}`;
  }

  get authMethod(): 'userpass' | 'x509' | 'oidc' | 'token' {
    if (this.env.rucio.userpass) return 'userpass';
    if (this.env.rucio.x509) return 'x509';
    if (this.env.rucio.oidc) return 'oidc';
    return 'token';
  }

  /** The last real login, kept across collections. */
  get lastLogin(): LoginMeasurement | undefined {
    return this.#lastLogin;
  }

  /**
   * Whether the auth check should log in for real: never measured, measured
   * more than `maxAgeMs` ago, or Rucio refused a token since.
   */
  loginDue(maxAgeMs: number): boolean {
    return (
      !this.#lastLogin ||
      this.#refusedSinceLogin ||
      Date.now() - this.#lastLogin.at >= maxAgeMs
    );
  }

  /** When a configured token lapses, when it is a JWT. */
  get configuredTokenExpiresAt(): number | undefined {
    return this.env.rucio.token ? jwtExpiry(this.env.rucio.token) : undefined;
  }

  /** `GET /ping` on the server (or the auth host): no token needed. */
  async ping(signal: AbortSignal, host: 'server' | 'auth' = 'server') {
    const base =
      host === 'server' ? this.env.rucio.url : this.env.rucio.authUrl;
    const name = host === 'server' ? this.serverName : this.authName;
    const response = await this.#send(name, `${base}/ping`, {
      signal,
      accept: JSON_TYPE,
    });
    const body = (await this.#json(name, response)) as { version?: unknown };
    if (typeof body?.version !== 'string') {
      throw new UpstreamError({
        upstream: name,
        message: 'answered /ping without a version',
      });
    }
    return { version: body.version };
  }

  /**
   * Logs in for real, whatever is cached, and caches the new token: the next
   * requests (and collections) reuse it until shortly before it expires.
   */
  async authenticate(signal: AbortSignal): Promise<Token> {
    const start = Date.now();
    const token = await this.#login(signal);
    if (this.authMethod !== 'token') {
      this.#lastLogin = { at: start, durationMs: Date.now() - start };
      this.#refusedSinceLogin = false;
    }
    this.#token = token;
    return token;
  }

  async #login(signal: AbortSignal): Promise<Token> {
    const { rucio } = this.env;
    if (rucio.token) {
      // A bearer token from the admin; Rucio reads it from X-Rucio-Auth-Token.
      return {
        value: rucio.token,
        expiresAt: jwtExpiry(rucio.token) ?? Number.POSITIVE_INFINITY,
      };
    }
    if (rucio.oidc) {
      return clientCredentialsToken(rucio.oidc, {
        signal,
        dispatcher: this.dispatcher,
      });
    }
    const headers: Record<string, string> = { 'X-Rucio-AppID': 'backstage' };
    if (rucio.account) headers['X-Rucio-Account'] = rucio.account;
    if (rucio.vo) headers['X-Rucio-VO'] = rucio.vo;
    let path = '/auth/x509';
    if (rucio.userpass) {
      path = '/auth/userpass';
      headers['X-Rucio-Username'] = rucio.userpass.username;
      headers['X-Rucio-Password'] = rucio.userpass.password;
    }
    const response = await this.#send(
      this.authName,
      `${rucio.authUrl}${path}`,
      {
        signal,
        headers,
      },
    );
    await response.body?.cancel();
    const value = response.headers.get('x-rucio-auth-token');
    if (!value) {
      throw new UpstreamError({
        upstream: this.authName,
        message: `answered ${path} with ${response.status} but no X-Rucio-Auth-Token header`,
      });
    }
    const expires = parseRucioDate(
      response.headers.get('x-rucio-auth-token-expires'),
    );
    return {
      value,
      // Without an expiry header, assume Rucio's fixed one-hour lifetime.
      expiresAt: expires ?? Date.now() + 3600_000,
      account: response.headers.get('x-rucio-auth-account') ?? undefined,
    };
  }

  /** The cached token, renewed when it is about to expire. */
  async token(signal: AbortSignal): Promise<Token> {
    if (this.#token && this.#token.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
      return this.#token;
    }
    // Concurrent checks share one login.
    this.#pendingToken ??= this.authenticate(signal).finally(() => {
      this.#pendingToken = undefined;
    });
    return this.#pendingToken;
  }

  /** When the cached token expires, or undefined before the first login. */
  get tokenExpiresAt(): number | undefined {
    return this.#token?.expiresAt;
  }

  /**
   * The account the credentials map to, from `GET /accounts/whoami`: a 303
   * to the account, or, before Rucio commit cb1ba78 (June 2026) and behind a
   * proxy that sets X-Requested-Host, a 302 to `<frontend>/accounts/<account>`.
   */
  async whoami(signal: AbortSignal): Promise<string> {
    const response = await this.#authed('/accounts/whoami', {
      signal,
      accept: JSON_TYPE,
      redirect: 'manual',
    });
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (![302, 303].includes(response.status) || !location) {
      throw new UpstreamError({
        upstream: this.serverName,
        status: response.status,
        message: `answered /accounts/whoami with ${response.status} instead of a redirect to the account`,
      });
    }
    return decodeURIComponent(location.split('/').filter(Boolean).pop()!);
  }

  async listRses(
    signal: AbortSignal,
    onRse: (rse: RucioRse) => void,
  ): Promise<number> {
    const response = await this.#authed('/rses/', {
      signal,
      accept: STREAM_TYPE,
    });
    return readRucioStream(this.serverName, response, '/rses/', item =>
      onRse(item as RucioRse),
    );
  }

  /**
   * `GET /requests/metrics` (Rucio ≥ 33): one line per source → destination
   * link. Undefined where the route does not exist (404 before 33), without
   * asking again for an hour: an upgrade is rare, collections are not.
   */
  async getRequestMetrics(
    signal: AbortSignal,
  ): Promise<RucioLinkMetrics[] | undefined> {
    if (Date.now() < this.#metricsAbsentUntil) return undefined;
    let response: Response;
    try {
      response = await this.#authed('/requests/metrics', {
        signal,
        accept: STREAM_TYPE,
      });
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        this.#metricsAbsentUntil = Date.now() + METRICS_RECHECK_MS;
        return undefined;
      }
      throw error;
    }
    const rows: RucioLinkMetrics[] = [];
    await readRucioStream(
      this.serverName,
      response,
      '/requests/metrics',
      item => rows.push(item as RucioLinkMetrics),
    );
    return rows;
  }

  async getRseAttributes(rse: string, signal: AbortSignal) {
    const path = `/rses/${encodeURIComponent(rse)}/attr/`;
    const response = await this.#authed(path, { signal, accept: JSON_TYPE });
    return asObject(
      this.serverName,
      path,
      await this.#json(this.serverName, response),
    ) as Record<string, string | boolean | number>;
  }

  async getRseUsage(rse: string, signal: AbortSignal) {
    const path = `/rses/${encodeURIComponent(rse)}/usage`;
    const response = await this.#authed(path, { signal, accept: STREAM_TYPE });
    const rows: RucioRseUsage[] = [];
    await readRucioStream(this.serverName, response, path, item =>
      rows.push(item as RucioRseUsage),
    );
    return rows;
  }

  async getRseLimits(rse: string, signal: AbortSignal) {
    const path = `/rses/${encodeURIComponent(rse)}/limits`;
    const response = await this.#authed(path, { signal, accept: JSON_TYPE });
    return asObject(
      this.serverName,
      path,
      await this.#json(this.serverName, response),
    ) as Record<string, number>;
  }

  async getRseProtocols(rse: string, signal: AbortSignal) {
    const path = `/rses/${encodeURIComponent(rse)}/protocols`;
    const response = await this.#authed(path, { signal, accept: JSON_TYPE });
    return asArray(
      this.serverName,
      path,
      await this.#json(this.serverName, response),
    ) as RseProtocol[];
  }

  async listHeartbeats(signal: AbortSignal): Promise<RucioHeartbeat[]> {
    const response = await this.#authed('/heartbeats', {
      signal,
      accept: JSON_TYPE,
    });
    return asArray(
      this.serverName,
      '/heartbeats',
      await this.#json(this.serverName, response),
    ) as RucioHeartbeat[];
  }

  /** A request with the token; one renewal and retry on 401. */
  async #authed(
    path: string,
    init: { signal: AbortSignal; accept: string; redirect?: 'manual' },
  ): Promise<Response> {
    const url = `${this.env.rucio.url}${path}`;
    const attempt = async () => {
      const token = await this.token(init.signal);
      return this.#send(this.serverName, url, {
        ...init,
        headers: { 'X-Rucio-Auth-Token': token.value },
        allow401: true,
      });
    };
    let response = await attempt();
    if (response.status === 401 && !this.env.rucio.token) {
      await response.body?.cancel();
      this.#token = undefined;
      this.#refusedSinceLogin = true;
      response = await attempt();
      if (response.status === 401) {
        throw await this.#error(
          this.serverName,
          response,
          ' after token renewal',
        );
      }
    } else if (response.status === 401) {
      throw await this.#error(
        this.serverName,
        response,
        ' to the configured token',
      );
    }
    return response;
  }

  async #send(
    upstream: string,
    url: string,
    init: {
      signal: AbortSignal;
      accept?: string;
      headers?: Record<string, string>;
      redirect?: 'manual';
      allow401?: boolean;
      method?: 'GET' | 'POST';
      body?: string;
    },
  ): Promise<Response> {
    const response = await send(upstream, url, {
      signal: init.signal,
      dispatcher: this.dispatcher,
      method: init.method,
      body: init.body,
      redirect: init.redirect,
      headers: {
        ...(init.accept ? { Accept: init.accept } : {}),
        ...(this.env.rucio.vo ? { 'X-Rucio-VO': this.env.rucio.vo } : {}),
        ...init.headers,
      },
    });
    const ok =
      response.ok ||
      (init.redirect === 'manual' &&
        response.status >= 300 &&
        response.status < 400) ||
      (init.allow401 && response.status === 401);
    if (!ok) {
      throw await this.#error(upstream, response);
    }
    return response;
  }

  #error(upstream: string, response: Response, suffix = '') {
    return statusError(upstream, response, rucioErrorDetail, { suffix });
  }

  #json(upstream: string, response: Response): Promise<unknown> {
    return jsonBody(upstream, response);
  }
}
