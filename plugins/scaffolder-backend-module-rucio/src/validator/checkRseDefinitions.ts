import type { ValidationFinding } from './ValidationFinding';

/**
 * RSE definitions carry what the bootstrap Job needs, with Rucio ≥ 32's
 * priority semantics: a priority is a number, or null for "disabled".
 */
export function checkRseDefinitions(
  documents: Map<string, unknown[]>,
): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  for (const [file, docs] of documents) {
    if (!/^base\/rses\/[^/]+\.json$/.test(file)) continue;
    const d = docs[0] as
      | { rse?: unknown; rse_type?: unknown; protocols?: unknown }
      | undefined;
    const problem = (message: string) =>
      findings.push({ severity: 'error', file, message });
    if (typeof d?.rse !== 'string' || `base/rses/${d.rse}.json` !== file) {
      problem('"rse" must name the RSE the file is named after');
    }
    if (d?.rse_type !== 'DISK' && d?.rse_type !== 'TAPE') {
      problem('"rse_type" must be DISK or TAPE');
    }
    if (!Array.isArray(d?.protocols)) {
      problem('"protocols" must be a list of protocols');
      continue;
    }
    // Rucio keeps RSEs without protocols (an adopted one may be such).
    if (!d!.protocols.length) {
      findings.push({
        severity: 'warning',
        file,
        message: 'declares no protocol: Rucio cannot read or write it',
      });
    }
    for (const [i, p] of (
      d!.protocols as Array<Record<string, any>>
    ).entries()) {
      for (const key of ['scheme', 'hostname', 'impl']) {
        if (typeof p?.[key] !== 'string')
          problem(`protocols[${i}].${key} must be a string`);
      }
      if (typeof p?.port !== 'number')
        problem(`protocols[${i}].port must be a number`);
      for (const [domain, operations] of Object.entries(p?.domains ?? {})) {
        for (const [operation, priority] of Object.entries(
          operations as Record<string, unknown>,
        )) {
          if (priority !== null && typeof priority !== 'number') {
            problem(
              `protocols[${i}].domains.${domain}.${operation} must be a priority number or null (disabled)`,
            );
          }
        }
      }
    }
  }
  return findings;
}
