import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ValidationFinding } from './ValidationFinding';

async function kindOf(target: string) {
  try {
    const stat = await fs.stat(target);
    return stat.isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

async function hasKustomization(dir: string) {
  for (const name of [
    'kustomization.yaml',
    'kustomization.yml',
    'Kustomization',
  ]) {
    if ((await kindOf(path.join(dir, name))) === 'file') return true;
  }
  return false;
}

/** `key=path` or `path` of a generator's files entry. */
const generatorPath = (entry: string) => entry.slice(entry.indexOf('=') + 1);

/**
 * Every reference of every kustomization resolves: resources are files or
 * folders with a kustomization, generator and patch files exist below the
 * kustomization (kustomize's default load restriction). Argo CD Helm value
 * files named through `$values/` must exist too.
 */
export async function checkKustomizations(
  root: string,
  documents: Map<string, unknown[]>,
): Promise<ValidationFinding[]> {
  const findings: ValidationFinding[] = [];
  for (const [file, docs] of documents) {
    if (path.posix.basename(file) !== 'kustomization.yaml') continue;
    const k = docs[0] as
      | {
          resources?: unknown;
          configMapGenerator?: Array<{ files?: unknown }>;
          secretGenerator?: Array<{ files?: unknown }>;
          patches?: Array<{ path?: unknown }>;
        }
      | undefined;
    if (!k) continue;
    const dir = path.posix.dirname(file);
    for (const resource of Array.isArray(k.resources) ? k.resources : []) {
      if (typeof resource !== 'string' || /^[a-z]+:\/\//.test(resource))
        continue;
      const target = path.join(root, dir, resource);
      const kind = await kindOf(target);
      if (!kind) {
        findings.push({
          severity: 'error',
          file,
          message: `resource ${resource} does not exist`,
        });
      } else if (kind === 'directory' && !(await hasKustomization(target))) {
        findings.push({
          severity: 'error',
          file,
          message: `resource ${resource} is a folder without a kustomization.yaml`,
        });
      }
    }
    const local = [
      ...(k.configMapGenerator ?? []),
      ...(k.secretGenerator ?? []),
    ].flatMap(g => (Array.isArray(g?.files) ? g.files : []).map(generatorPath));
    const patches = (k.patches ?? [])
      .map(p => p?.path)
      .filter((p): p is string => typeof p === 'string');
    for (const entry of [...local, ...patches]) {
      const relative = path.posix.normalize(path.posix.join(dir, entry));
      if (
        relative !== dir &&
        !relative.startsWith(`${dir === '.' ? '' : `${dir}/`}`)
      ) {
        findings.push({
          severity: 'error',
          file,
          message: `${entry} is outside the kustomization's folder; kustomize refuses to load it`,
        });
      } else if ((await kindOf(path.join(root, relative))) !== 'file') {
        findings.push({
          severity: 'error',
          file,
          message: `${entry} does not exist`,
        });
      }
    }
  }
  for (const [file, docs] of documents) {
    for (const doc of docs) {
      const d = doc as { kind?: string; spec?: { sources?: unknown } };
      if (d?.kind !== 'Application' || !Array.isArray(d.spec?.sources))
        continue;
      for (const source of d.spec!.sources as Array<{
        helm?: { valueFiles?: unknown };
      }>) {
        const valueFiles = source?.helm?.valueFiles;
        for (const valueFile of Array.isArray(valueFiles) ? valueFiles : []) {
          if (
            typeof valueFile !== 'string' ||
            !valueFile.startsWith('$values/')
          )
            continue;
          const relative = valueFile.slice('$values/'.length);
          if (!documents.has(relative)) {
            findings.push({
              severity: 'error',
              file,
              message: `Helm value file ${relative} does not exist`,
            });
          }
        }
      }
    }
  }
  return findings;
}
