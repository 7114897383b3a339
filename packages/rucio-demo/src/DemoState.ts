import { createRandom } from './random.ts';

/** The demo FTS3's delegation id (FTS3 derives it from the client DN). */
export const DEMO_DELEGATION_ID = '9ab8ea7fd2c0a3b1';

/** How the demo behaves; every field has a default for `./portal start`. */
export interface DemoOptions {
  rseCount: number;
  seed: number;
  /** Rucio token lifetime. */
  tokenLifetimeSeconds: number;
  /** Extra latency added to every HTTP answer. */
  latencyMs: number;
  /** Share of HTTP answers replaced by a 500 (0..1). */
  errorRate: number;
  /** Components answering nothing but 503 (rucio, auth, fts, kubernetes, webui). */
  outages: string[];
  rucioVersion: string;
}

export const DEFAULT_OPTIONS: DemoOptions = {
  rseCount: 60,
  seed: 42,
  tokenLifetimeSeconds: 3600,
  latencyMs: 0,
  errorRate: 0,
  outages: [],
  rucioVersion: '40.1.0',
};

const SITES = [
  { site: 'CERN-PROD', country: 'CH', city: 'Geneva', tier: '0' },
  { site: 'DESY-HH', country: 'DE', city: 'Hamburg', tier: '1' },
  { site: 'IN2P3-CC', country: 'FR', city: 'Lyon', tier: '1' },
  { site: 'INFN-T1', country: 'IT', city: 'Bologna', tier: '1' },
  { site: 'PIC', country: 'ES', city: 'Barcelona', tier: '1' },
  { site: 'RAL-LCG2', country: 'GB', city: 'Didcot', tier: '1' },
  { site: 'NDGF-T1', country: 'SE', city: 'Stockholm', tier: '1' },
  { site: 'BNL-ATLAS', country: 'US', city: 'Upton', tier: '1' },
  { site: 'TRIUMF', country: 'CA', city: 'Vancouver', tier: '1' },
  { site: 'PRAGUELCG2', country: 'CZ', city: 'Prague', tier: '2' },
  { site: 'MWT2', country: 'US', city: 'Chicago', tier: '2' },
  { site: 'AGLT2', country: 'US', city: 'Ann Arbor', tier: '2' },
] as const;

const SPACES = [
  'DATADISK',
  'SCRATCHDISK',
  'TAPE',
  'S3',
  'LOCALGROUPDISK',
] as const;

const TB = 1e12;

/** What the demo repository declares; one RSE was raised by hand in Rucio since. */
export const MIN_FREE_SPACE: Partial<Record<(typeof SPACES)[number], number>> =
  {
    SCRATCHDISK: 50 * TB,
    DATADISK: 10 * TB,
  };

export interface DemoRse {
  id: string;
  rse: string;
  kind: (typeof SPACES)[number];
  site: (typeof SITES)[number];
  createdAt: number;
  totalBytes: number;
  baseUsage: number;
  phase: number;
  files: number;
  availabilityRead: boolean;
  availabilityWrite: boolean;
  availabilityDelete: boolean;
  minFreeSpace?: number;
  owner?: string;
}

export const DAEMONS = [
  { name: 'abacus-rse', threads: 1, replicas: 1 },
  { name: 'conveyor-finisher', threads: 2, replicas: 1 },
  { name: 'conveyor-poller', threads: 2, replicas: 1 },
  { name: 'conveyor-submitter', threads: 4, replicas: 2 },
  { name: 'hermes', threads: 1, replicas: 1 },
  { name: 'judge-evaluator', threads: 2, replicas: 1 },
  { name: 'judge-repairer', threads: 1, replicas: 1 },
  { name: 'reaper', threads: 4, replicas: 2 },
  { name: 'transmogrifier', threads: 1, replicas: 1 },
  { name: 'undertaker', threads: 1, replicas: 1 },
];

/** The daemon that stopped heartbeating ten minutes before the demo started. */
export const STALE_DAEMON = 'hermes';

/**
 * Everything the demo serves, derived from the seed and the clock so that
 * usage drifts, heartbeats stay fresh and FTS jobs flow.
 */
export class DemoState {
  readonly options: DemoOptions;
  readonly startedAt: number;
  readonly rses: DemoRse[];
  readonly byName: Map<string, DemoRse>;
  readonly daemonPods: Array<{
    daemon: string;
    host: string;
    pid: number;
    threads: number;
  }>;

