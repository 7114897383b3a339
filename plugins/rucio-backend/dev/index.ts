import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A backend with only this plugin, its auth mocked so that plain curl works:
//   curl http://localhost:7007/api/rucio/health
// Run with `yarn start` in this folder; it reads the repository's app-config.yaml.
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.start();
