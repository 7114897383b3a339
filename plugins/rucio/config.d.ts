export interface Config {
  rucio?: {
    /** How the Rucio cards show what the browser needs to know. */
    ui?: {
      /**
       * Units of sizes: `decimal` (kB, TB, PB: as Rucio's client and WLCG
       * accounting print them; the default) or `binary` (KiB, TiB, PiB).
       * The backend's RSE notifications use the same units.
       *
       * @visibility frontend
       */
      byteUnits?: 'decimal' | 'binary';
    };
  };
}
