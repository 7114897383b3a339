import { createMockDirectory } from '@backstage/backend-test-utils';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { committedRepository } from '../__testUtils__/committedRepository';
import { createActionContext } from '../__testUtils__/createActionContext';
import { expectDeployable, render } from '../__testUtils__/renderedEnvironment';
import { renderToolsUnavailable } from '../__testUtils__/renderTools';
import { ENVIRONMENT_FILE } from '../generator/environmentFile';
import {
  parseEnvironmentSpec,
  type EnvironmentSpec,
} from '../generator/EnvironmentSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { GOLDEN_INPUTS } from '../generator/goldenInputs';
import { findHandEdits } from '../generator/handEdits';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { createAddRseAction } from './addRse';
import { createUpgradeEnvironmentAction } from './upgradeEnvironment';

const isMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Leaf paths whose values differ between two parsed YAML documents. */
function differingPaths(a: unknown, b: unknown, at = ''): string[] {
  // A map on one side only is compared with an empty one, down to its leaves.
  if ((isMap(a) || a === undefined) && (isMap(b) || b === undefined)) {
    const left = a ?? {};
    const right = b ?? {};
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].flatMap(k =>
      differingPaths(left[k], right[k], at ? `${at}.${k}` : k),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
}

async function upgrade(
  root: string,
  change: Record<string, unknown>,
  overwriteHandEdited = false,
) {
  const { ctx, outputs } = createActionContext({
    input: { path: '.', change: change as any, overwriteHandEdited },
    workspacePath: root,
  });
  await createUpgradeEnvironmentAction().handler(ctx as any);
  return outputs as {
    title: string;
    description: string;
    branchName: string;
    changed: string[];
    removed: string[];
    handEdited: string[];
  };
}

/** Each change offered, for an environment where it applies. */
function changesFor(spec: EnvironmentSpec): Array<Record<string, unknown>> {
  const changes: Array<Record<string, unknown>> = [
    { type: 'monitoring', enabled: !spec.monitoring },
    {
      type: 'daemons',
      daemons: {
        judgeEvaluator: { replicas: 2, threads: 4 },
        hermes: { remove: true },
      },
    },
    { type: 'version', rucioVersion: '40.2.0' },
  ];
  if (spec.secrets.backend === 'kubernetes') {
    changes.push({
      type: 'external-secrets',
      vaultServer: 'https://vault.example.org:8200',
      vaultPath: `rucio/${spec.name}`,
    });
  }
  const missing = ['dev', 'staging', 'prod'].find(
    o => !spec.overlays.includes(o as any),
  );
  if (missing) changes.push({ type: 'overlay', overlay: missing });
  if (spec.gitops === 'argocd') {
    changes.push({
      type: 'overlay',
      overlay: 'prod',
      region: {
        name: 'eu2',
        baseDomain: 'eu2.example.org',
        server: 'https://k8s-eu2.example.org:6443',
      },
    });
  }
  return changes;
}

/** Where each change may write; anything else in the diff is a defect. */
const ALLOWED: Record<string, RegExp> = {
  'external-secrets':
    /^(README\.md|rucio-environment\.yaml|secrets\/.*|overlays\/[^/]+\/(kustomization|externalsecrets)\.yaml)$/,
  overlay:
    /^(README\.md|rucio-environment\.yaml|catalog-info\.yaml|overlays\/.*|gitops\/.*)$/,
  monitoring:
    /^(README\.md|rucio-environment\.yaml|base\/(kustomization|monitoring)\.yaml|overlays\/[^/]+\/(kustomization\.yaml|alerts\.yaml|values\/rucio-[a-z]+\.yaml))$/,
  daemons:
    /^(rucio-environment\.yaml|overlays\/[^/]+\/values\/rucio-daemons\.yaml)$/,
  version:
    /^(README\.md|rucio-environment\.yaml|base\/rses\/.*|overlays\/[^/]+\/(rses\/.*|values\/rucio-[a-z]+\.yaml))$/,
};

/** What a change may alter inside the Helm values it rewrites. */
const VALUES: Record<string, RegExp> = {
  'external-secrets': /secret/i,
  // With monitoring the server also turns on Apache's status page.
  monitoring: /monitor|metrics|prometheus|^httpd_config/i,
  daemons: /^(judgeEvaluator|hermes)/,
  version: /(^|\.)image\.tag$/,
};

// Each case renders with the real helm and kubectl.
jest.setTimeout(180_000);

describe('rucio:environment:upgrade', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  const cases = Object.entries(GOLDEN_INPUTS).flatMap(([golden, input]) =>
    changesFor(parseEnvironmentSpec(input)).map(
      change =>
        [
          golden,
          change.type as string,
          change.region ? ' in a second region' : '',
          input,
          change,
        ] as const,
    ),
  );

  it.each(cases)(
    '%s: %s%s gives a repository that validates, matches its new spec, renders, and differs only where the change needs',
    async (_golden, type, _where, input, change) => {
      const spec = parseEnvironmentSpec(input);
      const repo = await committedRepository(dir.path, spec);
      const out = await upgrade(dir.path, change);

      // git sees exactly what the action reports: the pull request's diff.
      expect(repo.changes()).toEqual([...out.changed, ...out.removed].sort());
      expect(out.changed).toContain(ENVIRONMENT_FILE);
      expect(out.handEdited).toEqual([]);
      for (const file of [...out.changed, ...out.removed]) {
        expect({ file, allowed: ALLOWED[type].test(file) }).toEqual({
          file,
          allowed: true,
        });
      }
      const committed = new Set(generateEnvironment(spec).map(f => f.path));
      const values = out.changed.filter(
        f => committed.has(f) && /\/values\/[^/]+\.yaml$/.test(f),
      );
      for (const file of values) {
        const before = parse(repo.committed(file));
        const after = parse(readFileSync(path.join(dir.path, file), 'utf8'));
        for (const key of differingPaths(before, after)) {
          expect({
            file,
            key,
            allowed: VALUES[type]?.test(key) ?? true,
          }).toEqual({ file, key, allowed: true });
        }
      }

      // Regenerating from the new spec reproduces the repository.
      const next = parseEnvironmentSpec(
        parse(readFileSync(path.join(dir.path, ENVIRONMENT_FILE), 'utf8')).spec,
      );
      expect(await findHandEdits(dir.path, generateEnvironment(next))).toEqual({
        edited: [],
        missing: [],
      });
      const report = await validateEnvironmentRepo(dir.path);
      expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);
      expect(report.valid).toBe(true);
      expect(out.branchName).toBe(`rucio/${spec.name}/${type}`);

      if (!renderToolsUnavailable()) {
        await expectDeployable(next, await render(dir.path, next));
      }
    },
  );
});

