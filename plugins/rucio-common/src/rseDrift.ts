/**
 * Drift between the RSEs an environment repository declares
 * (`base/rses/<RSE>.json`, as the scaffolder generates them) and the RSEs
 * Rucio serves. The rules are those of the repository's own bootstrap Job
 * (`apply_rses.py`): a drift item is what that Job would change or report as
 * undeclared on its next run.
 */

/** How Rucio reaches an RSE: the fields of `GET /rses/<rse>/protocols`. @public */
export interface RseProtocol {
  scheme: string;
  hostname: string;
  port: number;
  prefix?: string;
  impl?: string;
  domains?: Record<string, Record<string, number | null>>;
  extended_attributes?: unknown;
}

/** One `base/rses/<RSE>.json` of an environment repository. @public */
export interface RseDefinition {
  rse: string;
  rse_type?: string;
  attributes?: Record<string, string | number | boolean>;
  protocols?: RseProtocol[];
  limits?: Record<string, number>;
}

/** What Rucio serves of one RSE, as the RSE check stores it. @public */
export interface ServedRse {
  name: string;
  attributes: Record<string, string | boolean>;
  protocols?: RseProtocol[];
  limits?: Record<string, number>;
  /** Unset until the RSE's details were read; then only presence compares. */
  detailsCheckedAt?: string;
}

/** @public */
export type DriftKind =
  | 'missing'
  | 'undeclared'
  | 'attribute'
  | 'protocol'
  | 'limit';

/**
 * One difference. `repository` and `rucio` hold each side's value as text;
 * a side without the item says `absent`.
 *
 * @public
 */
export interface DriftItem {
  rse: string;
  kind: DriftKind;
  /** The attribute or limit name, or `scheme://host:port[ field]` of a protocol. */
  key?: string;
  repository: string;
  rucio: string;
}

/**
 * The order drift items come in, what matters first: whole RSEs, then how
 * Rucio reaches them, then their limits, then their attributes.
 *
 * @public
 */
export const DRIFT_KINDS: readonly DriftKind[] = [
  'missing',
  'undeclared',
  'protocol',
  'limit',
  'attribute',
];

/** @public */
export interface RseDriftResult {
  /** In `DRIFT_KINDS` order, then by RSE name, then by key. */
  items: DriftItem[];
  /** How many items of each kind. */
  counts: Record<DriftKind, number>;
  /** Declared RSEs served by Rucio whose details were compared. */
  compared: number;
  /** Declared RSEs served by Rucio whose details were not read yet. */
  notRead: string[];
}

/** The protocol fields Rucio stores and the Job updates. */
const PROTOCOL_FIELDS = [
  'prefix',
  'impl',
  'domains',
  'extended_attributes',
] as const;

const ABSENT = 'absent';

