import { z } from 'zod/v3';

export const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a DNS-1123 label (lower-case letters, digits and dashes, at most 63)',
  );

export const dnsName = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/,
    'must be a DNS name such as rucio.example.org',
  );

/** A Vault auth mount path (`vault auth enable -path=<it> kubernetes`). */
export const vaultAuthMount = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/,
    'must be a Vault mount path such as kubernetes-euwest',
  )
  .optional();

/**
 * Another cluster of the environment. A Vault Kubernetes auth mount checks
 * service-account tokens against one cluster's API server, so each region
 * has a mount of its own.
 */
export const regionSchema = z.object({
  name: z
    .string()
    .regex(
      /^[a-z0-9]{1,20}$/,
      'must be lower-case letters and digits, at most 20',
    ),
  baseDomain: dnsName.describe('Hosts of this region’s overlays'),
  server: z
    .string()
    .url()
    .describe('The region’s Kubernetes API server, as registered in Argo CD'),
  vaultAuthMount: vaultAuthMount.describe(
    'Vault Kubernetes auth mount for this cluster (default kubernetes-<region>)',
  ),
});
