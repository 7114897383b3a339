import { createApiRef } from '@backstage/core-plugin-api';
import type { RucioStatusApi } from '@rucio-portal/plugin-rucio-common';

/**
 * The API of the rucio backend plugin, shared by both frontend systems.
 *
 * @public
 */
export const rucioApiRef = createApiRef<RucioStatusApi>({
  id: 'plugin.rucio.status',
});
