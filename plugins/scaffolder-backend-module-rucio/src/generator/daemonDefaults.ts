/** Small-deployment defaults: one replica each, a few threads where it helps. */
export const DEFAULT_DAEMONS = {
  abacusRse: { replicas: 1, threads: 1 },
  conveyorTransferSubmitter: { replicas: 1, threads: 2 },
  conveyorPoller: { replicas: 1, threads: 2 },
  conveyorFinisher: { replicas: 1, threads: 2 },
  hermes: { replicas: 1, threads: 1 },
  judgeCleaner: { replicas: 1, threads: 1 },
  judgeEvaluator: { replicas: 1, threads: 2 },
  judgeInjector: { replicas: 1, threads: 1 },
  judgeRepairer: { replicas: 1, threads: 1 },
  reaper: { replicas: 1, threads: 4 },
  transmogrifier: { replicas: 1, threads: 1 },
  undertaker: { replicas: 1, threads: 1 },
};

/**
 * The conveyor daemons that hand transfers to FTS3 or follow them there
 * (Rucio's `daemons/conveyor/`: submitter, poller, receiver and stager talk
 * to FTS3; the finisher finishes what they followed).
 */
export const FTS_DAEMONS = [
  'conveyorTransferSubmitter',
  'conveyorPoller',
  'conveyorReceiver',
  'conveyorStager',
  'conveyorFinisher',
];

/** The default daemons of an environment: without FTS3, no conveyor. */
export function defaultDaemons(withFts: boolean) {
  return Object.fromEntries(
    Object.entries(DEFAULT_DAEMONS).filter(
      ([name]) => withFts || !FTS_DAEMONS.includes(name),
    ),
  );
}
