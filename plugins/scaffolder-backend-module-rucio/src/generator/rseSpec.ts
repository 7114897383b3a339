import { z } from 'zod/v3';

/** One RSE of an environment. */
export const rseSpecSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Z0-9_-]{1,64}$/,
        'must be upper-case letters, digits, _ or - (Rucio RSE name)',
      ),
    kind: z.enum(['s3', 'gcs', 'azure', 'posix', 'archive']),
    endpoint: z
      .string()
      .optional()
      .describe(
        'S3/GCS/Azure endpoint host, or the WebDAV/XRootD host of POSIX and archive storage',
      ),
    bucket: z.string().optional(),
    path: z.string().optional().describe('Path prefix on the storage'),
    tape: z.boolean().default(false),
    minFreeSpace: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('MinFreeSpace limit in bytes'),
  })
  .superRefine((value, ctx) => {
    if (['s3', 'gcs', 'azure'].includes(value.kind) && !value.bucket) {
      ctx.addIssue({
        code: 'custom',
        path: ['bucket'],
        message: `is required for ${value.kind} storage`,
      });
    }
    if (['posix', 'archive'].includes(value.kind) && !value.path) {
      ctx.addIssue({
        code: 'custom',
        path: ['path'],
        message: `is required for ${value.kind} storage`,
      });
    }
  });

const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * An RSE adopted from a running Rucio (`rucio:environment:adopt`): declared
 * exactly as Rucio serves it, and written to `base/rses/<rse>.json` as it
 * is, whatever the storage, so that regenerating keeps it byte for byte.
 */
export const adoptedRseSchema = z
  .object({
    rse: z
      .string()
      .regex(
        /^[A-Z0-9_-]{1,64}$/,
        'must be upper-case letters, digits, _ or - (Rucio RSE name)',
      ),
    rse_type: z.enum(['DISK', 'TAPE']),
    attributes: z.record(attributeValue).default({}),
    protocols: z
      .array(
        z
          .object({
            scheme: z.string().min(1),
            hostname: z.string().min(1),
            port: z.number().int().min(0).max(65535),
          })
          .passthrough(),
      )
      .default([]),
    limits: z.record(z.number()).default({}),
  })
  .strict();
