import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { jsonBody, plainText, send, statusError } from './httpTransport';
import { UpstreamError } from './UpstreamError';

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
    const response = await send(this.name, `${base}/proxy${path}`, {
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
    const where = path.split('?')[0];
    if (!response.ok) {
      // A Kubernetes Status ({message}) or the plugin's {error: {message}}.
      throw await statusError(
        this.name,
        response,
        (text, r) => {
          try {
            const body = JSON.parse(text);
            return {
              message: body?.message ?? body?.error?.message ?? r.statusText,
            };
          } catch {
            return { message: plainText(text) || r.statusText };
          }
        },
        { path: where },
      );
    }
    return jsonBody(this.name, response, where, { allowEmpty: true });
  }

  /** Lists being read, by path and query: checks running together share one. */
  readonly #inFlight = new Map<string, Promise<unknown[]>>();

  /**
   * The items of a list, optionally filtered by label and field selectors.
   * Checks of one collection that ask for the same list at the same time
   * (the daemons, workloads and secrets checks all read the Deployments)
   * share one request; callers must not change the items.
   */
  async list<T>(
    path: string,
    options: {
      signal: AbortSignal;
      labelSelector?: string;
      fieldSelector?: string;
    },
  ): Promise<T[]> {
    const params = new URLSearchParams();
    if (options.labelSelector) {
      params.set('labelSelector', options.labelSelector);
    }
    if (options.fieldSelector) {
      params.set('fieldSelector', options.fieldSelector);
    }
    const query = params.size ? `?${params}` : '';
    const key = `${path}${query}`;
    const shared = this.#inFlight.get(key);
    if (shared) return (await shared) as T[];
    const read = this.readList(key, path, options.signal);
    this.#inFlight.set(key, read);
    try {
      return (await read) as T[];
    } finally {
      this.#inFlight.delete(key);
    }
  }

  private async readList(key: string, path: string, signal: AbortSignal) {
    const body = (await this.request(key, { signal })) as {
      items?: unknown[];
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
