/**
 * One generated file: a YAML document (or several), or text.
 *
 * @public
 */
export interface GeneratedFile {
  /** Relative to the repository's root. */
  path: string;
  /** Objects are written as YAML documents, strings as they are. */
  content: object | object[] | string;
}
