// Every @backstage/* package must resolve to exactly one version in yarn.lock,
// so that plugins and the app share one copy of each API and React context.
import { readFileSync } from 'node:fs';

const lock = readFileSync(new URL('../yarn.lock', import.meta.url), 'utf8');
const versions = new Map();
for (const block of lock.split('\n\n')) {
  const name = block.match(/^"?(@backstage\/[^@"]+)@/)?.[1];
  const version = block.match(/\n {2}version: (.+)/)?.[1];
  if (name && version) {
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name).add(version);
  }
}
const duplicates = [...versions].filter(([, set]) => set.size > 1);
for (const [name, set] of duplicates) {
  console.error(`${name} resolves to several versions: ${[...set].join(', ')}`);
}
console.log(
  `${versions.size} @backstage packages, ${duplicates.length} with more than one version`,
);
process.exit(duplicates.length ? 1 : 0);
