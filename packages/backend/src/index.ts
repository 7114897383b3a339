import { createBackend } from '@backstage/backend-defaults';
import { rucioModuleDemoHistory } from './modules/demoHistory/demoHistoryModule';
import { permissionModuleRucioPortalPolicy } from './permissionModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Production sign-in: the organisation's OpenID Connect provider, resolved to
// catalog users by e-mail (app-config.production.yaml).
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@rucio-portal/plugin-catalog-backend-module-rucio'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@rucio-portal/plugin-scaffolder-backend-module-rucio'));

backend.add(import('@backstage/plugin-permission-backend'));
// Reads for everyone signed in; Rucio refresh and sync for owners only.
backend.add(permissionModuleRucioPortalPolicy);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
// The notifications backend publishes its events here (without it, a 404 at each send).
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@rucio-portal/plugin-rucio-backend'));
// Environments marked `demo: true` get a made-up past (app-config.yaml only).
backend.add(rucioModuleDemoHistory);
// The rucio plugin's read-only actions as MCP tools at /api/mcp-actions/v1
// (backend.actions.pluginSources names the plugins whose actions are served).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
