export interface Config {
  rucio?: {
    /** Settings shared by every environment. */
    defaults?: {
      schedule?: {
        /** Seconds between collections (default 60). */
        intervalSeconds?: number;
        /** Timeout of each check in seconds (default 10; the RSE walk gets 6×). */
        checkTimeoutSeconds?: number;
        /** Requests to Rucio in flight at once while reading RSE details (default 8). */
        rseConcurrency?: number;
        /**
         * Requests per minute spent on RSE details (attributes, usage, limits,
         * protocols: four per RSE), new and changed RSEs first (default 240).
         */
        rseDetailRequestsPerMinute?: number;
        /**
         * Requests per minute when adoption (`rucio:environment:adopt`) reads
         * the details of RSEs not read yet, once (default 1,200).
         */
        adoptionRequestsPerMinute?: number;
        /** Collections kept in the history (default 120). */
        historySize?: number;
      };
    };
    /** The Rucio environments that the portal watches. */
    environments?: Array<{
      /**
       * DNS-1123 name; entities refer to it with the `rucio.cern.ch/environment` annotation.
       */
      name: string;
      /** Human title. */
      title?: string;
      /**
       * Default owner of the environment's RSE Resources in the catalog
       * (`@rucio-portal/plugin-catalog-backend-module-rucio`), e.g.
       * `group:default/data-management`. Who may refresh, sync or be
       * notified is decided by the owner of the catalog System instead.
       */
      owner?: string;
      /**
       * The environment's System entity (`rucio-prod` or
       * `system:ns/rucio-prod`): its owners may refresh and sync, receive
       * notifications and, with `rucioReaders: owners`, read; its
       * `backstage.io/source-location` is the repository the drift check
       * reads. Other entities annotated with the environment are ignored.
       */
      system?: string;
      /** Marks the built-in stand-in environment; the UI labels it as a demo. */
      demo?: boolean;
      /**
       * In production (auth.environment: production), http:// Rucio, auth,
       * token or FTS3 URLs that would carry a password or token are refused
       * unless this is true.
       */
      allowInsecure?: boolean;
      rucio: {
        /** Rucio server URL. */
        url: string;
        /** Rucio auth server URL (defaults to `url`). */
        authUrl?: string;
        /** VO short name for multi-VO servers. */
        vo?: string;
        /** Rucio account to act as. */
        account?: string;
        /** CA bundle (PEM file) for the Rucio hosts. */
        caFile?: string;
        /** Username/password login. */
        userpass?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
        /** X.509 login with a certificate and key file. */
        x509?: {
          certFile: string;
          /** @visibility secret */
          keyFile: string;
        };
        /**
         * A Rucio or OIDC token, sent as X-Rucio-Auth-Token. When it is a
         * JWT, its `exp` is read and reported before it lapses.
         * @visibility secret
         */
        token?: string;
        /**
         * OAuth 2.0 client credentials at a generic OIDC provider; the access
         * token is sent as X-Rucio-Auth-Token (Rucio with OIDC enabled).
         */
        oidc?: {
          /** The provider's token endpoint. */
          tokenUrl: string;
          clientId: string;
          /** @visibility secret */
          clientSecret: string;
          scope?: string;
          audience?: string;
        };
      };
      webui?: { url: string };
      /** Links shown in the UI. */
      links?: { argocd?: string; grafana?: string };
      /** FTS3 servers used by this Rucio. */
      fts?: Array<{
        url: string;
        /** ftsmon URL, for links. */
        monitoringUrl?: string;
        caFile?: string;
        certFile?: string;
        /** @visibility secret */
        keyFile?: string;
        /** @visibility secret */
        token?: string;
        /**
         * Hours left on the delegated proxy below which the check warns
         * (default 48). Rucio delegates 96-hour proxies and renews them
         * below 72 hours, so a healthy proxy has 72–96 hours left.
         */
        proxyWarningHours?: number;
        /** Hours left below which the check reports an error (default 12). */
        proxyErrorHours?: number;
      }>;
      /** Read-only database connections. */
      database?: {
        /** A role with pg_monitor on Rucio's PostgreSQL. */
        postgres?: {
          host: string;
          port?: number;
          database: string;
          user: string;
          /** @visibility secret */
          password?: string;
          /** Default verify-full in production (auth.environment), disable elsewhere. */
          ssl?: 'disable' | 'require' | 'verify-full';
          caFile?: string;
        };
        /**
         * A read-only role with SELECT on Rucio's own tables, for rule and
         * transfer counts (aggregate queries only).
         */
        rucio?: {
          host: string;
          port?: number;
          database: string;
          user: string;
          /** @visibility secret */
          password?: string;
          /** Default verify-full in production (auth.environment), disable elsewhere. */
          ssl?: 'disable' | 'require' | 'verify-full';
          caFile?: string;
          /** The schema of Rucio's tables (`[database] schema` of rucio.cfg). */
          schema: string;
          /** Per query (default 10). */
          statementTimeoutSeconds?: number;
          /**
           * Minutes between reads of finished transfers from
           * `requests_history` (Rucio before 33 only; default 60). Rucio has
           * no index for that question, so each read scans the table.
           */
          historyMinutes?: number;
        };
        /** A stats user of PgBouncer's admin console. */
        pgbouncer?: {
          host: string;
          port?: number;
          database: string;
          user: string;
          /** @visibility secret */
          password?: string;
          /** Default verify-full in production (auth.environment), disable elsewhere. */
          ssl?: 'disable' | 'require' | 'verify-full';
          caFile?: string;
        };
      };
      /** Limits of the rules and transfers checks. */
      dataPlane?: {
        /** A STUCK rule counts once stuck for this long (default 24). */
        stuckRuleHours?: number;
        /** Warning above this many such STUCK rules (default 0). */
        stuckRulesWarning?: number;
        /** Warning above this many SUSPENDED rules (default 0). */
        suspendedRulesWarning?: number;
        /** Warning when a link fails more than this share over 6 h (default 0.5). */
        linkFailureRatioWarning?: number;
      };
      /**
       * Reading the environment repository for the drift check. The
       * repository is the `backstage.io/source-location` of the catalog
       * System entity that names this environment; its `base/rses/` is read
       * through Backstage's URL readers (`integrations`, `backend.reading`).
       */
      /**
       * Owner notifications (the System's owner and the owners of the RSEs
       * concerned, from the catalog): one per cause while it lasts, updated
       * when it gets worse, and one when it recovers.
       */
      notifications?: {
        /** Default true. */
        enabled?: boolean;
        /** Tell when a certificate expires within this many days (default 14). */
        certificateDays?: number;
        /** Tell again, as critical, within this many days (default 3). */
        certificateUrgentDays?: number;
        /** Tell when a GitOps object stays OutOfSync or Degraded this long (default 30). */
        syncMinutes?: number;
        /**
         * Tell that the Rucio server, auth, WebUI, PostgreSQL, PgBouncer or an
         * FTS3 server is unreachable or failing once this many collections in
         * a row showed it (default 2, so one blip is no news).
         */
        outageCollections?: number;
        /**
         * Tell that the environment is not collected when no backend
         * instance stored a collection of it for this many collection
         * intervals (default 3).
         */
        notCollectedIntervals?: number;
        /** Switch single kinds of cause off (each default true). */
        causes?: {
          outages?: boolean;
          certificates?: boolean;
          daemons?: boolean;
          fts?: boolean;
          rses?: boolean;
          sync?: boolean;
          rules?: boolean;
          transfers?: boolean;
          secrets?: boolean;
        };
      };
      repository?: {
        /**
         * The environment repository, e.g. `https://github.com/org/rucio-prod`.
         * Only when `system` is not set: the System registered from a
         * catalog-info.yaml inside this repository speaks for the environment.
         */
        url?: string;
        /** Re-read the repository at most this often (default 10). */
        refreshMinutes?: number;
        /** Refuse a repository declaring more RSE files (default 2000). */
        maxFiles?: number;
        /** Refuse a file larger than this (default 262144). */
        maxFileBytes?: number;
      };
      /** Which cluster of `kubernetes.clusterLocatorMethods` runs Rucio. */
      kubernetes?: {
        cluster: string;
        namespace: string;
        labelSelector?: string;
      };
      /** The GitOps objects that deploy this environment. */
      gitops?: {
        controller: 'argocd' | 'flux';
        namespace: string;
        names?: string[];
        labelSelector?: string;
      };
      daemons?: {
        /** Daemons that must heartbeat; default: from the Deployments. */
        expected?: string[];
        /** Default max(2 × sleepTimeSeconds, 120). */
        staleAfterSeconds?: number;
        sleepTimeSeconds?: number;
        /** Per daemon (heartbeat name, e.g. reaper): its own staleness. */
        perDaemon?: { [daemon: string]: { staleAfterSeconds: number } };
      };
      /** Extra TLS endpoints (host:port or URL) and expiry thresholds. */
      tls?: {
        endpoints?: string[];
        warningDays?: number;
        errorDays?: number;
        caFile?: string;
      };
      schedule?: {
        intervalSeconds?: number;
        checkTimeoutSeconds?: number;
        rseConcurrency?: number;
        rseDetailRequestsPerMinute?: number;
        adoptionRequestsPerMinute?: number;
        historySize?: number;
      };
    }>;
  };
}
