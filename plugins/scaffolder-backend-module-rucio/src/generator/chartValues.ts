import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The official charts whose values we generate and validate. */
export const CHARTS = ['rucio-server', 'rucio-daemons', 'rucio-webui'] as const;

export type ChartName = (typeof CHARTS)[number];

/** Version of the charts copied under data/rucio-charts. */
export const CHART_VERSION = '40.0.0';

/** The folder of one official chart (copied verbatim under data/). */
export function chartDir(chart: ChartName): string {
  return resolvePackagePath(
    '@rucio-portal/plugin-scaffolder-backend-module-rucio',
    'data/rucio-charts',
    `charts-${CHART_VERSION}`,
    chart,
  );
}

const valuesCache = new Map<ChartName, Record<string, unknown>>();

/** The official default values of a chart. */
export function chartValues(chart: ChartName): Record<string, unknown> {
  let values = valuesCache.get(chart);
  if (!values) {
    values =
      parse(readFileSync(path.join(chartDir(chart), 'values.yaml'), 'utf8')) ??
      {};
    valuesCache.set(chart, values!);
  }
  return values!;
}

/** A tree of the `.Values.…` paths a chart's templates read. */
interface ReadTree {
  children: Map<string, ReadTree>;
}

const readCache = new Map<ChartName, ReadTree>();
const VALUES_PATH = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;

/**
 * What the chart's templates read. values.yaml does not list everything:
 * `ingress.ingressClassName` is only a comment there, but ingress.yaml reads it.
 */
export function chartReads(chart: ChartName): ReadTree {
  let tree = readCache.get(chart);
  if (!tree) {
    tree = { children: new Map() };
    const dir = path.join(chartDir(chart), 'templates');
    for (const file of readdirSync(dir).sort()) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const match of text.matchAll(VALUES_PATH)) {
        let node = tree;
        for (const key of match[1].slice(1).split('.')) {
          let child = node.children.get(key);
          if (!child) {
            child = { children: new Map() };
            node.children.set(key, child);
          }
          node = child;
        }
      }
    }
    readCache.set(chart, tree);
  }
  return tree;
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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Paths of `values` whose key neither the chart's values.yaml has nor its
 * templates read. Below an empty map, a list, null, a free-form key or a
 * value the templates read whole, anything goes.
 */
export function unknownKeys(chart: ChartName, values: unknown): string[] {
  const problems: string[] = [];
  const walk = (
    value: unknown,
    reference: unknown,
    reads: ReadTree | undefined,
    at: string[],
  ) => {
    if (!isObject(value)) return;
    if (
      reference === null ||
      Array.isArray(reference) ||
      (isObject(reference) && !Object.keys(reference).length)
    ) {
      return;
    }
    const defaults = isObject(reference) ? reference : undefined;
    if (!defaults && !reads?.children.size) return;
    for (const [key, child] of Object.entries(value)) {
      if ((at.length === 0 && FREE_FORM.has(key)) || USER_MAPS.has(key)) {
        continue;
      }
      const inDefaults = defaults !== undefined && key in defaults;
      const read = reads?.children.get(key);
      if (!inDefaults && !read) {
        problems.push([...at, key].join('.'));
        continue;
      }
      walk(child, defaults?.[key], read, [...at, key]);
    }
  };
  walk(values, chartValues(chart), chartReads(chart), []);
  return problems;
}
