import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  type RseDefinition,
} from '@rucio-portal/plugin-rucio-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { unknownKeys, type ChartName } from '../generator/chartValues';
import {
  ENVIRONMENT_FILE,
  readEnvironmentFile,
} from '../generator/environmentFile';
import { checkGeneratedFiles } from './checkGeneratedFiles';
import { checkKustomizations } from './checkKustomizations';
import { checkRseDefinitions } from './checkRseDefinitions';
import { checkSecretReferences } from './checkSecretReferences';
import { checkVaultMounts } from './checkVaultMounts';
import { validateManifest } from './manifestSchemas';
import type { ValidationFinding } from './ValidationFinding';

function describe(doc: unknown) {
  const d = doc as { kind?: string; metadata?: { name?: string } };
  return `${d?.kind ?? 'document'} ${d?.metadata?.name ?? ''}`.trim();
}

/** @public */
export interface ValidationReport {
  valid: boolean;
  /** Relative paths of the YAML files read. */
  files: string[];
  findings: ValidationFinding[];
  /** The RSE definitions of `base/rses/`, as parsed. */
  rseDefinitions: RseDefinition[];
}

const YAML_FILE = /\.(ya?ml|json)$/;

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
    // Dirents are not followed: a symbolic link (which could point outside
    // the repository) is neither a directory nor a file here.
    if (entry.isDirectory()) {
      files.push(...(await listYamlFiles(root, relative)));
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
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
    if (file.endsWith('.json')) {
      try {
        documents.set(file, [JSON.parse(text)]);
      } catch (error) {
        findings.push({
          severity: 'error',
          file,
          message: `JSON does not parse: ${(error as Error).message}`,
        });
        documents.set(file, []);
      }
      continue;
    }
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

  for (const [file, docs] of documents) {
    // Helm values: values/<overlay>/<release>.yaml; rucio-auth uses the server chart.
    const release = file.match(
      /^(?:overlays\/[^/]+\/)?values\/(?:[^/]+\/)?(rucio-[a-z]+)\.yaml$/,
    )?.[1];
    const chart: ChartName | undefined =
      release === 'rucio-auth'
        ? 'rucio-server'
        : (release as ChartName | undefined);
    if (
      chart &&
      ['rucio-server', 'rucio-daemons', 'rucio-webui'].includes(chart)
    ) {
      for (const key of unknownKeys(chart, docs[0])) {
        findings.push({
          severity: 'error',
          file,
          message: `${key} is not a value of the ${chart} chart`,
        });
      }
      const values = docs[0] as
        | { image?: { tag?: unknown }; replicaCount?: unknown }
        | undefined;
      if (!values?.image?.tag) {
        findings.push({
          severity: 'error',
          file,
          message: 'image.tag must be set explicitly',
        });
      }
      if (
        chart !== 'rucio-daemons' &&
        typeof values?.replicaCount !== 'number'
      ) {
        findings.push({
          severity: 'error',
          file,
          message:
            'replicaCount must be set explicitly (the chart renders nothing at 0)',
        });
      }
    }
    for (const doc of docs) {
      const d = doc as
        | {
            kind?: string;
            data?: unknown;
            stringData?: unknown;
            metadata?: { name?: string };
          }
        | undefined;
      if (
        d?.kind === 'PersistentVolumeClaim' ||
        JSON.stringify(d ?? {}).includes('volumeClaimTemplates')
      ) {
        findings.push({
          severity: 'error',
          file,
          message: 'the cluster stays stateless: no PersistentVolumeClaims',
        });
      }
      if (d?.kind === 'Secret' && (d.data || d.stringData)) {
        findings.push({
          severity: 'error',
          file,
          message: `Secret ${
            d.metadata?.name ?? ''
          } carries its values in the repository; use an ExternalSecret or create it out of band`,
        });
      }
    }
  }

  const environmentText = await fs
    .readFile(path.join(root, ENVIRONMENT_FILE), 'utf8')
    .catch(() => undefined);
  if (environmentText !== undefined) {
    try {
      const spec = readEnvironmentFile(environmentText);
      findings.push(...(await checkGeneratedFiles(root, spec)));
      findings.push(...checkVaultMounts(spec));
    } catch (error) {
      findings.push({
        severity: 'error',
        file: ENVIRONMENT_FILE,
        message: (error as Error).message,
      });
    }
  }

  for (const [file, docs] of documents) {
    if (file === ENVIRONMENT_FILE) continue;
    for (const [index, doc] of docs.entries()) {
      const result = await validateManifest(doc);
      const where = docs.length > 1 ? ` (document ${index + 1})` : '';
      if (result.kind === 'invalid') {
        findings.push({
          severity: 'error',
          file,
          message: `${describe(doc)}${where} does not match its schema: ${
            result.message
          }`,
        });
      } else if (result.kind === 'unknown') {
        findings.push({
          severity: 'warning',
          file,
          message: `${result.message}${where}`,
        });
      }
    }
  }
  findings.push(...(await checkKustomizations(root, documents)));
  findings.push(...checkSecretReferences(documents));
  findings.push(...checkRseDefinitions(documents));

  return {
    valid: !findings.some(f => f.severity === 'error'),
    files,
    findings,
    rseDefinitions: [...documents]
      .filter(([file]) => /^base\/rses\/[^/]+\.json$/.test(file))
      .flatMap(([, docs]) => docs as RseDefinition[])
      .filter(d => typeof d?.rse === 'string'),
  };
}
