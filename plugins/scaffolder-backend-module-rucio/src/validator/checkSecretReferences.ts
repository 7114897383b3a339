import type { ValidationFinding } from './validateEnvironmentRepo';

/** Names of Secrets that a document reads (env, volumes, chart secretMounts). */
function referencedSecrets(value: unknown, into: Set<string>) {
  if (Array.isArray(value)) {
    value.forEach(v => referencedSecrets(v, into));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const v = value as Record<string, unknown>;
  const ref = v.secretKeyRef as { name?: unknown } | undefined;
  if (typeof ref?.name === 'string') into.add(ref.name);
  const secret = v.secret as { secretName?: unknown } | undefined;
  if (typeof secret?.secretName === 'string') into.add(secret.secretName);
  if (typeof v.secretFullName === 'string') into.add(v.secretFullName);
  Object.values(v).forEach(child => referencedSecrets(child, into));
}

/**
 * Every Secret the manifests and Helm values read is provided: by an
 * ExternalSecret, a Certificate, or a documented template under secrets/.
 */
export function checkSecretReferences(
  documents: Map<string, unknown[]>,
): ValidationFinding[] {
  const provided = new Set<string>();
  for (const [file, docs] of documents) {
    for (const doc of docs) {
      const d = doc as {
        kind?: string;
        metadata?: { name?: string };
        spec?: { target?: { name?: string }; secretName?: string };
      };
      if (d?.kind === 'ExternalSecret') {
        provided.add(d.spec?.target?.name ?? d.metadata?.name ?? '');
      } else if (d?.kind === 'Certificate' && d.spec?.secretName) {
        provided.add(d.spec.secretName);
      } else if (d?.kind === 'Secret' && file.startsWith('secrets/')) {
        provided.add(d.metadata?.name ?? '');
      }
    }
  }
  const findings: ValidationFinding[] = [];
  for (const [file, docs] of documents) {
    if (file.startsWith('secrets/')) continue;
    const used = new Set<string>();
    referencedSecrets(docs, used);
    for (const name of [...used].sort()) {
      if (!provided.has(name)) {
        findings.push({
          severity: 'error',
          file,
          message: `Secret ${name} is read here but neither an ExternalSecret, a Certificate nor a template in secrets/ provides it`,
        });
      }
    }
  }
  return findings;
}
