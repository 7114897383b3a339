import type { Check } from './Check';
import { authCheck } from './authCheck';
import { certificatesCheck } from './certificatesCheck';
import { daemonsCheck } from './daemonsCheck';
import { databaseCheck } from './databaseCheck';
import { driftCheck } from './driftCheck';
import { ftsCheck } from './ftsCheck';
import { rsesCheck } from './rsesCheck';
import { rulesCheck } from './rulesCheck';
import { secretsCheck } from './secretsCheck';
import { serverCheck } from './serverCheck';
import { syncCheck } from './syncCheck';
import { transfersCheck } from './transfersCheck';
import { webuiCheck } from './webuiCheck';
import { workloadsCheck } from './workloadsCheck';

/** Every check, in display order. */
export const ALL_CHECKS: Check[] = [
  serverCheck,
  authCheck,
  webuiCheck,
  daemonsCheck,
  ftsCheck,
  databaseCheck,
  rsesCheck,
  certificatesCheck,
  syncCheck,
  rulesCheck,
  transfersCheck,
  driftCheck,
  workloadsCheck,
  secretsCheck,
] as Check[];