function text(value: unknown): string {
  if (value === undefined) return ABSENT;
  return typeof value === 'string' ? value : stableJson(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        k =>
          `${JSON.stringify(k)}:${stableJson(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Rucio keeps booleans and returns every other attribute value as a string. */
function sameAttribute(declared: unknown, served: unknown): boolean {
  if (typeof declared === 'boolean' || typeof served === 'boolean') {
    return declared === served;
  }
  return String(declared) === String(served);
}

/** Rucio fills operations a protocol does not name, so only declared ones compare. */
function sameDomains(declared: RseProtocol['domains'], served: unknown) {
  const existing = (served ?? {}) as RseProtocol['domains'] & object;
  return Object.entries(declared ?? {}).every(([domain, operations]) =>
    Object.entries(operations ?? {}).every(
      ([operation, value]) =>
        (existing[domain]?.[operation] ?? null) === (value ?? null),
    ),
  );
}

/**
 * How a protocol is named in drift items: `scheme://hostname:port`.
 *
 * @public
 */
export function protocolKey(
  p: Pick<RseProtocol, 'scheme' | 'hostname' | 'port'>,
) {
  return `${p.scheme}://${p.hostname}:${Number(p.port)}`;
}

function compareDetails(
  definition: RseDefinition,
  served: ServedRse,
  items: DriftItem[],
) {
  const rse = definition.rse;
  for (const [key, value] of Object.entries(definition.attributes ?? {})) {
    const actual = served.attributes[key];
    if (actual === undefined || !sameAttribute(value, actual)) {
      items.push({
        rse,
        kind: 'attribute',
        key,
        repository: text(value),
        rucio: text(actual),
      });
    }
  }

  const existing = new Map(
    (served.protocols ?? []).map(p => [protocolKey(p), p]),
  );
  const declared = new Set<string>();
  for (const protocol of definition.protocols ?? []) {
    const key = protocolKey(protocol);
    declared.add(key);
    const actual = existing.get(key);
    if (!actual) {
      items.push({
        rse,
        kind: 'protocol',
        key,
        repository: key,
        rucio: ABSENT,
      });
      continue;
    }
    for (const field of PROTOCOL_FIELDS) {
      if (!(field in protocol)) continue;
      const same =
        field === 'domains'
          ? sameDomains(protocol.domains, actual.domains)
          : stableJson(protocol[field]) === stableJson(actual[field]);
      if (!same) {
        items.push({
          rse,
          kind: 'protocol',
          key: `${key} ${field}`,
          repository: text(protocol[field]),
          rucio: text(actual[field]),
        });
      }
    }
  }
  for (const key of [...existing.keys()].sort()) {
    if (!declared.has(key)) {
      items.push({
        rse,
        kind: 'protocol',
        key,
        repository: ABSENT,
        rucio: key,
      });
    }
  }

  for (const [key, value] of Object.entries(definition.limits ?? {})) {
    const actual = served.limits?.[key];
    if (actual !== value) {
      items.push({
        rse,
        kind: 'limit',
        key,
        repository: text(value),
        rucio: text(actual),
      });
    }
  }
}

/**
 * Compares declared RSEs with served ones. RSEs whose details Rucio has not
 * been asked for yet are compared by presence only and listed in `notRead`.
 *
 * @public
 */
export function rseDrift(
  definitions: RseDefinition[],
  served: ServedRse[],
): RseDriftResult {
  const byName = new Map(served.map(r => [r.name, r]));
  const items: DriftItem[] = [];
  const notRead: string[] = [];
  let compared = 0;
  for (const definition of [...definitions].sort((a, b) =>
    a.rse.localeCompare(b.rse),
  )) {
    const actual = byName.get(definition.rse);
    if (!actual) {
      items.push({
        rse: definition.rse,
        kind: 'missing',
        repository: 'declared',
        rucio: ABSENT,
      });
    } else if (!actual.detailsCheckedAt) {
      notRead.push(definition.rse);
    } else {
      compared++;
      compareDetails(definition, actual, items);
    }
  }
  const declared = new Set(definitions.map(d => d.rse));
  for (const name of [...byName.keys()].sort()) {
    if (!declared.has(name)) {
      items.push({
        rse: name,
        kind: 'undeclared',
        repository: ABSENT,
        rucio: 'served',
      });
    }
  }
  // Code-point order, so that the validate action and the check agree.
  const rank = (kind: DriftKind) => DRIFT_KINDS.indexOf(kind);
  const order = (a: string, b: string) => Number(a > b) - Number(a < b);
  items.sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      order(a.rse, b.rse) ||
      order(a.key ?? '', b.key ?? ''),
  );
  return { items, counts: driftCounts(items), compared, notRead };
}

/**
 * How many items of each kind a list holds.
 *
 * @public
 */
export function driftCounts(items: DriftItem[]): Record<DriftKind, number> {
  const counts = Object.fromEntries(DRIFT_KINDS.map(k => [k, 0])) as Record<
    DriftKind,
    number
  >;
  for (const item of items) counts[item.kind]++;
  return counts;
}