  constructor(options: Partial<DemoOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.startedAt = Date.now();
    const random = createRandom(this.options.seed);
    this.rses = [];
    for (let i = 0; i < this.options.rseCount; i++) {
      const site = SITES[i % SITES.length];
      const kind = SPACES[Math.floor(i / SITES.length) % SPACES.length];
      const round = Math.floor(i / (SITES.length * SPACES.length));
      const rse = `${site.site}_${kind}${round ? `_${round + 1}` : ''}`;
      const totalBytes =
        (kind === 'TAPE' ? random.int(2000, 9000) : random.int(100, 3000)) * TB;
      this.rses.push({
        id: random.hex(32),
        rse,
        kind,
        site,
        createdAt: this.startedAt - random.int(30, 900) * 86_400_000,
        totalBytes,
        baseUsage: 0.35 + random.next() * 0.5,
        phase: random.next() * Math.PI * 2,
        files: random.int(10_000, 5_000_000),
        availabilityRead: true,
        availabilityWrite: true,
        availabilityDelete: true,
        minFreeSpace: MIN_FREE_SPACE[kind],
        owner:
          kind === 'LOCALGROUPDISK' ? 'group:default/site-admins' : undefined,
      });
    }
    // A few RSEs that need attention, as in any real federation.
    if (this.rses.length > 7) {
      this.rses[7].availabilityWrite = false;
      this.rses[3].baseUsage = 0.995;
      this.rses[3].minFreeSpace = 50 * TB;
    }
    // Two closed for reads, listed as Rucio 40.4.1 lists one (recordings/
    // 04_rses_list.txt): owners are told of them in one notification.
    if (this.rses.length > 12) {
      this.rses[11].availabilityRead = false;
      this.rses[12].availabilityRead = false;
    }
    this.byName = new Map(this.rses.map(r => [r.rse, r]));
    this.daemonPods = DAEMONS.flatMap(d =>
      Array.from({ length: d.replicas }, (_, r) => ({
        daemon: d.name,
        host: `daemons-${d.name}-${random.hex(9)}-${random.hex(
          5,
        )}.rucio.svc.cluster.local`,
        pid: 7 + r,
        threads: d.threads,
      })),
    );
  }

  /** Used bytes drift slowly around each RSE's base usage. */
  usage(rse: DemoRse, now = Date.now()) {
    const hours = (now - this.startedAt) / 3_600_000;
    const fraction = Math.min(
      0.999,
      Math.max(0.01, rse.baseUsage + 0.03 * Math.sin(hours * 6 + rse.phase)),
    );
    const used = Math.round(rse.totalBytes * fraction);
    return {
      used,
      free: rse.totalBytes - used,
      total: rse.totalBytes,
      files: rse.files + Math.round(hours * 1000),
    };
  }

  /** Fresh heartbeats for every daemon but one. */
  heartbeats(now = Date.now()) {
    const rows = [];
    for (const pod of this.daemonPods) {
      const stale = pod.daemon === STALE_DAEMON;
      const updated = stale
        ? this.startedAt - 600_000
        : now - ((now / 1000 + pod.pid) % 30) * 1000;
      for (let t = 1; t <= pod.threads; t++) {
        rows.push({
          readable: pod.daemon,
          hostname: pod.host,
          pid: pod.pid,
          thread_name: `Thread-${t} (${pod.daemon.replace(/-/g, '_')})`,
          updated_at: updated,
          created_at: this.startedAt - 3_600_000,
          payload: null,
        });
      }
    }
    return rows.sort((a, b) =>
      a.readable === b.readable
        ? a.hostname.localeCompare(b.hostname) ||
          a.thread_name.localeCompare(b.thread_name)
        : a.readable.localeCompare(b.readable),
    );
  }

  /**
   * When the delegated proxy expires: Rucio delegates 96-hour proxies and
   * renews them once fewer than 72 hours are left, so this cycles between
   * 96 and 72 hours ahead.
   */
  proxyExpiry(now = Date.now()) {
    const cycle = 24 * 3_600_000;
    const sinceRenewal = (now - this.startedAt) % cycle;
    return now - sinceRenewal + 96 * 3_600_000;
  }

  /**
   * FTS jobs of the last three hours, in submission order: a new one every
   * 20 s, most finish 150 s later. Each job depends only on its slot, so a
   * job looks the same on every read.
   */
  ftsJobs(now = Date.now()) {
    const jobs = [];
    const first = Math.floor((now - 3 * 3_600_000) / 20_000);
    const last = Math.floor(now / 20_000);
    for (let n = first; n <= last; n++) {
      const random = createRandom(this.options.seed * 7919 + n);
      const submitted = n * 20_000;
      const age = now - submitted;
      const roll = random.next();
      const src = random.pick(this.rses);
      const dst = random.pick(this.rses);
      let state = 'FINISHED';
      if (age < 60_000) state = 'SUBMITTED';
      else if (age < 180_000) state = 'ACTIVE';
      else if (roll < 0.08) state = 'FAILED';
      else if (roll < 0.1) state = 'CANCELED';
      // Every field a job of fts-rest-flask 3.13.4 has (recording 41).
      jobs.push({
        job_id: `${random.hex(8)}-${random.hex(4)}-${random.hex(
          4,
        )}-${random.hex(4)}-${random.hex(12)}`,
        cred_id: DEMO_DELEGATION_ID,
        dst_file_report: false,
        job_metadata: null,
        source_se: `davs://${src.site.site.toLowerCase()}.example.org`,
        vo_name: 'demo',
        overwrite_flag: 'N',
        retry: 0,
        dest_se: `davs://${dst.site.site.toLowerCase()}.example.org`,
        reason: state === 'FAILED' ? 'TRANSFER [5] connection refused' : null,
        job_finished: ['FINISHED', 'FAILED', 'CANCELED'].includes(state)
          ? new Date(submitted + 150_000).toISOString().slice(0, 19)
          : null,
        retry_delay: 0,
        source_spacetoken: null,
        job_state: state,
        submit_time: new Date(submitted).toISOString().slice(0, 19),
        copy_pin_lifetime: -1,
        os_project_id: null,
        job_type: 'N',
        priority: 3,
        bring_online: -1,
        destination_spacetoken: null,
        cancel_job: false,
        max_time_in_queue: null,
        archive_timeout: null,
        verify_checksum: 'N',
        submit_host: 'fts3-demo.example.org',
        internal_job_params: null,
        target_qos: null,
        user_dn: '/DC=org/DC=example/OU=Robots/CN=rucio-demo',
      });
    }
    return jobs;
  }
}
