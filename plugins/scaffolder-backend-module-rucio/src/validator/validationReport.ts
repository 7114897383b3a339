import type { ValidationFinding } from './ValidationFinding';

/** A pull request body has a size limit (GitHub: 65,536 characters). */
const MAX_LISTED = 50;

/**
 * What `rucio:environment:validate` found, in Markdown for a pull request:
 * the repository's findings and, when a live environment was named, where
 * Rucio differs from it.
 */
export function validationReport(
  findings: ValidationFinding[],
  environment?: string,
): string {
  const heading = environment
    ? `### Validation, and Rucio environment ${environment} compared`
    : '### Validation';
  if (!findings.length) {
    const clean = environment
      ? `The repository validates, and Rucio environment ${environment} serves its RSEs as declared.`
      : 'The repository validates without findings.';
    return `${heading}\n\n${clean}\n`;
  }
  // Errors first: they are what stops the change.
  const ordered = [
    ...findings.filter(f => f.severity === 'error'),
    ...findings.filter(f => f.severity === 'warning'),
  ];
  const lines = ordered
    .slice(0, MAX_LISTED)
    .map(f => `- ${f.severity}: \`${f.file}\`: ${f.message}`);
  if (ordered.length > MAX_LISTED) {
    lines.push(
      '',
      `… and ${ordered.length - MAX_LISTED} more; the step's log lists all.`,
    );
  }
  return `${heading}\n\n${lines.join('\n')}\n`;
}
