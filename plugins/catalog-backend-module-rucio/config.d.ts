import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The RSE entity provider of the Rucio plugins. */
      rucio?: {
        /** How often RSE entities are refreshed (default every 10 minutes). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** RSE attribute holding the owner's entity ref (default `owner`). */
        ownerAttribute?: string;
        /** Owners by the value of another RSE attribute, e.g. `site`. */
        ownerByAttribute?: {
          attribute: string;
          owners: { [value: string]: string };
        };
      };
    };
  };
}