describe('rucio:environment:upgrade and files edited by hand', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());
  const spec = parseEnvironmentSpec(GOLDEN_INPUTS.small);
  const daemonsValues = 'overlays/dev/values/rucio-daemons.yaml';
  const handEdit = () => {
    const file = path.join(dir.path, daemonsValues);
    writeFileSync(file, `${readFileSync(file, 'utf8')}# tuned by hand\n`);
  };
  const onDisk = (file: string) =>
    readFileSync(path.join(dir.path, file), 'utf8');

  it('keeps a hand-edited file the change does not touch, and lists it', async () => {
    const repo = await committedRepository(dir.path, spec);
    handEdit();
    const out = await upgrade(dir.path, { type: 'overlay', overlay: 'prod' });
    expect(out.handEdited).toEqual([daemonsValues]);
    expect(onDisk(daemonsValues)).toContain('# tuned by hand');
    expect(repo.changes()).toContain(daemonsValues);
    expect(out.changed).not.toContain(daemonsValues);
    expect(out.description).toContain(
      `### Edited by hand, kept as they are\n\n- \`${daemonsValues}\``,
    );
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.findings).toContainEqual({
      severity: 'warning',
      file: daemonsValues,
      message:
        'edited by hand: differs from what rucio-environment.yaml generates',
    });
  });

  it('refuses a change that rewrites a hand-edited file, writing nothing', async () => {
    const repo = await committedRepository(dir.path, spec);
    handEdit();
    await expect(
      upgrade(dir.path, {
        type: 'daemons',
        daemons: { hermes: { replicas: 2, threads: 1 } },
      }),
    ).rejects.toThrow(
      `The change rewrites files edited by hand: ${daemonsValues}.`,
    );
    expect(repo.changes()).toEqual([daemonsValues]);
    expect(onDisk(daemonsValues)).toContain('# tuned by hand');
  });

  it('overwrites it when asked, and says so', async () => {
    await committedRepository(dir.path, spec);
    handEdit();
    const out = await upgrade(
      dir.path,
      { type: 'daemons', daemons: { hermes: { replicas: 2, threads: 1 } } },
      true,
    );
    expect(onDisk(daemonsValues)).not.toContain('# tuned by hand');
    expect(parse(onDisk(daemonsValues)).hermesCount).toBe(2);
    expect(out.description).toContain(
      `### Edited by hand, overwritten as asked\n\n- \`${daemonsValues}\``,
    );
  });

  it('moves the Secrets to Vault, removing the templates and naming each Vault path to fill', async () => {
    const repo = await committedRepository(dir.path, spec);
    const out = await upgrade(dir.path, {
      type: 'external-secrets',
      vaultServer: 'https://vault.example.org:8200',
      vaultPath: 'rucio/dev',
    });
    expect(out.removed).toEqual([
      'secrets/rucio-db.yaml',
      'secrets/rucio-rse-admin.yaml',
    ]);
    expect(repo.changes()).toEqual(expect.arrayContaining(out.removed));
    expect(out.title).toBe(
      'Rucio dev: Secrets from Vault through External Secrets',
    );
    expect(out.description).toContain(
      '- `secret/rucio/dev/rucio-db`: `dbfullstring` → Secret `rucio-db`\n- `secret/rucio/dev/rucio-rse-admin`: `username`, `password` → Secret `rucio-rse-admin`\n\nThe External Secrets Operator must run',
    );
    const externalSecrets = parse(
      onDisk('overlays/dev/externalsecrets.yaml').split('\n---\n')[1],
    );
    expect(externalSecrets.spec.data[0].remoteRef).toEqual({
      key: 'rucio/dev/rucio-db',
      property: 'dbfullstring',
    });
  });

  it('names what is wrong with a change, and refuses one that changes nothing', async () => {
    await committedRepository(dir.path, spec);
    await expect(
      upgrade(dir.path, {
        type: 'daemons',
        daemons: { hermes: { replicas: 99, threads: 1 } },
      }),
    ).rejects.toThrow('Invalid change: daemons.hermes.replicas:');
    await expect(
      upgrade(dir.path, {
        type: 'daemons',
        daemons: { notADaemon: { replicas: 1, threads: 1 } },
      }),
    ).rejects.toThrow(
      'daemons.notADaemon: is not a daemon of the rucio-daemons chart',
    );
    await expect(
      upgrade(dir.path, { type: 'monitoring', enabled: spec.monitoring }),
    ).rejects.toThrow('Monitoring of environment dev is already off');
    await expect(
      upgrade(dir.path, { type: 'overlay', overlay: 'dev' }),
    ).rejects.toThrow('Environment dev already has the overlay dev');
  });
});

