import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { GeneratedFile } from './GeneratedFile';

/** YAML for one generated file; several documents are separated by `---`. */
export function serialize(file: GeneratedFile): string {
  if (typeof file.content === 'string') return file.content;
  if (file.path.endsWith('.json')) {
    return `${JSON.stringify(file.content, null, 2)}\n`;
  }
  const options = { lineWidth: 0, sortMapEntries: false } as const;
  if (Array.isArray(file.content)) {
    return file.content.map(doc => stringify(doc, options)).join('---\n');
  }
  return stringify(file.content, options);
}

/** Writes the files under `root`, creating folders; returns the paths written. */
export async function writeFiles(
  root: string,
  files: GeneratedFile[],
): Promise<string[]> {
  for (const file of files) {
    const target = path.join(root, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, serialize(file), 'utf8');
  }
  return files.map(f => f.path);
}
