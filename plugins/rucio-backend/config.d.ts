export interface Config {
  rucio?: {
    /** The Rucio environments that the portal watches. */
    environments?: Array<{
      /**
       * Unique name; entities refer to it with the `rucio.cern.ch/environment` annotation.
       * @visibility frontend
       */
      name: string;
      /**
       * Human title.
       * @visibility frontend
       */
      title?: string;
    }>;
  };
}
