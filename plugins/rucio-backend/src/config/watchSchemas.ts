import { z } from 'zod';
import {
  CAUSE_KINDS,
  type CauseKind,
} from '../notifications/notificationCauses';

/**
 * The per-environment settings of what the plugin watches beyond service
 * health: data-plane limits, reading the environment repository and owner
 * notifications.
 */

const positive = z.number().int().positive();

const ALL_CAUSES = Object.fromEntries(
  CAUSE_KINDS.map(kind => [kind, true]),
) as Record<CauseKind, boolean>;

/** Limits of the rules and transfers checks. */
export const dataPlane = z
  .object({
    stuckRuleHours: positive.max(24 * 365).default(24),
    stuckRulesWarning: z.number().int().min(0).default(0),
    suspendedRulesWarning: z.number().int().min(0).default(0),
    linkFailureRatioWarning: z.number().min(0).max(1).default(0.5),
  })
  .strict()
  .default({
    stuckRuleHours: 24,
    stuckRulesWarning: 0,
    suspendedRulesWarning: 0,
    linkFailureRatioWarning: 0.5,
  });

/** Reading the environment repository for the drift check. */
export const repository = z
  .object({
    url: z.string().url().optional(),
    refreshMinutes: positive.max(24 * 60).default(10),
    maxFiles: positive.max(100_000).default(2000),
    maxFileBytes: positive.max(16 * 1024 * 1024).default(256 * 1024),
  })
  .strict()
  .default({
    refreshMinutes: 10,
    maxFiles: 2000,
    maxFileBytes: 256 * 1024,
  });

/** Owner notifications: when to tell, and which causes. */
export const notifications = z
  .object({
    enabled: z.boolean().default(true),
    certificateDays: positive.max(365).default(14),
    certificateUrgentDays: positive.max(365).default(3),
    syncMinutes: positive.max(7 * 24 * 60).default(30),
    outageCollections: positive.max(100).default(2),
    notCollectedIntervals: positive.max(1000).default(3),
    causes: z
      .object(
        Object.fromEntries(
          CAUSE_KINDS.map(kind => [kind, z.boolean().default(true)]),
        ) as Record<CauseKind, z.ZodDefault<z.ZodBoolean>>,
      )
      .strict()
      .default(ALL_CAUSES),
  })
  .strict()
  .refine(n => n.certificateUrgentDays < n.certificateDays, {
    message: 'certificateUrgentDays must be below certificateDays',
    path: ['certificateUrgentDays'],
  })
  .default({
    enabled: true,
    certificateDays: 14,
    certificateUrgentDays: 3,
    syncMinutes: 30,
    outageCollections: 2,
    notCollectedIntervals: 3,
    causes: ALL_CAUSES,
  });
