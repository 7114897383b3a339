import { createMockDirectory } from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { parseEnvironmentSpec } from './EnvironmentSpec';
import { generateEnvironment } from './generateEnvironment';
import { GOLDEN_INPUTS } from './goldenInputs';
import { serialize, writeFiles } from './writeFiles';

// UPDATE_GOLDEN=1 rewrites the files after a deliberate change; review the diff.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = path.join(__dirname, '__fixtures__', 'golden');

async function listFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else files.push(relative);
  }
  return files.sort();
}

describe('golden files', () => {
  const dir = createMockDirectory();

  it.each(Object.keys(GOLDEN_INPUTS))(
    'generates the recorded repository for %s',
    async name => {
      const files = generateEnvironment(
        parseEnvironmentSpec(GOLDEN_INPUTS[name]),
      );
      const golden = path.join(GOLDEN, name);
      if (UPDATE) {
        await fs.rm(golden, { recursive: true, force: true });
        await writeFiles(golden, files);
      }
      expect(files.map(f => f.path).sort()).toEqual(await listFiles(golden));
      for (const file of files) {
        const expected = await fs.readFile(
          path.join(golden, file.path),
          'utf8',
        );
        expect({ file: file.path, content: serialize(file) }).toEqual({
          file: file.path,
          content: expected,
        });
      }

      dir.clear();
      await writeFiles(dir.path, files);
      const report = await validateEnvironmentRepo(dir.path);
      expect(report.findings).toEqual([]);
    },
  );
});
