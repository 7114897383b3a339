import { RUCIO_ENVIRONMENT_ANNOTATION } from '@internal/plugin-rucio-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** @public */
export interface ValidationFinding {
  severity: 'error' | 'warning';
  /** Path relative to the repository root. */
  file: string;
  message: string;
}

/** @public */
export interface ValidationReport {
  valid: boolean;
  /** Relative paths of the YAML files read. */
  files: string[];
  findings: ValidationFinding[];
}

const YAML_FILE = /\.ya?ml$/;

async function listYamlFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') {
      continue;
    }
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listYamlFiles(root, relative)));
    } else if (YAML_FILE.test(entry.name)) {
      files.push(relative);
    }
  }
  return files;
}

/**
 * Validates a Rucio environment repository on disk. It reads files only, so it
 * also checks repositories edited by hand.
 *
 * @public
 */
export async function validateEnvironmentRepo(
  root: string,
): Promise<ValidationReport> {
  const findings: ValidationFinding[] = [];
  const files = await listYamlFiles(root);
  const documents = new Map<string, unknown[]>();

  for (const file of files) {
    const text = await fs.readFile(path.join(root, file), 'utf8');
    const parsed = parseAllDocuments(text);
    const docs = Array.isArray(parsed) ? parsed : [parsed];
    const values: unknown[] = [];
    for (const doc of docs) {
      for (const error of doc.errors) {
        findings.push({
          severity: 'error',
          file,
          message: `YAML does not parse: ${error.message.split('\n')[0]}`,
        });
      }
      if (!doc.errors.length) {
        values.push(doc.toJS());
      }
    }
    documents.set(file, values);
  }

  const catalogDocs = documents.get('catalog-info.yaml');
  if (!catalogDocs) {
    findings.push({
      severity: 'error',
      file: 'catalog-info.yaml',
      message:
        'catalog-info.yaml is missing; the environment cannot become a catalog entity',
    });
  } else {
    const system = catalogDocs.find(
      (doc): doc is { kind: string; metadata?: any } =>
        typeof doc === 'object' &&
        doc !== null &&
        (doc as { kind?: unknown }).kind === 'System',
    );
    if (!system) {
      findings.push({
        severity: 'error',
        file: 'catalog-info.yaml',
        message: 'catalog-info.yaml has no System entity for the environment',
      });
    } else if (!system.metadata?.annotations?.[RUCIO_ENVIRONMENT_ANNOTATION]) {
      findings.push({
        severity: 'error',
        file: 'catalog-info.yaml',
        message: `System "${system.metadata?.name}" lacks the ${RUCIO_ENVIRONMENT_ANNOTATION} annotation`,
      });
    }
  }

  return {
    valid: !findings.some(f => f.severity === 'error'),
    files,
    findings,
  };
}
