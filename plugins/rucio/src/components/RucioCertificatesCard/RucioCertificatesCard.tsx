import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import type { CheckStatus } from '@rucio-portal/plugin-rucio-common';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, relativeTime } from '../shared/format';

const CHIP_COLOURS: Record<CheckStatus, string> = {
  ok: '#2e7d32',
  warning: '#ed6c02',
  error: '#d32f2f',
  unknown: '#757575',
  unconfigured: '#757575',
};

/**
 * TLS endpoints and cert-manager Certificates, soonest expiry first, with a
 * days-left chip coloured by the configured thresholds.
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
                  <TableCell>
                    <Chip
                      size="small"
                      label={
                        c.daysLeft === undefined ? c.status : `${c.daysLeft} d`
                      }
                      style={{
                        backgroundColor: CHIP_COLOURS[c.status],
                        color: '#fff',
                      }}
                    />
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
