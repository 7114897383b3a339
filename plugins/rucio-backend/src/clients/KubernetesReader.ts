import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { fetch } from 'undici';
import {
  toUpstreamError,
  unexpectedContentType,
  UpstreamError,
} from './UpstreamError';

/**
 * Reads (and, for sync, patches) Kubernetes objects through the Kubernetes
 * plugin's proxy, so that clusters and their credentials come from the
 * Kubernetes plugin's own configuration and never from ours.
 */
export class KubernetesReader {
  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    cluster: string;
  }) {
    return new KubernetesReader(
      options.discovery,
      options.auth,
      options.cluster,
    );
  }

  readonly name: string;

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    readonly cluster: string,
  ) {
    this.name = `Kubernetes cluster ${cluster}`;
  }

  async request(
    path: string,
    init: {
      signal: AbortSignal;
      method?: string;
      body?: unknown;
      contentType?: string;
    },
  ): Promise<unknown> {
    const base = await this.discovery.getBaseUrl('kubernetes');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    let response;
    try {
      response = await fetch(`${base}/proxy${path}`, {
        method: init.method ?? 'GET',
        signal: init.signal,
        headers: {
          Authorization: `Bearer ${token}`,
          'Backstage-Kubernetes-Cluster': this.cluster,
          Accept: 'application/json',
          ...(init.body
            ? {
                'Content-Type':
                  init.contentType ?? 'application/merge-patch+json',
              }
            : {}),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
    } catch (error) {
      throw toUpstreamError(this.name, error, init.signal);
    }
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new UpstreamError({
        upstream: this.name,
        status: response.status,
        message: `answered ${path.split('?')[0]} with ${
          response.status
        } and a body that is not JSON`,
      });
    }
    if (!response.ok) {
      throw new UpstreamError({
        upstream: this.name,
        status: response.status,
        message: `answered ${response.status} for ${path.split('?')[0]}: ${
          body?.message ?? body?.error?.message ?? response.statusText
        }`,
      });
    }
    const wrongType =
      text &&
      unexpectedContentType(
        this.name,
        path,
        response.headers.get('content-type'),
      );
    if (wrongType) throw wrongType;
    return body;
  }

  /** The items of a list, optionally filtered by a label selector. */
  async list<T>(
    path: string,
    options: { signal: AbortSignal; labelSelector?: string },
  ): Promise<T[]> {
    const query = options.labelSelector
      ? `?labelSelector=${encodeURIComponent(options.labelSelector)}`
      : '';
    const body = (await this.request(`${path}${query}`, options)) as {
      items?: T[];
    };
    if (!Array.isArray(body?.items)) {
      throw new UpstreamError({
        upstream: this.name,
        message: `answered ${path} without an items list`,
      });
    }
    return body.items;
  }
}
