import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { CheckStatus } from '@internal/plugin-rucio-common';
import type { ReactNode } from 'react';

const LABELS: Record<CheckStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  unknown: 'Unknown',
  unconfigured: 'Not configured',
};

/** A check status as Backstage's status icon with a text label. */
export function StatusIcon(props: {
  status: CheckStatus;
  children?: ReactNode;
}) {
  const label = props.children ?? LABELS[props.status];
  switch (props.status) {
    case 'ok':
      return <StatusOK>{label}</StatusOK>;
    case 'warning':
      return <StatusWarning>{label}</StatusWarning>;
    case 'error':
      return <StatusError>{label}</StatusError>;
    case 'unknown':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
