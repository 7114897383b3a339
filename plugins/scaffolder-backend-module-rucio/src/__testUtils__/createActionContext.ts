import { mockServices, mockCredentials } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';

/**
 * A minimal action context for unit tests. Written here rather than taken from
 * `@backstage/plugin-scaffolder-node-test-utils`, whose current release still
 * pulls in a second, older copy of `@backstage/plugin-scaffolder-node`.
 */
export function createActionContext<TInput extends JsonObject>(options: {
  input: TInput;
  workspacePath: string;
  isDryRun?: boolean;
}) {
  const outputs: Record<string, unknown> = {};
  const ctx = {
    input: options.input,
    workspacePath: options.workspacePath,
    isDryRun: options.isDryRun,
    logger: mockServices.logger.mock(),
    task: { id: 'task-1' },
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
    createTemporaryDirectory: async () => {
      throw new Error('not used in these tests');
    },
    getInitiatorCredentials: async () => mockCredentials.user(),
  } as unknown as ActionContext<TInput, any>;
  return { ctx, outputs };
}
