import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, relativeTime } from '../shared/format';
import { STATUS_COLOURS } from '../shared/statusColours';

/** A short label for why a certificate would be refused; the whole reason on hover. */
function trustLabel(problem: string) {
  if (/self[- ]signed/i.test(problem)) return 'self-signed';
  if (/is for |hostname|altnames/i.test(problem)) return 'wrong host';
  if (/not Ready/.test(problem)) return 'not Ready';
  if (/expired/i.test(problem)) return 'expired';
  return 'untrusted';
}

/**
 * TLS endpoints and cert-manager Certificates, soonest expiry first, with a
 * days-left chip coloured by the configured thresholds (`tls.warningDays`,
 * `tls.errorDays`) and the trust problem, if any, as a chip of its own.
 *
 * @public
 */
export function RucioCertificatesCard() {
  return (
    <CheckCard title="Certificates" check="certificates" noPadding>
      {details =>
        details.certificates.length === 0 ? null : (
          <Table size="small" aria-label="Certificates">
            <TableHead>
              <TableRow>
                <TableCell>Endpoint / Certificate</TableCell>
                <TableCell>DNS names</TableCell>
                <TableCell>Issuer</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>Days left</TableCell>
                <TableCell>Source</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {details.certificates.map(c => (
                <TableRow key={`${c.source}:${c.name}`}>
                  <TableCell>
                    <Tooltip title={c.message}>
                      <span>{c.name}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>{c.dnsNames.join(', ') || '—'}</TableCell>
                  <TableCell>{c.issuer ?? '—'}</TableCell>
                  <TableCell>
                    <Tooltip title={absoluteTime(c.notAfter)}>
                      <span>{relativeTime(c.notAfter)}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <Chip
                      size="small"
                      label={
                        c.daysLeft === undefined
                          ? 'no expiry'
                          : `${c.daysLeft} d`
                      }
                      style={{
                        // Older snapshots have no daysStatus: the status then.
                        backgroundColor:
                          STATUS_COLOURS[c.daysStatus ?? c.status],
                        color: '#fff',
                      }}
                    />
                    {c.problem && (
                      <Tooltip title={c.problem}>
                        <Chip
                          size="small"
                          variant="outlined"
                          label={trustLabel(c.problem)}
                          style={{
                            marginLeft: 4,
                            borderColor: STATUS_COLOURS.error,
                            color: STATUS_COLOURS.error,
                          }}
                        />
                      </Tooltip>
                    )}
                  </TableCell>
                  <TableCell>
                    {c.source === 'tls' ? 'TLS probe' : 'cert-manager'}
                    {c.ready === false ? ' (not Ready)' : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </CheckCard>
  );
}