describe('rucio:environment:upgrade with adopted RSEs', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('leaves each adopted definition byte for byte, and rucio:rse:add refuses its name', async () => {
    // As rucio:environment:adopt declares one: everything Rucio served.
    const adopted = {
      rse: 'SITE_A_DISK',
      rse_type: 'DISK',
      attributes: { SITE_A_DISK: true, tier: '1', istape: false },
      protocols: [
        {
          scheme: 'https',
          hostname: 'webdav.site-a.example.org',
          port: 443,
          prefix: '/rucio/',
          impl: 'rucio.rse.protocols.gfal.Default',
          domains: { wan: { read: 2, third_party_copy_read: null } },
          extended_attributes: { web_service_path: '' },
        },
      ],
      limits: { MinFreeSpace: 10000000000 },
    };
    const spec = parseEnvironmentSpec({
      ...GOLDEN_INPUTS.small,
      adoptedRses: [adopted],
    });
    const repo = await committedRepository(dir.path, spec);
    const file = 'base/rses/SITE_A_DISK.json';
    const before = readFileSync(path.join(dir.path, file), 'utf8');
    expect(JSON.parse(before)).toEqual({ ...adopted, environment: 'dev' });

    for (const change of changesFor(spec)) {
      const out = await upgrade(dir.path, change);
      expect(out.changed).not.toContain(file);
      expect(out.removed).not.toContain(file);
    }
    expect(readFileSync(path.join(dir.path, file), 'utf8')).toBe(before);
    expect(repo.changes()).not.toContain(file);

    const { ctx } = createActionContext({
      input: {
        path: '.',
        rse: { name: 'SITE_A_DISK', kind: 'posix', path: '/data/' },
      },
      workspacePath: dir.path,
    });
    await expect(createAddRseAction().handler(ctx as any)).rejects.toThrow(
      'RSE SITE_A_DISK was adopted from Rucio and is declared as it was served',
    );
  });
});

