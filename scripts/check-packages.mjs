// The published plugin packages (every workspace under plugins/) as another
// portal installs them: public under the project's scope, packed from dist,
// depending on nothing this repository keeps to itself, React and the router
// as peers only, and every package their code or their declarations (tsc's
// dist-types, run first) import declared. Prints what is wrong, per package.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCOPE = '@rucio-portal/';
const PEERS_ONLY = ['react', 'react-dom', 'react-router-dom', 'react-router'];
const NOT_SHIPPED =
  /(\.test\.tsx?|\/__testUtils__\/|\/setupTests\.ts|\.stories\.tsx?)$|\/__testUtils__\//;

const readJson = file => JSON.parse(readFileSync(file, 'utf8'));

function filesUnder(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, pattern);
    return pattern.test(full) ? [full] : [];
  });
}

/** The package each bare import of a file names. */
function importedPackages(file) {
  const text = readFileSync(file, 'utf8');
  const found = new Set();
  const specifiers =
    /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
  for (const [, spec] of text.matchAll(specifiers)) {
    if (spec.startsWith('.') || spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (!builtinModules.includes(name)) found.add(name);
  }
  return found;
}

const workspaces = readdirSync(path.join(root, 'plugins'))
  .map(dir => path.join(root, 'plugins', dir))
  .filter(dir => existsSync(path.join(dir, 'package.json')));
const byName = new Map(
  [
    ...workspaces,
    ...readdirSync(path.join(root, 'packages')).map(d =>
      path.join(root, 'packages', d),
    ),
  ]
    .filter(dir => existsSync(path.join(dir, 'package.json')))
    .map(dir => [
      readJson(path.join(dir, 'package.json')).name,
      readJson(path.join(dir, 'package.json')),
    ]),
);

const backstageRelease = readJson(path.join(root, 'backstage.json')).version;
let problems = 0;
for (const dir of workspaces) {
  const pkg = readJson(path.join(dir, 'package.json'));
  const rel = path.relative(root, dir);
  const wrong = [];
  if (!pkg.name.startsWith(SCOPE)) wrong.push(`name is not under ${SCOPE}`);
  // Yarn drops `"private": false` from manifests it writes: absent is public.
  if (pkg.private) wrong.push('is private');
  if (!/^\d+\.\d+\.\d+/.test(pkg.version ?? '')) wrong.push('no version');
  if (!pkg.license) wrong.push('no license');
  if (!pkg.files?.includes('dist')) wrong.push('"files" must include dist');
  if (pkg.publishConfig?.access !== 'public') {
    wrong.push('publishConfig.access must be public');
  }
  if (pkg.scripts?.prepack !== 'backstage-cli package prepack') {
    wrong.push('no "prepack": "backstage-cli package prepack"');
  }
  if (pkg.scripts?.postpack !== 'backstage-cli package postpack') {
    wrong.push('no "postpack": "backstage-cli package postpack"');
  }
  const declared = {
    ...pkg.dependencies,
    ...pkg.peerDependencies,
  };
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (PEERS_ONLY.includes(name)) {
      wrong.push(
        `${name} is a dependency; it must be a peer (one copy per app)`,
      );
    }
    const local = byName.get(name);
    if (local?.private) {
      wrong.push(`depends on ${name}, which is not published`);
    }
  }
  // The release the proof of installation installs it into (backstage.json).
  if (pkg.backstage?.['supported-versions'] !== backstageRelease) {
    wrong.push(`backstage.supported-versions must be ${backstageRelease}`);
  }
  for (const name of pkg.backstage?.pluginPackages ?? []) {
    if (!byName.has(name)) wrong.push(`pluginPackages names unknown ${name}`);
  }
  const declarations = path.join(root, 'dist-types', rel, 'src');
  if (!existsSync(declarations)) {
    wrong.push(
      `no declarations in ${path.relative(
        root,
        declarations,
      )}: run the tsc step first`,
    );
  }
  const shipped = [
    ...filesUnder(path.join(dir, 'src'), /\.tsx?$/).filter(
      f => !NOT_SHIPPED.test(f),
    ),
    ...filesUnder(declarations, /\.d\.ts$/).filter(
      f => !NOT_SHIPPED.test(f.replace(/\.d\.ts$/, '.ts')),
    ),
  ];
  const undeclared = new Map();
  for (const file of shipped) {
    for (const name of importedPackages(file)) {
      if (name === pkg.name || declared[name]) continue;
      undeclared.set(name, path.relative(root, file));
    }
  }
  for (const [name, file] of undeclared) {
    wrong.push(`imports ${name} (${file}) without declaring it`);
  }
  for (const message of wrong) console.error(`${pkg.name}: ${message}`);
  problems += wrong.length;
}
console.log(`${workspaces.length} published packages, ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
