/** One generated file: a YAML document (or several), or text. */
export interface GeneratedFile {
  path: string;
  content: object | object[] | string;
}
