import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { changeTemplateRouteRef } from '../../routes';
import { ChangeEnvironmentButton } from './ChangeEnvironmentButton';

const environment = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'rucio-prod',
    annotations: { 'rucio.cern.ch/environment': 'prod', ...annotations },
  },
  spec: { owner: 'group:default/data-management' },
});

function renderButton(entity: Entity, bound = true) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ChangeEnvironmentButton />
    </EntityProvider>,
    bound
      ? {
          mountedRoutes: {
            '/create/templates/:namespace/:templateName':
              changeTemplateRouteRef,
          },
        }
      : undefined,
  );
}

describe('ChangeEnvironmentButton', () => {
  it('opens the change template with the repository page filled in', async () => {
    await renderButton(
      environment({
        'backstage.io/source-location':
          'url:https://github.com/example/rucio-prod/tree/main/',
      }),
    );
    const link = screen.getByRole('button', {
      name: 'Change this environment',
    });
    const href = new URL(link.getAttribute('href')!, 'http://portal');
    expect(href.pathname).toBe(
      '/create/templates/default/rucio-environment-change',
    );
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      gitProvider: 'github',
      repoUrl: 'github.com?owner=example&repo=rucio-prod',
      branch: 'main',
      environment: 'prod',
    });
  });

  it('names only the environment when the repository is not one it can name', async () => {
    await renderButton(environment({}));
    const link = screen.getByRole('button', {
      name: 'Change this environment',
    });
    const href = new URL(link.getAttribute('href')!, 'http://portal');
    expect(href.pathname).toBe(
      '/create/templates/default/rucio-environment-change',
    );
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      environment: 'prod',
    });
  });

  it('is not there when the app has no scaffolder to open', async () => {
    await renderButton(environment({}), false);
    expect(
      screen.queryByRole('button', { name: 'Change this environment' }),
    ).not.toBeInTheDocument();
  });
});
