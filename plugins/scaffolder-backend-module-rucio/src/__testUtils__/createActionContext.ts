import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';

/**
 * `createMockActionContext` with the dry-run flag (which it does not pass
 * through) and the outputs collected by name.
 */
export function createActionContext<TInput extends JsonObject>(options: {
  input: TInput;
  workspacePath: string;
  isDryRun?: boolean;
}) {
  const mock = createMockActionContext<TInput>({
    input: options.input,
    workspacePath: options.workspacePath,
  });
  const outputs: Record<string, unknown> = {};
  (mock.output as jest.Mock).mockImplementation((name: string, value) => {
    outputs[name] = value;
  });
  const ctx = { ...mock, isDryRun: options.isDryRun };
  return { ctx, outputs };
}
