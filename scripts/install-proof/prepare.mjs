// Proof of installation, part one: a fresh portal made by @backstage/create-app
// with this repository's plugins installed from their packed tarballs, wired
// as the plugin READMEs' Installation sections say and nothing more. Nothing
// of this workspace is installed there; its yarn.lock is the fresh portal's.
//
//   node scripts/install-proof/prepare.mjs <dir>
//
// start.mjs runs the result against the demo; installProof.test.ts checks it.
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { runOrThrow, stepTimer, workDir } from '../lib/steps.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dir = workDir('rucio-install-proof', 'INSTALL_PROOF_DIR');
const portal = path.join(dir, 'portal');
const tarballs = path.join(dir, 'tarballs');
const { step: timed, summary } = stepTimer();

const readJson = file => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const run = (command, args, options = {}) =>
  runOrThrow(command, args, { cwd: root, ...options });

const plugins = readdirSync(path.join(root, 'plugins'), {
  withFileTypes: true,
})
  .filter(entry => entry.isDirectory())
  .map(entry => ({
    dir: entry.name,
    name: readJson(path.join(root, 'plugins', entry.name, 'package.json')).name,
  }));

rmSync(dir, { recursive: true, force: true });
mkdirSync(tarballs, { recursive: true });

// `backstage-cli package build` reads the declarations tsc emits.
timed('pack the plugins', () => {
  run('yarn', ['tsc']);
  for (const { dir: pluginDir, name } of plugins) {
    run('yarn', ['workspace', name, 'build']);
    run('yarn', [
      'workspace',
      name,
      'pack',
      '--out',
      path.join(tarballs, `${pluginDir}.tgz`),
    ]);
  }
});

// create-app 0.9.2, the newest on the registry, writes a 1.55 portal; the
// README tells adopters to bump it to 1.57 first. The release manifest is the
// file versions.backstage.io would serve (backstage-1.57.0.json: provenance
// in README.md here), since only the npm registry is reachable.
timed('create the portal and bump it to Backstage 1.57', () => {
  run(
    'node',
    [
      path.join(
        root,
        'node_modules/@backstage/create-app/bin/backstage-create-app',
      ),
      '--path',
      portal,
      '--skip-install',
    ],
    { env: { BACKSTAGE_APP_NAME: 'adopter' } },
  );
  run(
    'node',
    [
      path.join(root, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'versions:bump',
      '--skip-install',
      '--skip-migrate',
    ],
    {
      cwd: portal,
      env: {
        BACKSTAGE_MANIFEST_FILE: path.join(here, 'backstage-1.57.0.json'),
      },
    },
  );
});

timed('wire the plugins as their READMEs say', () => {
  // `yarn --cwd packages/app add @rucio-portal/plugin-rucio` and the backend's
  // `yarn add …` write these ranges; the scope is not on the registry yet, so
  // resolutions stand in for it with the packed tarballs.
  const version = readJson(
    path.join(root, 'plugins/rucio/package.json'),
  ).version;
  const rootJson = readJson(path.join(portal, 'package.json'));
  for (const { dir: pluginDir, name } of plugins) {
    rootJson.resolutions[name] = `file:${path.join(
      tarballs,
      `${pluginDir}.tgz`,
    )}`;
  }
  // rucio-backend README: one copy of the events node library.
  rootJson.resolutions[
    '@backstage/plugin-events-backend/@backstage/plugin-events-node'
  ] = '^0.5.0';
  writeJson(path.join(portal, 'package.json'), rootJson);

  const addTo = (pkg, deps) => {
    const file = path.join(portal, 'packages', pkg, 'package.json');
    const json = readJson(file);
    Object.assign(json.dependencies, deps);
    writeJson(file, json);
  };
  addTo('app', { '@rucio-portal/plugin-rucio': `^${version}` });
  addTo('backend', {
    '@rucio-portal/plugin-rucio-backend': `^${version}`,
    '@rucio-portal/plugin-scaffolder-backend-module-rucio': `^${version}`,
    '@rucio-portal/plugin-catalog-backend-module-rucio': `^${version}`,
    '@backstage/plugin-events-backend': '^0.6.6',
  });

  const index = path.join(portal, 'packages/backend/src/index.ts');
  const source = readFileSync(index, 'utf8');
  if (!source.includes('backend.start();')) {
    throw new Error(`${index} has no backend.start(): create-app changed`);
  }
  writeFileSync(
    index,
    source.replace(
      'backend.start();',
      [
        '// Rucio: the plugin READMEs, Installation',
        "backend.add(import('@rucio-portal/plugin-rucio-backend'));",
        "backend.add(import('@rucio-portal/plugin-scaffolder-backend-module-rucio'));",
        "backend.add(import('@rucio-portal/plugin-catalog-backend-module-rucio'));",
        "backend.add(import('@backstage/plugin-events-backend'));",
        '',
        'backend.start();',
      ].join('\n'),
    ),
  );

  mergeConfig(
    path.join(portal, 'app-config.yaml'),
    path.join(here, 'app-config.rucio.yaml'),
  );
  copyFileSync(
    path.join(here, 'rucio-demo.yaml'),
    path.join(portal, 'rucio-demo.yaml.in'),
  );
});

timed('install the fresh portal', () => {
  // Under CI=true Yarn forbids writing a lockfile; a fresh portal has none.
  run('yarn', ['install', '--no-immutable'], { cwd: portal });
});

console.log(`\nProof portal ready in ${portal}: ${summary()}`);

/** Adds the keys of `extra` to the YAML file `target`; lists are appended. */
function mergeConfig(target, extra) {
  const doc = parseDocument(readFileSync(target, 'utf8'));
  const add = parseDocument(readFileSync(extra, 'utf8')).toJS();
  const merge = (keyPath, value) => {
    const current = doc.getIn(keyPath, true);
    if (Array.isArray(value) && current?.items) {
      for (const item of value) current.add(doc.createNode(item));
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!current) doc.setIn(keyPath, doc.createNode({}));
      for (const [key, child] of Object.entries(value)) {
        merge([...keyPath, key], child);
      }
    } else {
      doc.setIn(keyPath, value);
    }
  };
  merge([], add);
  writeFileSync(target, doc.toString());
}
