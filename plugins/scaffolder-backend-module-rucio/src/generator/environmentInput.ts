/**
 * What the template's form sends, made into what the spec schema reads:
 * empty fields dropped, the daemon list keyed by name, control characters
 * found before anything is parsed.
 */

/**
 * Template parameters the user left empty arrive as "" (or null); treat them
 * as not given, so that defaults apply and optional fields stay optional.
 */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, withoutEmpty(v)] as const)
        .filter(
          ([, v]) =>
            v !== '' &&
            v !== null &&
            v !== undefined &&
            // A section whose fields were all left empty was not given.
            !(
              typeof v === 'object' &&
              !Array.isArray(v) &&
              !Object.keys(v).length
            ),
        ),
    );
  }
  return value;
}

/**
 * The template's form gives daemons as a list of {name, replicas, threads};
 * the spec keys them by name. An empty list keeps the defaults.
 */
export function daemonsByName(value: unknown): unknown {
  const input = value as { daemons?: unknown } | undefined;
  if (!input || !Array.isArray(input.daemons)) return value;
  const { daemons, ...rest } = input;
  if (!daemons.length) return rest;
  return {
    ...rest,
    daemons: Object.fromEntries(
      (
        daemons as Array<{ name?: string; replicas?: number; threads?: number }>
      ).map(d => [
        d.name,
        { replicas: d.replicas ?? 1, threads: d.threads ?? 1 },
      ]),
    ),
  };
}

/**
 * Control characters (newlines, tabs, escapes) have no place in a name, URL
 * or path, and could smuggle lines into generated files.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function controlCharacters(value: unknown, at: string[] = []): string[] {
  if (typeof value === 'string') {
    return hasControlCharacters(value) ? [at.join('.') || '(input)'] : [];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      controlCharacters(v, [...at, k]),
    );
  }
  return [];
}

/**
 * "Invalid <what>: <field>: <rule>; …" for the issues of a failed parse, the
 * field named by its path (or `whole` for the value itself).
 */
export function describeIssues(
  what: string,
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  whole = what,
): string {
  return `Invalid ${what}: ${issues
    .map(i => `${i.path.map(String).join('.') || whole}: ${i.message}`)
    .join('; ')}`;
}
