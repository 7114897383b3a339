import { CHART_VERSION } from '../generator/chartValues';
import { ENVIRONMENT_FILE } from '../generator/environmentFile';
import { FTS_DAEMONS } from '../generator/daemonDefaults';
import type { EnvironmentSpec } from '../generator/EnvironmentSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { findHandEdits } from '../generator/handEdits';
import type { ValidationFinding } from './ValidationFinding';

/**
 * Whether the files match the spec they were generated from: each file
 * edited or deleted by hand is named (a warning: hand edits are allowed, and
 * `rucio:environment:upgrade` protects them).
 */
export async function checkGeneratedFiles(
  root: string,
  spec: EnvironmentSpec,
): Promise<ValidationFinding[]> {
  const findings: ValidationFinding[] = [];
  const { edited, missing } = await findHandEdits(
    root,
    generateEnvironment(spec),
  );
  for (const file of edited) {
    findings.push({
      severity: 'warning',
      file,
      message: `edited by hand: differs from what ${ENVIRONMENT_FILE} generates`,
    });
  }
  for (const file of missing) {
    findings.push({
      severity: 'warning',
      file,
      message: `deleted by hand: ${ENVIRONMENT_FILE} generates it`,
    });
  }
  const idle = Object.keys(spec.daemons).filter(d => FTS_DAEMONS.includes(d));
  if (!spec.fts.length && idle.length) {
    findings.push({
      severity: 'warning',
      file: ENVIRONMENT_FILE,
      message: `${idle.join(
        ', ',
      )}: these daemons hand transfers to FTS3 or follow them there, and fts names no FTS3 server; add one, or remove them (rucio:environment:upgrade, change daemons)`,
    });
  }
  if (spec.chartVersion !== CHART_VERSION) {
    findings.push({
      severity: 'warning',
      file: ENVIRONMENT_FILE,
      message: `charts ${spec.chartVersion}: the Helm values were checked against the charts ${CHART_VERSION}, the only version this module carries`,
    });
  }
  return findings;
}
