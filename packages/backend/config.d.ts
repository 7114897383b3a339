export interface Config {
  permission?: {
    /** The portal's permission policy (see packages/backend/README.md). */
    rucioPortal?: {
      /**
       * Groups (entity refs) whose members may use the Kubernetes proxy,
       * register, delete and refresh any catalog entity, and run templates.
       */
      adminGroups?: string[];
      /** Groups whose members may run templates (and register their results). */
      operatorGroups?: string[];
      /**
       * Who may read a Rucio environment's status, history and RSEs: `all`
       * signed-in users (the default), or only the `owners` of its catalog
       * System and the admin groups.
       */
      rucioReaders?: 'all' | 'owners';
    };
  };
}
