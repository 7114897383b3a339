import { recreatability } from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { StatusIcon } from '../shared/StatusIcon';
import { useRucioEnvironment } from '../shared/useRucioEnvironment';

const STATUS = { yes: 'ok', no: 'warning', unknown: 'unknown' } as const;

/**
 * One line: could this environment be recreated from its repository, or the
 * first reason it could not, linked to the card that shows it.
 */
export function RecreatableLine() {
  const { value } = useRucioEnvironment();
  const snapshot = value?.snapshot;
  if (!snapshot) return null;
  const { state, reason, check } = recreatability(snapshot);
  let title = 'Recreatability unknown';
  if (state === 'yes') title = 'Recreatable from the repository';
  else if (state === 'no') title = 'Not recreatable from the repository';
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      aria-label="Recreatability"
    >
      <StatusIcon status={STATUS[state]}>
        <strong>{title}</strong>
      </StatusIcon>
      {state !== 'yes' && (
        <Typography variant="body2" component="span">
          {reason}
          {check && (
            <>
              {' '}
              <a href={`#rucio-${check}`}>see {check}</a>
            </>
          )}
        </Typography>
      )}
    </Box>
  );
}
