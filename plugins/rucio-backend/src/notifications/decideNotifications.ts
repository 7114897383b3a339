import type { Cause, CauseSeverity } from './notificationCauses';

/** What the last collections told about one cause. */
export interface CauseState {
  /** When the cause was first seen, in this run of it (ISO-8601). */
  since: string;
  /** The stage the owners were told of; unset while the delay runs. */
  sentStage?: string;
  title: string;
  rses?: string[];
  /** Who was told (see Cause.to). */
  to?: string;
  /** Collections in a row that showed it. */
  seen?: number;
}

export type Decision =
  | { type: 'notify'; cause: Cause }
  | {
      type: 'resolved';
      key: string;
      title: string;
      rses?: string[];
      to?: string;
      severity: CauseSeverity | 'low';
    };

/**
 * Compares the causes of this collection with what was told before: a cause
 * is told once per stage (the notification's scope makes Backstage update it,
 * not add another), after its delay; a cause that was told and is gone is
 * told as resolved. Returns what to send and the state to keep.
 */
export function decideNotifications(
  previous: ReadonlyMap<string, CauseState>,
  causes: Cause[],
  now: Date,
): { decisions: Decision[]; next: Map<string, CauseState> } {
  const decisions: Decision[] = [];
  const next = new Map<string, CauseState>();
  for (const cause of causes) {
    const before = previous.get(cause.key);
    const since = before?.since ?? now.toISOString();
    const lasted = now.getTime() - Date.parse(since);
    const seen = (before?.seen ?? 0) + 1;
    const due =
      lasted >= (cause.delayMinutes ?? 0) * 60_000 &&
      seen >= (cause.afterCollections ?? 1);
    let sentStage = before?.sentStage;
    if (due && sentStage !== cause.stage) {
      decisions.push({ type: 'notify', cause });
      sentStage = cause.stage;
    }
    next.set(cause.key, {
      since,
      sentStage,
      title: cause.title,
      rses: cause.rses,
      ...(cause.to ? { to: cause.to } : {}),
      // Counted up to what the cause waits for, so a steady state stays unchanged.
      seen: Math.min(seen, cause.afterCollections ?? 1),
    });
  }
  for (const [key, state] of previous) {
    if (next.has(key) || !state.sentStage) continue;
    decisions.push({
      type: 'resolved',
      key,
      title: state.title,
      rses: state.rses,
      ...(state.to ? { to: state.to } : {}),
      severity: 'low',
    });
  }
  return { decisions, next };
}
