import type {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_SOURCE_LOCATION,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError, isError, NotFoundError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { type RseDefinition } from '@rucio-portal/plugin-rucio-common';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { mapLimit } from '../checks/mapLimit';
import type { EnvironmentEntities } from './EnvironmentEntities';

/** Where the generator writes RSE definitions and the kustomization packing them. */
const RSES_FOLDER = 'base/rses/';
const RSES_CONFIGMAP = 'rucio-rses';
const READ_CONCURRENCY = 8;

/** The environment repository of one environment, as its catalog entity names it. */
export interface RepositoryLocation {
  entityRef: string;
  /** The `base/rses/` folder, resolved against the entity's source location. */
  location: string;
}

/** The RSE definitions of one read of the repository. */
export interface RepositoryRses extends RepositoryLocation {
  definitions: RseDefinition[];
  readAt: string;
}

const protocolSchema = z
  .object({
    scheme: z.string().min(1),
    hostname: z.string().min(1),
    port: z.number().int().min(0),
    prefix: z.string().optional(),
    impl: z.string().optional(),
    domains: z
      .record(z.string(), z.record(z.string(), z.number().nullable()))
      .optional(),
    extended_attributes: z.unknown().optional(),
  })
  .loose();

const definitionSchema = z
  .object({
    rse: z.string().min(1),
    rse_type: z.string().optional(),
    attributes: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional(),
    protocols: z.array(protocolSchema).optional(),
    limits: z.record(z.string(), z.number()).optional(),
  })
  .loose();

const kustomizationSchema = z.object({
  configMapGenerator: z
    .array(
      z
        .object({
          name: z.string().optional(),
          files: z.array(z.string()).optional(),
        })
        .loose(),
    )
    .optional(),
});

type Limits = EnvironmentConfig['repository'];

interface Cached extends RepositoryRses {
  /** ETag and parsed content of every file read, by URL. */
  files: Map<string, { etag?: string; value: unknown }>;
}

/**
 * Reads the RSE definitions an environment repository declares: the files
 * that `base/rses/kustomization.yaml` packs into the `rucio-rses` ConfigMap,
 * which is what the repository's bootstrap Job applies. Reads go through
 * Backstage's URL readers (GitHub, GitLab, any host in `backend.reading`),
 * are bounded in file count and size, and reuse ETags between reads.
 */
export class EnvironmentRepository {
  static create(options: {
    entities: EnvironmentEntities;
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
  }) {
    return new EnvironmentRepository(options);
  }

  readonly #cache = new Map<string, Cached>();
  readonly #versions = new Map<
    string,
    { etag?: string; value: unknown; readAt: number }
  >();

  private constructor(
    private readonly deps: {
      entities: EnvironmentEntities;
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
    },
  ) {}

  /**
   * The System entity naming the environment and its `base/rses/` folder, or
   * why there is none (no entity names it, or it has no URL source).
   */
  async locate(
    environment: string,
  ): Promise<RepositoryLocation | { missing: string }> {
    const system = await this.deps.entities.system(environment);
    if (!system) {
      return {
        missing: `No catalog System speaks for this environment (the one its config names with system, or the one registered from its repository.url), so there is no repository to compare with.`,
      };
    }
    const { entity, ref } = system;
    const source = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
    let target: string | undefined;
    try {
      const parsed = source ? parseLocationRef(source) : undefined;
      target = parsed?.type === 'url' ? parsed.target : undefined;
    } catch {
      target = undefined;
    }
    if (!target) {
      return {
        missing: `${ref} has no ${ANNOTATION_SOURCE_LOCATION} of type url${
          source ? ` (it is ${source})` : ''
        }; register it from its repository, or set the annotation, to compare RSEs with Rucio.`,
      };
    }
    return {
      entityRef: ref,
      location: this.resolve(
        RSES_FOLDER,
        target.endsWith('/') ? target : `${target}/`,
      ),
    };
  }

  /** The declared RSEs; read again only `refreshMinutes` after the last read. */
  async readRses(
    environment: string,
    where: RepositoryLocation,
    limits: Limits,
    signal: AbortSignal,
  ): Promise<RepositoryRses> {
    const cached = this.#cache.get(environment);
    if (
      cached &&
      cached.location === where.location &&
      Date.now() - Date.parse(cached.readAt) < limits.refreshMinutes * 60_000
    ) {
      return cached;
    }
    const files = new Map<string, { etag?: string; value: unknown }>();
    const previous =
      cached?.location === where.location ? cached.files : new Map();
    const read = async (url: string, parse: (text: string) => unknown) => {
      const earlier = previous.get(url);
      const value = await this.readFile(url, earlier, limits, signal, parse);
      files.set(url, value);
      return value.value;
    };

    const kustomizationUrl = this.resolve('kustomization.yaml', where.location);
    const kustomization = kustomizationSchema.safeParse(
      await read(kustomizationUrl, parseYaml),
    );
    if (!kustomization.success) {
      throw new InputError(
        `${kustomizationUrl} is not a kustomization: ${kustomization.error.issues[0]?.message}`,
      );
    }
    const generator = kustomization.data.configMapGenerator?.find(
      g => g.name === RSES_CONFIGMAP,
    );
    if (!generator) {
      throw new InputError(
        `${kustomizationUrl} has no configMapGenerator named ${RSES_CONFIGMAP}, so it declares no RSEs.`,
      );
    }
    const names = (generator.files ?? [])
      // `key=path` names the key in the ConfigMap; the file is the path.
      .map(f => f.slice(f.indexOf('=') + 1))
      .filter(f => f.endsWith('.json'));
    const unsafe = names.find(
      f => !/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/.test(f),
    );
    if (unsafe) {
      throw new InputError(
        `${kustomizationUrl} lists ${unsafe}, which is not a file of ${where.location}.`,
      );
    }
    if (names.length > limits.maxFiles) {
      throw new InputError(
        `${kustomizationUrl} lists ${names.length} RSE files, more than repository.maxFiles (${limits.maxFiles}).`,
      );
    }
    const settled = await mapLimit(names, READ_CONCURRENCY, signal, name => {
      const url = this.resolve(name, where.location);
      return read(url, text => {
        const parsed = definitionSchema.safeParse(JSON.parse(text));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new InputError(
            `${url} is not an RSE definition: ${
              issue?.path.join('.') || 'file'
            } ${issue?.message}`,
          );
        }
        return parsed.data;
      });
    });
    const failed = settled.find(s => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const definitions = settled.map(
      s => (s as PromiseFulfilledResult<unknown>).value as RseDefinition,
    );
    const result: Cached = {
      ...where,
      definitions,
      readAt: new Date().toISOString(),
      files,
    };
    this.#cache.set(environment, result);
    return result;
  }

  /**
   * `spec.rucioVersion` of the repository's `rucio-environment.yaml` (two
   * folders above `base/rses/`), re-read with its ETag at most every
   * `refreshMinutes`.
   */
  async readRucioVersion(
    where: RepositoryLocation,
    limits: Limits,
    signal: AbortSignal,
  ): Promise<{ url: string; rucioVersion?: string }> {
    const url = this.resolve('../../rucio-environment.yaml', where.location);
    const cached = this.#versions.get(url);
    if (cached && Date.now() - cached.readAt < limits.refreshMinutes * 60_000) {
      return { url, rucioVersion: cached.value as string | undefined };
    }
    const read = await this.readFile(url, cached, limits, signal, text => {
      const version = (parseYaml(text) as { spec?: { rucioVersion?: unknown } })
        ?.spec?.rucioVersion;
      return version === undefined ? undefined : String(version);
    });
    this.#versions.set(url, { ...read, readAt: Date.now() });
    return { url, rucioVersion: read.value as string | undefined };
  }

  private resolve(url: string, base: string) {
    return this.deps.integrations.resolveUrl({ url, base });
  }

  private async readFile(
    url: string,
    earlier: { etag?: string; value: unknown } | undefined,
    limits: Limits,
    signal: AbortSignal,
    parse: (text: string) => unknown,
  ): Promise<{ etag?: string; value: unknown }> {
    let response: UrlReaderServiceReadUrlResponse;
    try {
      response = await this.deps.urlReader.readUrl(url, {
        etag: earlier?.etag,
        signal,
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError' && earlier) {
        return earlier;
      }
      if (isError(error) && error.name === 'NotFoundError') {
        throw new NotFoundError(`${url} was not found.`);
      }
      throw new Error(
        `Could not read ${url}: ${isError(error) ? error.message : error}`,
      );
    }
    const buffer = await readBounded(response, limits.maxFileBytes, url);
    try {
      return { etag: response.etag, value: parse(buffer.toString('utf8')) };
    } catch (error) {
      if (isError(error) && error.name === 'InputError') throw error;
      throw new InputError(
        `${url} could not be parsed: ${isError(error) ? error.message : error}`,
      );
    }
  }
}

/** The body, refused as soon as it grows past `max` bytes. */
async function readBounded(
  response: UrlReaderServiceReadUrlResponse,
  max: number,
  url: string,
): Promise<Buffer> {
  const tooLarge = () =>
    new InputError(
      `${url} is larger than repository.maxFileBytes (${max} bytes).`,
    );
  if (!response.stream) {
    const buffer = await response.buffer();
    if (buffer.length > max) throw tooLarge();
    return buffer;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = response.stream();
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
