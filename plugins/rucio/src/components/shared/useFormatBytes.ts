import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { formatBytes, type ByteUnits } from '@rucio-portal/plugin-rucio-common';
import { useCallback } from 'react';

/** `formatBytes` in the units the portal's `rucio.ui.byteUnits` names. */
export function useFormatBytes(): (bytes: number | undefined) => string {
  const config = useApi(configApiRef);
  const units = (config.getOptionalString('rucio.ui.byteUnits') ??
    'decimal') as ByteUnits;
  return useCallback(
    (bytes: number | undefined) => formatBytes(bytes, units),
    [units],
  );
}
