import type {
  CheckResult,
  RulesCheckDetails,
} from '@rucio-portal/plugin-rucio-common';
import Typography from '@material-ui/core/Typography';

/**
 * The RSE's stuck replica locks, as the rules check counts them: it keeps
 * the RSEs with the most, so an RSE not among them has fewer than the last.
 */
export function RseStuckLocks(props: {
  rse: string;
  rules?: CheckResult<RulesCheckDetails>;
}) {
  const { rse, rules } = props;
  let text: string;
  if (!rules) {
    text = 'Stuck rules: not collected yet.';
  } else if (!rules.details) {
    text = `Stuck rules: ${rules.message}`;
  } else {
    const { stuckLocksByRse, byState, stuckOlder } = rules.details;
    const index = stuckLocksByRse.findIndex(s => s.rse === rse);
    const last = stuckLocksByRse.at(-1);
    if (index >= 0) {
      text = `${stuckLocksByRse[index].locks.toLocaleString(
        'en',
      )} stuck locks on ${rse} (${index + 1} of the ${
        stuckLocksByRse.length
      } RSEs with the most); ${byState.STUCK.toLocaleString(
        'en',
      )} STUCK rules in all, ${stuckOlder.count.toLocaleString(
        'en',
      )} for more than ${stuckOlder.hours} h.`;
    } else if (last) {
      text = `${rse} is not among the ${
        stuckLocksByRse.length
      } RSEs with the most stuck locks (the last of them has ${last.locks.toLocaleString(
        'en',
      )}).`;
    } else {
      text = `No stuck locks on any RSE.`;
    }
  }
  return (
    <Typography variant="body2" data-testid="rse-stuck-locks" paragraph>
      {text}
    </Typography>
  );
}
