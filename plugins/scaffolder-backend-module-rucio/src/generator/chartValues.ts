import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The official charts whose values we generate and validate. */
export const CHARTS = {
  'rucio-server': 'rucio-server-values.yaml',
  'rucio-daemons': 'rucio-daemons-values.yaml',
  'rucio-webui': 'rucio-webui-values.yaml',
} as const;

export type ChartName = keyof typeof CHARTS;

/** Chart version of the copied values files. */
export const CHART_VERSION = '40.0.0';

const cache = new Map<ChartName, Record<string, unknown>>();

/** The official default values of a chart (copied verbatim under data/). */
export function chartValues(chart: ChartName): Record<string, unknown> {
  let values = cache.get(chart);
  if (!values) {
    const dir = resolvePackagePath(
      '@internal/plugin-scaffolder-backend-module-rucio',
      'data/rucio-charts',
    );
    values = parse(readFileSync(path.join(dir, CHARTS[chart]), 'utf8')) ?? {};
    cache.set(chart, values!);
  }
  return values!;
}

/** The daemons the rucio-daemons chart deploys (each has a `<name>Count`). */
export function chartDaemons(): string[] {
  return Object.keys(chartValues('rucio-daemons'))
    .filter(key => key.endsWith('Count'))
    .map(key => key.slice(0, -'Count'.length));
}

// Keys the charts read that are free-form by design: rucio.cfg sections and
// maps/lists whose entries are the user's own.
const FREE_FORM = new Set([
  'config',
  'optionalConfig',
  'optional_config',
  'httpd_config',
]);
// Maps of the user's own keys wherever they appear.
const USER_MAPS = new Set([
  'annotations',
  'labels',
  'podAnnotations',
  'podLabels',
  'deploymentAnnotations',
  'nodeSelector',
]);

/**
 * Paths of `values` whose key does not exist in the chart's values.yaml.
 * Below an empty map, a list, null or a free-form key anything goes.
 */
export function unknownKeys(chart: ChartName, values: unknown): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, reference: unknown, at: string[]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return;
    if (
      reference === null ||
      Array.isArray(reference) ||
      (typeof reference === 'object' &&
        Object.keys(reference as object).length === 0)
    ) {
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const ref = (reference as Record<string, unknown> | undefined)?.[key];
      const here = [...at, key];
      if ((at.length === 0 && FREE_FORM.has(key)) || USER_MAPS.has(key))
        continue;
      if (
        typeof reference !== 'object' ||
        reference === null ||
        !(key in (reference as object))
      ) {
        problems.push(here.join('.'));
        continue;
      }
      walk(child, ref, here);
    }
  };
  walk(values, chartValues(chart), []);
  return problems;
}
