import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { EnvironmentSpec } from '../generator/EnvironmentSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { writeFiles } from '../generator/writeFiles';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';

/**
 * Generates the repository of `spec` into `path` of the workspace, validates
 * it (an error fails the step, naming each), with `files` and `entityRef`
 * output first. A dry run (the template editor's preview) writes too: it runs
 * in a temporary workspace, and writing there is what lets the preview show
 * the files and the next step validate them, as fetch:template does.
 */
export async function writeEnvironmentRepository(
  ctx: {
    workspacePath: string;
    output(name: 'files' | 'entityRef', value: string[] | string): void;
  },
  path: string,
  spec: EnvironmentSpec,
) {
  const files = generateEnvironment(spec);
  const root = resolveSafeChildPath(ctx.workspacePath, path);
  await writeFiles(root, files);
  ctx.output(
    'files',
    files.map(f => f.path),
  );
  ctx.output(
    'entityRef',
    `system:default/${spec.system ?? `rucio-${spec.name}`}`,
  );
  const report = await validateEnvironmentRepo(root);
  if (!report.valid) {
    throw new InputError(
      `The generated repository does not validate: ${report.findings
        .filter(f => f.severity === 'error')
        .map(f => `${f.file}: ${f.message}`)
        .join('; ')}`,
    );
  }
  return files;
}
