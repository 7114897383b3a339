/**
 * One problem the validator found in an environment repository.
 *
 * @public
 */
export interface ValidationFinding {
  severity: 'error' | 'warning';
  /** Path relative to the repository root. */
  file: string;
  message: string;
}
