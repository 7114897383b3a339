// Every change to a published package carries a changeset: `changeset status`
// fails when a package changed since the last release has none pending. The
// last release is the last commit that wrote a plugin's CHANGELOG.md (what
// `changeset version` does); before the first, the commit before changesets
// came in.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (...args) =>
  spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();

if (git('rev-parse', '--is-shallow-repository') === 'true') {
  console.error(
    'changesets: a shallow clone has no history to compare with; clone the whole repository (git fetch --unshallow)',
  );
  process.exit(1);
}
const released = git(
  'log',
  '-1',
  '--format=%H',
  '--',
  'plugins/*/CHANGELOG.md',
);
const introduced = git(
  'log',
  '--diff-filter=A',
  '--format=%H',
  '--',
  '.changeset/config.json',
)
  .split('\n')
  .pop();
const since = released || `${introduced}~1`;
console.log(`changes to published packages since ${since}:`);
const r = spawnSync('yarn', ['changeset', 'status', `--since=${since}`], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
