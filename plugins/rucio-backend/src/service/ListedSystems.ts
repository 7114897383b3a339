import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EnvironmentEntities,
  TrustedSystem,
} from '../clients/EnvironmentEntities';

/** As long as the router keeps a read decision. */
const TTL_MS = 10_000;

/**
 * The System shown for each environment in the list, shared by the lists
 * asked for within 10 s: a page of 50 environments otherwise asks the
 * catalog 50 times per load. Display only: ownership decisions read the
 * catalog themselves. A failed read is logged, shown as no System and not
 * kept.
 */
export class ListedSystems {
  static create(options: {
    entities?: Pick<EnvironmentEntities, 'system'>;
    logger: LoggerService;
  }) {
    return new ListedSystems(options);
  }

  readonly #cache = new Map<
    string,
    { at: number; system: Promise<TrustedSystem | undefined> }
  >();

  private constructor(
    private readonly options: {
      entities?: Pick<EnvironmentEntities, 'system'>;
      logger: LoggerService;
    },
  ) {}

  get(name: string): Promise<TrustedSystem | undefined> {
    const now = Date.now();
    const cached = this.#cache.get(name);
    if (cached && now - cached.at <= TTL_MS) return cached.system;
    const system = (
      this.options.entities?.system(name) ?? Promise.resolve(undefined)
    ).catch(error => {
      this.#cache.delete(name);
      this.options.logger.warn(
        `Could not read the System of Rucio environment ${name}: ${
          (error as Error).message
        }`,
      );
      return undefined;
    });
    this.#cache.set(name, { at: now, system });
    return system;
  }
}
