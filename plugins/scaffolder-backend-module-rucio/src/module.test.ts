import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleRucio } from './module';

describe('scaffolderModuleRucio', () => {
  it('registers the rucio actions', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleRucio],
    });
    const ids = addActions.mock.calls.flat().map(action => action.id);
    expect(ids).toEqual([
      'rucio:environment:create',
      'rucio:environment:validate',
      'rucio:rse:add',
      'rucio:environment:upgrade',
      'rucio:environment:adopt',
    ]);
  });
});
