import type { ValidationFinding } from './ValidationFinding';

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
 * Secrets the rucio charts' FTS3 proxy renewal writes itself: the names in
 * `ftsRenewal.additionalEnvs` RUCIO_FTS_SECRETS (rucio/containers,
 * fts-cron/renew_fts_proxy.sh.j2 runs `kubectl create secret` for each).
 */
function renewedProxySecrets(doc: unknown): string[] {
  const renewal = (doc as { ftsRenewal?: Record<string, unknown> } | undefined)
    ?.ftsRenewal;
  if (!renewal?.enabled || !Array.isArray(renewal.additionalEnvs)) return [];
  const env = (
    renewal.additionalEnvs as Array<{ name?: unknown; value?: unknown }>
  ).find(e => e?.name === 'RUCIO_FTS_SECRETS');
  return typeof env?.value === 'string' ? env.value.split(',') : [];
}

/**
 * Every Secret the manifests and Helm values read is provided: by an
 * ExternalSecret, a Certificate, a documented template under secrets/, or
 * the FTS3 proxy renewal.
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
      renewedProxySecrets(doc).forEach(name => provided.add(name));
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
