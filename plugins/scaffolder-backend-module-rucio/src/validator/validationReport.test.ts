import type { ValidationFinding } from './ValidationFinding';
import { validationReport } from './validationReport';

describe('validationReport', () => {
  it('lists errors before warnings', () => {
    const findings: ValidationFinding[] = [
      { severity: 'warning', file: 'a.yaml', message: 'looks odd' },
      { severity: 'error', file: 'b.yaml', message: 'is broken' },
    ];
    expect(validationReport(findings)).toBe(
      [
        '### Validation',
        '',
        '- error: `b.yaml`: is broken',
        '- warning: `a.yaml`: looks odd',
        '',
      ].join('\n'),
    );
  });

  it('stops at 50 findings and says how many more the log has', () => {
    const findings: ValidationFinding[] = Array.from(
      { length: 120 },
      (_, i) => ({
        severity: 'warning',
        file: `base/rses/RSE_${i}.json`,
        message: 'differs',
      }),
    );
    const report = validationReport(findings, 'prod');
    expect(report.split('\n').filter(l => l.startsWith('- '))).toHaveLength(50);
    expect(report).toContain('RSE_49.json');
    expect(report).not.toContain('RSE_50.json');
    expect(report).toContain("… and 70 more; the step's log lists all.");
  });
});
