import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import path from 'node:path';
import { RucioPortalPermissionPolicy } from './RucioPortalPermissionPolicy';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The production config as the backend reads it: app-config.yaml, then
 * production (unset environment variables leave their keys out).
 */
async function productionConfig() {
  const { appConfigs } = await loadConfig({
    configRoot: ROOT,
    configTargets: [
      { path: path.join(ROOT, 'app-config.yaml') },
      { path: path.join(ROOT, 'app-config.production.yaml') },
    ],
  });
  return ConfigReader.fromConfigs(appConfigs);
}

describe('app-config.production.yaml', () => {
  it('inherits no demo: no cluster, no Rucio environment, no guest sign-in', async () => {
    const config = await productionConfig();
    const clusters = config
      .getConfigArray('kubernetes.clusterLocatorMethods')
      .flatMap(m => m.getOptionalConfigArray('clusters') ?? []);
    expect(clusters).toEqual([]);
    expect(config.getConfigArray('rucio.environments')).toEqual([]);
    expect(config.getOptional('auth.providers.guest')).toBeUndefined();
    expect(config.getString('auth.environment')).toBe('production');
    // The demo repository host is no host the URL readers may fetch from.
    expect(config.getConfigArray('backend.reading.allow')).toEqual([]);
  });

  it('signs in only through OIDC, resolved to catalog users, with none of the demo client', async () => {
    const config = await productionConfig();
    expect(
      config.getOptional('auth.providers.oidc.development'),
    ).toBeUndefined();
    const oidc = config.getConfig('auth.providers.oidc.production');
    expect(oidc.getString('prompt')).toBe('auto');
    expect(
      oidc.getConfigArray('signIn.resolvers').map(r => r.getString('resolver')),
    ).toEqual(['emailMatchingUserEntityProfileEmail']);
    expect(
      oidc
        .getConfigArray('signIn.resolvers')
        .map(r =>
          r.getOptionalBoolean('dangerouslyAllowSignInWithoutUserInCatalog'),
        ),
    ).toEqual([undefined]);
    const signInPage = config
      .getConfigArray('app.extensions')
      .map(e => e.getOptionalConfig('sign-in-page:app'))
      .find(Boolean);
    expect(signInPage?.getStringArray('config.providers')).toEqual(['oidc']);
    expect(JSON.stringify(config.get())).not.toContain('demo-oidc-secret');
    // Unset, the session secret is absent, not inherited from development.
    expect(config.getOptional('auth.session.secret')).toBeUndefined();
  });

  it('verifies the PostgreSQL server and grants no admin or operator rights by default', async () => {
    const config = await productionConfig();
    expect(
      config.getBoolean('backend.database.connection.ssl.rejectUnauthorized'),
    ).toBe(true);
    expect(config.getStringArray('permission.rucioPortal.adminGroups')).toEqual(
      [],
    );
    expect(
      config.getStringArray('permission.rucioPortal.operatorGroups'),
    ).toEqual([]);
    expect(RucioPortalPermissionPolicy.settingsFromConfig(config)).toEqual({
      adminGroups: [],
      operatorGroups: [],
      rucioReaders: 'all',
    });
  });
});
