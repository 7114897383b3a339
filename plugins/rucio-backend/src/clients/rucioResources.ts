// What Rucio's REST API answers, as the client reads it.

/** One RSE row of `GET /rses/` (fields we read). */
export interface RucioRse {
  id: string;
  rse: string;
  rse_type: string;
  availability_read?: boolean;
  availability_write?: boolean;
  availability_delete?: boolean;
  deleted?: boolean;
  /** When Rucio last changed the RSE's row (e.g. "Mon, 30 Nov 2026 09:29:19 UTC"). */
  updated_at?: string;
}

/**
 * One line of `GET /requests/metrics` (lib/rucio/core/request.py
 * get_request_metrics): counts from transfer statistics are floats, queued
 * counts integers, and keys are absent when there is nothing to count.
 */
export interface RucioLinkMetrics {
  src_rse: string;
  dst_rse: string;
  distance?: number;
  files?: {
    'queued-total'?: number;
    'done-total-1h'?: number;
    'done-total-6h'?: number;
    'failed-total-1h'?: number;
    'failed-total-6h'?: number;
  };
  bytes?: {
    'queued-total'?: number;
    'done-total-1h'?: number;
    'done-total-6h'?: number;
  };
}

/** One line of `GET /rses/<rse>/usage`. */
export interface RucioRseUsage {
  source: string;
  used: number | null;
  free: number | null;
  total: number | null;
  files: number | null;
  updated_at: string | null;
}

/** One element of `GET /heartbeats`. */
export interface RucioHeartbeat {
  readable: string | null;
  hostname: string;
  pid: number;
  thread_name: string | null;
  updated_at: string;
  created_at: string;
  payload: string | null;
}
