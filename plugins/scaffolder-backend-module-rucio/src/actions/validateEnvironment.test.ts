import { createMockDirectory } from '@backstage/backend-test-utils';
import { createActionContext } from '../__testUtils__/createActionContext';
import { createValidateEnvironmentAction } from './validateEnvironment';

describe('rucio:environment:validate', () => {
  const dir = createMockDirectory();
  const action = createValidateEnvironmentAction();

  it('outputs the report of a valid repository', async () => {
    dir.setContent({
      'repo/catalog-info.yaml':
        'kind: System\nmetadata:\n  name: s\n  annotations:\n    rucio.cern.ch/environment: dev\n',
    });
    const { ctx, outputs } = createActionContext({
      input: { path: 'repo', failOnError: true },
      workspacePath: dir.path,
    });
    await action.handler(ctx);
    expect(outputs).toEqual({
      valid: true,
      errors: 0,
      warnings: 0,
      findings: [],
    });
  });

  it('fails with the findings named when the repository is invalid, also when failOnError is left out', async () => {
    dir.setContent({ 'repo/values.yaml': 'a: b\n' });
    // As the template calls it: the scaffolder passes no schema defaults.
    const { ctx, outputs } = createActionContext({
      input: { path: 'repo' },
      workspacePath: dir.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /invalid: catalog-info.yaml: catalog-info.yaml is missing/,
    );
    expect(outputs.valid).toBe(false);
    expect(outputs.errors).toBe(1);
  });

  it('only reports with failOnError: false', async () => {
    dir.setContent({ 'repo/values.yaml': 'a: b\n' });
    const { ctx, outputs } = createActionContext({
      input: { path: 'repo', failOnError: false },
      workspacePath: dir.path,
    });
    await action.handler(ctx);
    expect(outputs.valid).toBe(false);
  });

  it('refuses a path outside the workspace', async () => {
    const { ctx } = createActionContext({
      input: { path: '../elsewhere', failOnError: true },
      workspacePath: dir.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/outside/);
  });
});
