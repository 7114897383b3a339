import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { CheckStatus } from '@rucio-portal/plugin-rucio-common';
import type { ReactNode } from 'react';

const LABELS: Record<CheckStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  unknown: 'Unknown',
  unconfigured: 'Not configured',
};

function Icon(props: { status: CheckStatus; label: ReactNode }) {
  switch (props.status) {
    case 'ok':
      return <StatusOK>{props.label}</StatusOK>;
    case 'warning':
      return <StatusWarning>{props.label}</StatusWarning>;
    case 'error':
      return <StatusError>{props.label}</StatusError>;
    case 'unknown':
      return <StatusPending>{props.label}</StatusPending>;
    default:
      return <StatusAborted>{props.label}</StatusAborted>;
  }
}

/**
 * A check status as Backstage's status icon with a text label, kept on one
 * line: in a narrow table column the label would otherwise break inside a
 * word ("Warnin g").
 */
export function StatusIcon(props: {
  status: CheckStatus;
  children?: ReactNode;
}) {
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="rucio-status">
      <Icon
        status={props.status}
        label={props.children ?? LABELS[props.status]}
      />
    </span>
  );
}
