import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** templates/rucio-environment/template.yaml of this repository, parsed. */
export function rucioTemplate() {
  return parse(
    readFileSync(
      path.resolve(
        __dirname,
        '../../../../templates/rucio-environment/template.yaml',
      ),
      'utf8',
    ),
  );
}
