/**
 * The signal channel on which the backend announces each stored snapshot of
 * an environment, and what it says.
 *
 * @public
 */
export function rucioEnvironmentChannel(environment: string): string {
  return `rucio:environment:${environment}`;
}

/** @public */
export type RucioEnvironmentSignal = {
  environment: string;
  collectedAt: string;
};
