import { createHash } from 'node:crypto';

/** A serialized response body and its weak ETag. */
export interface CachedBody {
  json: string;
  etag: string;
}

/**
 * The environment route's body, serialized once per distinct answer: the
 * same snapshot for the same rights is sent again as the same bytes with the
 * same ETag, without building and hashing it on every read.
 */
export class EnvironmentBodyCache {
  static create(options: { maxEntries?: number } = {}) {
    return new EnvironmentBodyCache(options.maxEntries ?? 256);
  }

  readonly #entries = new Map<string, CachedBody>();

  private constructor(private readonly maxEntries: number) {}

  /** `key` must name everything the body depends on. */
  get(key: string, build: () => unknown): CachedBody {
    const hit = this.#entries.get(key);
    if (hit) return hit;
    const json = JSON.stringify(build());
    const hash = createHash('sha1').update(json).digest('base64url');
    const entry = { json, etag: `W/"${hash}"` };
    if (this.#entries.size >= this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(key, entry);
    return entry;
  }
}
