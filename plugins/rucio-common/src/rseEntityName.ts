const MAX_NAME = 63;

/** FNV-1a, 32 bits: a short, stable suffix without Node or browser APIs. */
function fnv1a(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The catalog name of the Resource entity of one RSE. The generator writes it
 * into `catalog-info.yaml` and the RSE entity provider emits it, so both name
 * the same RSE the same way.
 *
 * Rucio RSE names are upper-case letters and digits separated by `_` or `-`;
 * lower-cased after the environment name they are already valid entity names
 * (`_` and `-` are both separators) and distinct per RSE. Any other name (too
 * long, lower-case letters, other characters) keeps a cleaned prefix and a
 * hash of the original, so it stays distinct without depending on which other
 * RSEs exist.
 *
 * @public
 */
export function rseEntityName(environment: string, rse: string): string {
  const full = `${environment}-${rse}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const plain = `${environment}-${rse}`.toLowerCase();
  if (/^[A-Z0-9._-]+$/.test(rse) && full === plain && full.length <= MAX_NAME) {
    return full;
  }
  const prefix = full.slice(0, MAX_NAME - 9).replace(/[^a-z0-9]+$/, '');
  return `${prefix}-${fnv1a(`${environment}/${rse}`)}`;
}

/**
 * The page of one RSE in Rucio's WebUI (`src/app/(rucio)/rse/[name]` of
 * rucio/webui).
 *
 * @public
 */
export function rseWebUiUrl(webui: string, rse: string): string {
  return `${webui.replace(/\/$/, '')}/rse/${encodeURIComponent(rse)}`;
}
