import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MIN_FREE_SPACE, type DemoRse, type DemoState } from './DemoState.ts';
import { attributes, protocols } from './rucioRses.ts';

/**
 * The demo environment's repository as plain files over HTTP, as a Backstage
 * URL reader reads them (`backend.reading.allow`): the `base/rses/` folder the
 * scaffolder generates, declaring the demo's RSEs. It differs from the demo
 * Rucio in one place on purpose: one RSE's MinFreeSpace was raised in Rucio
 * by hand and never written back (DemoState), so the drift card shows it.
 */
export const DEMO_REPOSITORY_PATH = '/environments/demo/';

function definition(rse: DemoRse) {
  const { [rse.rse]: _own, ...declared } = attributes(rse);
  const minFreeSpace = MIN_FREE_SPACE[rse.kind];
  return {
    rse: rse.rse,
    environment: 'demo',
    rse_type: rse.kind === 'TAPE' ? 'TAPE' : 'DISK',
    attributes: declared,
    protocols: protocols(rse).map(({ extended_attributes: _e, ...p }) => p),
    ...(minFreeSpace ? { limits: { MinFreeSpace: minFreeSpace } } : {}),
  };
}

function kustomization(state: DemoState) {
  return [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - job.yaml',
    'configMapGenerator:',
    '  - name: rucio-rses',
    '    files:',
    '      - apply_rses.py',
    ...state.rses.map(r => `      - ${r.rse}.json`),
    '',
  ].join('\n');
}

/** The environment file at the repository's root, as the generator writes its head. */
function environmentFile(state: DemoState) {
  return [
    'apiVersion: rucio.cern.ch/v1alpha1',
    'kind: RucioEnvironment',
    'metadata:',
    '  name: demo',
    'spec:',
    '  name: demo',
    '  baseDomain: demo.example.org',
    `  rucioVersion: ${state.options.rucioVersion}`,
    '  chartVersion: 40.0.0',
    '  gitops: argocd',
    '  secrets:',
    '    backend: external-secrets',
    '    vaultServer: https://vault.demo.example.org',
    '    vaultMount: secret',
    '    vaultPath: kv/rucio/demo',
    '',
  ].join('\n');
}

export function repositoryHandler(state: DemoState) {
  return (req: IncomingMessage, res: ServerResponse, url: URL) => {
    let body: string | undefined;
    let type = 'application/json';
    if (url.pathname === `${DEMO_REPOSITORY_PATH}rucio-environment.yaml`) {
      body = environmentFile(state);
      type = 'application/yaml';
    } else if (url.pathname.startsWith(`${DEMO_REPOSITORY_PATH}base/rses/`)) {
      const file = url.pathname.slice(
        `${DEMO_REPOSITORY_PATH}base/rses/`.length,
      );
      if (file === 'kustomization.yaml') {
        body = kustomization(state);
        type = 'application/yaml';
      } else if (file.endsWith('.json')) {
        const rse = state.byName.get(file.slice(0, -'.json'.length));
        if (rse) body = `${JSON.stringify(definition(rse), null, 2)}\n`;
      }
    }
    if (body === undefined || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const etag = `"${createHash('sha256')
      .update(body)
      .digest('hex')
      .slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': type, ETag: etag });
    res.end(body);
  };
}
