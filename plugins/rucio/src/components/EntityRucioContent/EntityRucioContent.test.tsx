import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { RucioStatusApi } from '@internal/plugin-rucio-common';
import { screen } from '@testing-library/react';
import { rucioApiRef } from '../../api/rucioApiRef';
import { EntityRucioContent } from './EntityRucioContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'rucio-demo',
    annotations: { 'rucio.cern.ch/environment': 'demo' },
  },
  spec: { owner: 'group:default/data-management' },
};

function render(api: Partial<RucioStatusApi>, e: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[rucioApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityRucioContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityRucioContent', () => {
  it('shows the environment and the backend health', async () => {
    await render({
      getHealth: async () => ({ status: 'ok', environments: 2 }),
    });
    expect(screen.getByTestId('rucio-environment-name')).toHaveTextContent(
      'demo',
    );
    expect(
      await screen.findByText(/Rucio backend reachable/),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 environments configured/)).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render({
      getHealth: async () => {
        throw new Error('backend down');
      },
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains the missing annotation', async () => {
    await render(
      { getHealth: async () => ({ status: 'ok', environments: 0 }) },
      { ...entity, metadata: { name: 'x', annotations: {} } },
    );
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.queryByTestId('rucio-environment-name')).toBeNull();
  });
});
