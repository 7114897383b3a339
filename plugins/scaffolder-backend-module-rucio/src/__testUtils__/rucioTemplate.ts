import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** templates/<name>/template.yaml of this repository, parsed. */
export function rucioTemplate(name = 'rucio-environment') {
  return parse(
    readFileSync(
      path.resolve(__dirname, '../../templates', name, 'template.yaml'),
      'utf8',
    ),
  );
}
