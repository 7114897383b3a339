import { ResponseError } from '@backstage/errors';
import type {
  GetRseSpaceResponse,
  GetEnvironmentResponse,
  GetHistoryResponse,
  HealthResponse,
  ListEnvironmentsResponse,
  ListRsesRequest,
  ListRsesResponse,
  ReadRseDetailsRequest,
  ReadRseDetailsResponse,
  RseRow,
  RucioStatusApi,
  SyncRequest,
  SyncResponse,
} from './api';

/** @public */
export interface RucioStatusClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** A fetch that adds the caller's Backstage credentials. */
  fetchApi: { fetch: typeof fetch };
}

/**
 * Client of the rucio backend plugin's REST API.
 *
 * @public
 */
export class RucioStatusClient implements RucioStatusApi {
  readonly #discoveryApi: RucioStatusClientOptions['discoveryApi'];
  readonly #fetchApi: RucioStatusClientOptions['fetchApi'];

  constructor(options: RucioStatusClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<HealthResponse> {
    return this.#request('/health');
  }

  async listEnvironments(): Promise<ListEnvironmentsResponse> {
    return this.#request('/environments');
  }

  async getEnvironment(name: string): Promise<GetEnvironmentResponse> {
    return this.#request(`/environments/${encodeURIComponent(name)}`);
  }

  async listRses(
    name: string,
    request: ListRsesRequest = {},
  ): Promise<ListRsesResponse> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) {
      if (value !== undefined && value !== '') {
        query.set(key, String(value));
      }
    }
    const suffix = query.size ? `?${query}` : '';
    return this.#request(
      `/environments/${encodeURIComponent(name)}/rses${suffix}`,
    );
  }

  /** Every RSE of an environment, read page by page. */
  async listAllRses(name: string, pageSize = 1000): Promise<RseRow[]> {
    const rows: RseRow[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.listRses(name, { offset, limit: pageSize });
      rows.push(...page.items);
      if (page.items.length < pageSize || rows.length >= page.total) {
        return rows;
      }
    }
  }

  async getHistory(name: string): Promise<GetHistoryResponse> {
    return this.#request(`/environments/${encodeURIComponent(name)}/history`);
  }

  async getRseSpace(name: string, rse: string): Promise<GetRseSpaceResponse> {
    return this.#request(
      `/environments/${encodeURIComponent(name)}/rses/${encodeURIComponent(
        rse,
      )}/space`,
    );
  }

  async refresh(name: string): Promise<void> {
    await this.#request(`/environments/${encodeURIComponent(name)}/refresh`, {
      method: 'POST',
    });
  }

  async sync(name: string, request: SyncRequest): Promise<SyncResponse> {
    return this.#request(`/environments/${encodeURIComponent(name)}/sync`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  /** For adoption (backend to backend): the details of up to 100 RSEs. */
  async readRseDetails(
    name: string,
    request: ReadRseDetailsRequest,
  ): Promise<ReadRseDetailsResponse> {
    return this.#request(
      `/environments/${encodeURIComponent(name)}/rses/details`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('rucio');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    // 202/204 answers (refresh) have no body.
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
