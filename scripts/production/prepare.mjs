// The production path, part one: the image's contents as
// packages/backend/Dockerfile builds them, in a folder instead of an image
// (this machine has no Docker engine). The host steps its header names run
// first (`yarn tsc`, `yarn build:backend`); then its instructions are followed
// in order: COPY from the repository (the build context), RUN in WORKDIR with
// its ENV, BuildKit's --mount flags dropped. apt-get lines are the base
// image's packages and are left out; FROM must name the Node major this runs
// on, so that the native modules built here are the image's. The CMD is
// written to cmd.json for start.mjs.
//
//   node scripts/production/prepare.mjs [dir]
import {
  cpSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOrThrow, stepTimer, workDir } from '../lib/steps.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const dir = workDir('rucio-production', 'PRODUCTION_DIR');
const image = path.join(dir, 'image');
const { step, summary } = stepTimer();

/** Instructions of a Dockerfile: comments dropped, continuations joined. */
function dockerInstructions(text) {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
    .map(line => {
      const [, keyword, rest] = line.match(/^(\w+)\s+(.*)$/);
      return { keyword: keyword.toUpperCase(), args: rest.trim() };
    });
}

/** A COPY source with `*` in its file name, expanded in the build context. */
function expand(source) {
  if (!source.includes('*')) return [source];
  const pattern = new RegExp(
    `^${path.basename(source).replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`,
  );
  const folder = path.dirname(source);
  return readdirSync(path.join(root, folder))
    .filter(name => pattern.test(name))
    .map(name => path.join(folder, name));
}

const dockerfile = path.join(root, 'packages/backend/Dockerfile');
const instructions = dockerInstructions(readFileSync(dockerfile, 'utf8'));

rmSync(dir, { recursive: true, force: true });
mkdirSync(image, { recursive: true });

step(
  'build the backend bundle on the host (yarn tsc, yarn build:backend)',
  () => {
    runOrThrow('yarn', ['tsc'], { cwd: root });
    runOrThrow('yarn', ['build:backend'], { cwd: root });
  },
);

step('follow the Dockerfile', () => {
  let workdir = image;
  // A cache of its own, as the RUN's cache mount gives the image build, so
  // that `yarn cache clean` there leaves the machine's cache alone.
  const env = {
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    YARN_CACHE_FOLDER: path.join(dir, 'yarn-cache'),
  };
  for (const { keyword, args } of instructions) {
    if (keyword === 'FROM') {
      const major = args.match(/^node:(\d+)/)?.[1];
      if (major !== process.versions.node.split('.')[0]) {
        throw new Error(
          `${path.relative(
            root,
            dockerfile,
          )}: FROM ${args} is not the Node this runs on (${
            process.version
          }); the native modules built here would not be the image's`,
        );
      }
    } else if (keyword === 'WORKDIR') {
      workdir = path.join(image, args);
      mkdirSync(workdir, { recursive: true });
    } else if (keyword === 'ENV') {
      const [, name, value] = args.match(/^(\w+)=(.*)$/);
      env[name] = value;
    } else if (keyword === 'COPY') {
      const parts = args.split(/\s+/).filter(p => !p.startsWith('--'));
      const dest = parts.pop();
      const sources = parts.flatMap(expand);
      const intoDir = sources.length > 1 || dest.endsWith('/');
      for (const source of sources) {
        const target = path.resolve(workdir, dest);
        cpSync(
          path.join(root, source),
          intoDir ? path.join(target, path.basename(source)) : target,
          { recursive: true },
        );
      }
    } else if (keyword === 'RUN') {
      const command = args.replace(/--mount=\S+\s*/g, '').trim();
      if (/^apt-get\b/.test(command)) continue;
      console.log(`RUN ${command}`);
      runOrThrow('sh', ['-c', command], { cwd: workdir, env });
    } else if (keyword === 'CMD') {
      writeFileSync(
        path.join(dir, 'cmd.json'),
        JSON.stringify({ cwd: workdir, env, cmd: JSON.parse(args) }, null, 2),
      );
    }
  }
});

console.log(`\nImage contents ready in ${image}: ${summary()}`);
