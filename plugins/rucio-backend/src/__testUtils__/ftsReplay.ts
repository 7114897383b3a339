import { readFtsRecordings, type FtsRecording } from '@internal/rucio-demo';
import { serve } from './fixtures';

/**
 * A server answering as a real FTS3 REST server (fts-rest-flask v3.13.4,
 * packages/rucio-demo/fixtures/fts-rest-3.13.4) did: a request is answered
 * with the recording of the same request. Two rules of
 * fts3rest/controllers/jobs.py make other queries equal to recorded ones:
 * `fields` only projects the answer (recordings 42 → 44), `time_window` is
 * ignored with a `limit` or without `state_in` (43 = 42 = 41), and a `dlg_id`
 * other than the caller's is refused before anything else is read (54).
 */

const recordings = readFtsRecordings();

/** The delegation id of the recorded client. */
export const RECORDED_DELEGATION = 'e98b52e2a4ead581';

function normalised(path: string) {
  const url = new URL(path, 'http://x');
  const params = new URLSearchParams(url.search);
  params.delete('fields');
  if (params.has('limit') || !params.has('state_in')) {
    params.delete('time_window');
  }
  params.sort();
  return `${url.pathname}?${params}`;
}

function recordingFor(path: string): FtsRecording | undefined {
  const dlg = new URL(path, 'http://x').searchParams.get('dlg_id');
  if (dlg && dlg !== RECORDED_DELEGATION) {
    return recordings.find(r => r.name === '54_jobs_dlg_id_other');
  }
  return recordings.find(
    r => r.method === 'GET' && normalised(r.path) === normalised(path),
  );
}

function project(body: string, fields: string[] | undefined) {
  if (!fields) return body;
  const jobs = JSON.parse(body) as Array<Record<string, unknown>>;
  return JSON.stringify(
    jobs.map(j =>
      Object.fromEntries(fields.filter(f => f in j).map(f => [f, j[f]])),
    ),
  );
}

/**
 * Serves the recordings; `delegation` names the recording that answers
 * `/delegation/<id>` (20: a proxy of 90 h at recording time; 04: none).
 */
export async function serveFtsRecordings(
  options: { delegation?: () => string } = {},
) {
  const requests: string[] = [];
  const server = await serve((req, res) => {
    requests.push(req.url!);
    const byName = (name: string) => recordings.find(r => r.name === name);
    let recording: FtsRecording | undefined;
    if (req.url!.startsWith('/delegation/')) {
      recording = byName(
        options.delegation?.() ?? '20_delegation_after_insert',
      );
    } else if (req.url === '/whoami') {
      recording = byName('40_whoami_with_gridmap_authz');
    } else if (req.url === '/') {
      recording = byName('79_root_after_seed');
    } else {
      recording = recordingFor(req.url!);
    }
    if (!recording) {
      res.writeHead(599);
      res.end(`no recording for ${req.url}`);
      return;
    }
    res.writeHead(recording.status, {
      'Content-Type': recording.headers['content-type'],
    });
    const fields = new URL(req.url!, 'http://x').searchParams
      .get('fields')
      ?.split(',');
    res.end(
      recording.status === 200
        ? project(recording.body, fields)
        : recording.body,
    );
  });
  return { ...server, requests };
}
