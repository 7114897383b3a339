import { execFileSync } from 'node:child_process';
import type { EnvironmentSpec } from '../generator/EnvironmentSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { writeFiles } from '../generator/writeFiles';

/** Runs git in `root` and returns its output. */
export const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' });

/**
 * A real git repository at `root` holding the environment generated from
 * `spec`, committed on `main`.
 */
export async function committedRepository(root: string, spec: EnvironmentSpec) {
  await writeFiles(root, generateEnvironment(spec));
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '-A');
  git(
    root,
    '-c',
    'user.name=Rucio Portal test',
    '-c',
    'user.email=test@example.org',
    'commit',
    '--quiet',
    '-m',
    'generated',
  );
  return {
    /** Paths git sees changed, added or deleted since the commit. */
    changes: () => {
      git(root, 'add', '-A');
      return git(root, 'diff', '--cached', '--name-only')
        .split('\n')
        .filter(Boolean)
        .sort();
    },
    committed: (file: string) => git(root, 'show', `HEAD:${file}`),
  };
}