describe('rucio:environment:upgrade with a second region', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());
  const region = {
    name: 'eu2',
    baseDomain: 'eu2.example.org',
    server: 'https://k8s-eu2.example.org:6443',
  };
  const docs = (file: string) =>
    parseAllDocuments(readFileSync(path.join(dir.path, file), 'utf8')).map(d =>
      d.toJS(),
    );

  it('gives the overlay its own hosts, Argo CD destination and cluster issuer', async () => {
    await committedRepository(
      dir.path,
      parseEnvironmentSpec(GOLDEN_INPUTS.small),
    );
    const out = await upgrade(dir.path, {
      type: 'overlay',
      overlay: 'prod',
      region,
    });
    expect(out.title).toBe('Rucio dev: prod in region eu2');
    expect(
      new Set(
        docs('gitops/argocd/applications-prod-eu2.yaml').map(
          a => a.spec.destination.server,
        ),
      ),
    ).toEqual(new Set([region.server]));
    expect(
      docs('overlays/prod-eu2/certificates.yaml').flatMap(c => c.spec.dnsNames),
    ).toEqual([
      'rucio.eu2.example.org',
      'rucio-auth.eu2.example.org',
      'rucio-ui.eu2.example.org',
    ]);
    // Let's Encrypt: the ClusterIssuer is applied in that cluster too.
    const [platform] = docs('gitops/argocd/platform-eu2.yaml');
    expect(platform.metadata.name).toBe('rucio-dev-platform-eu2');
    expect(platform.spec.destination.server).toBe(region.server);
    const [project] = docs('gitops/argocd/appproject.yaml');
    expect(project.spec.destinations).toContainEqual({
      server: region.server,
      namespace: 'rucio-dev-prod-eu2',
    });
    expect(out.description).toContain('argocd cluster add');
  });

  it('walks Kubernetes Secrets → External Secrets with Vault → a second region, each cluster on a Vault auth mount of its own', async () => {
    await committedRepository(
      dir.path,
      parseEnvironmentSpec(GOLDEN_INPUTS.small),
    );
    await upgrade(dir.path, {
      type: 'external-secrets',
      vaultServer: 'https://vault.example.org:8200',
      vaultPath: 'rucio/dev',
    });
    const out = await upgrade(dir.path, {
      type: 'overlay',
      overlay: 'prod',
      region: { ...region, name: 'euwest' },
    });
    const mountOf = (overlay: string) =>
      docs(`overlays/${overlay}/externalsecrets.yaml`).find(
        d => d.kind === 'SecretStore',
      ).spec.provider.vault.auth.kubernetes.mountPath;
    expect(mountOf('dev')).toBe('kubernetes');
    expect(mountOf('prod-euwest')).toBe('kubernetes-euwest');
    // The pull request says what to create in Vault for the new cluster.
    expect(out.description).toContain(
      '`vault auth enable -path=kubernetes-euwest kubernetes`',
    );
    expect(out.description).toContain(
      `\`vault write auth/kubernetes-euwest/config kubernetes_host=${region.server} kubernetes_ca_cert=@<CA of that cluster>\``,
    );
    expect(out.description).toContain(
      'vault write auth/kubernetes-euwest/role/rucio-dev ',
    );
    let report = await validateEnvironmentRepo(dir.path);
    expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);

    // Pointing the region at the home cluster's mount is flagged.
    const spec = parse(
      readFileSync(path.join(dir.path, ENVIRONMENT_FILE), 'utf8'),
    );
    spec.spec.regions[0].vaultAuthMount = 'kubernetes';
    writeFileSync(
      path.join(dir.path, ENVIRONMENT_FILE),
      stringify(spec, { lineWidth: 0 }),
    );
    report = await validateEnvironmentRepo(dir.path);
    expect(report.valid).toBe(false);
    expect(report.findings).toContainEqual({
      severity: 'error',
      file: ENVIRONMENT_FILE,
      message: `the clusters https://kubernetes.default.svc and ${region.server} share the Vault Kubernetes auth mount kubernetes: a mount verifies service-account tokens against one cluster's API server, so the other cluster's ExternalSecrets could not sync; give each region its own vaultAuthMount`,
    });
  });

  it('refuses a region with Flux, and a region name given twice with other settings', async () => {
    await committedRepository(
      dir.path,
      parseEnvironmentSpec(GOLDEN_INPUTS['flux-vault']),
    );
    await expect(
      upgrade(dir.path, { type: 'overlay', overlay: 'prod', region }),
    ).rejects.toThrow('an overlay in another region needs gitops: argocd');
    dir.clear();
    await committedRepository(
      dir.path,
      parseEnvironmentSpec(GOLDEN_INPUTS.small),
    );
    await upgrade(dir.path, { type: 'overlay', overlay: 'prod', region });
    await expect(
      upgrade(dir.path, {
        type: 'overlay',
        overlay: 'dev',
        region: { ...region, server: 'https://elsewhere.example.org:6443' },
      }),
    ).rejects.toThrow(
      'already has a region eu2 with another base domain or server',
    );
  });
});
