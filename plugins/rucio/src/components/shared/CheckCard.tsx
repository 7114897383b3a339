import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  type CheckDetailsMap,
  type CheckId,
  type CheckResult,
  type GetEnvironmentResponse,
} from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { relativeTime } from './format';
import { StatusIcon } from './StatusIcon';
import { useRucioEnvironment } from './useRucioEnvironment';
import { useTicker } from './useTicker';

/** Props of {@link CheckCard}. */
export interface CheckCardProps<K extends CheckId> {
  title: string;
  check: K;
  /** What the card shows once the check has details. */
  children: (
    details: CheckDetailsMap[K],
    result: CheckResult<CheckDetailsMap[K]>,
    data: GetEnvironmentResponse,
  ) => ReactNode;
  action?: ReactNode;
  noPadding?: boolean;
  /** What "checked" means for this card, e.g. "list checked" (default "checked"). */
  checkedLabel?: string;
  /** How old the figures shown are, when that differs from the check's time. */
  freshness?: (details: CheckDetailsMap[K]) => string | undefined;
}

/**
 * The frame every check card shares: loading, missing annotation, backend
 * errors, not-yet-collected, not configured, stale data and the check's own
 * error, so each card only draws its details.
 */
export function CheckCard<K extends CheckId>(props: CheckCardProps<K>) {
  const { name, loading, error, value } = useRucioEnvironment();
  // Ages count up between collections.
  useTicker();
  // The id is where owner notifications link to (`…/rucio#rucio-<check>`).
  const frame = (body: ReactNode, subheader?: ReactNode) => (
    <div id={`rucio-${props.check}`}>
      <InfoCard
        title={props.title}
        subheader={subheader}
        action={props.action}
        noPadding={props.noPadding}
      >
        {body}
      </InfoCard>
    </div>
  );

  if (!name) {
    return frame(
      <MissingAnnotationEmptyState annotation={RUCIO_ENVIRONMENT_ANNOTATION} />,
    );
  }
  if (loading && !value) {
    return frame(<Progress />);
  }
  if (error && !value) {
    return frame(<ResponseErrorPanel error={error} />);
  }
  const snapshot = value?.snapshot;
  const result = snapshot?.checks[props.check] as
    | CheckResult<CheckDetailsMap[K]>
    | undefined;
  if (!snapshot || !result) {
    return frame(
      <EmptyState
        missing="data"
        title="Not collected yet"
        description={`The first collection of ${name} has not finished; this card fills in within a minute.`}
      />,
    );
  }
  const freshness = result.details && props.freshness?.(result.details);
  const subheader = (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <StatusIcon status={result.status} />
      <Typography variant="caption" color="textSecondary">
        {props.checkedLabel ?? 'checked'} {relativeTime(result.checkedAt)}
        {freshness ? ` · ${freshness}` : ''}
      </Typography>
    </Box>
  );
  if (result.status === 'unconfigured') {
    return frame(
      <EmptyState
        missing="field"
        title="Not configured"
        description={result.message}
      />,
      subheader,
    );
  }
  return frame(
    <>
      {value!.stale && (
        <WarningPanel
          severity="warning"
          title="Stale data"
          message={`The last collection finished ${relativeTime(
            snapshot.collectedAt,
          )}; newer ones have not completed.`}
        />
      )}
      {error && (
        <WarningPanel
          severity="warning"
          title="Could not refresh"
          message={error.message}
        />
      )}
      {result.status !== 'ok' && (
        <Box px={props.noPadding ? 2 : 0} pt={props.noPadding ? 1 : 0}>
          <Typography
            variant="body2"
            data-testid={`rucio-${props.check}-message`}
          >
            {result.message}
          </Typography>
        </Box>
      )}
      {result.details
        ? props.children(result.details, result, value!)
        : result.status === 'ok' && (
            <Typography variant="body2">{result.message}</Typography>
          )}
    </>,
    subheader,
  );
}
