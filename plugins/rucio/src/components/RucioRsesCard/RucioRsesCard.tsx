import { relativeTime } from '../shared/format';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CheckCard } from '../shared/CheckCard';
import { useFormatBytes } from '../shared/useFormatBytes';
import { loadRses, useRucioEnvironment } from '../shared/useRucioEnvironment';
import { RseTable } from './RseTable';
import { pageRequest, viewFromParams } from './useRseTableView';

/**
 * RSEs with availability, usage, limits and key attributes. Search, state
 * filters, sort and paging run on the backend, so large federations stay
 * smooth.
 *
 * @public
 */
export function RucioRsesCard() {
  const { name, api } = useRucioEnvironment();
  const formatBytes = useFormatBytes();
  const [params] = useSearchParams();
  const request = JSON.stringify(pageRequest(viewFromParams(params)));
  // Ask for the first page now rather than after the environment arrives:
  // the table's own first request then shares this one.
  useEffect(() => {
    if (name) {
      loadRses(api, name, JSON.parse(request)).catch(() => {});
    }
  }, [api, name, request]);
  return (
    <CheckCard
      title="RSEs"
      check="rses"
      noPadding
      checkedLabel="list checked"
      freshness={details =>
        details.oldestDetailsAt
          ? `usage read ${relativeTime(details.oldestDetailsAt)} or later`
          : undefined
      }
    >
      {(details, _result, data) => (
        <>
          <Box px={2} pt={1}>
            <Typography variant="body2" color="textSecondary">
              {details.total} RSEs · {formatBytes(details.usedBytes)} used of{' '}
              {formatBytes(details.totalBytes)}
            </Typography>
          </Box>
          <RseTable
            environment={data.environment.name}
            collectedAt={data.snapshot?.collectedAt}
          />
        </>
      )}
    </CheckCard>
  );
}
