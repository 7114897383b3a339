import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ENVIRONMENT_FILE } from './environmentFile';
import type { GeneratedFile } from './GeneratedFile';
import { serialize } from './writeFiles';

/** How the files on disk differ from what their spec generates. */
export interface HandEdits {
  /** Generated files whose content on disk is not what the spec gives. */
  edited: string[];
  /** Generated files that are not on disk (deleted by hand). */
  missing: string[];
}

/**
 * Compares each generated file but the spec itself with the file at its path
 * under `root`. A
 * symbolic link or a folder where a file belongs counts as edited; links are
 * never followed.
 */
export async function findHandEdits(
  root: string,
  files: GeneratedFile[],
): Promise<HandEdits> {
  const edits: HandEdits = { edited: [], missing: [] };
  for (const file of files) {
    // The spec is the input the others are compared with: read from this very
    // file, it always matches it, whatever its layout or a default added since.
    if (file.path === ENVIRONMENT_FILE) continue;
    const target = path.join(root, file.path);
    const stat = await fs.lstat(target).catch(() => undefined);
    if (!stat) {
      edits.missing.push(file.path);
    } else if (
      !stat.isFile() ||
      (await fs.readFile(target, 'utf8')) !== serialize(file)
    ) {
      edits.edited.push(file.path);
    }
  }
  return edits;
}
