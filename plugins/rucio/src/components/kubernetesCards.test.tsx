import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentResponse } from '../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../__testUtils__/renderCard';
import { RecreatableLine } from './RecreatableLine';
import { RucioSecretsCard } from './RucioSecretsCard';
import { RucioWorkloadsCard } from './RucioWorkloadsCard';

const server = setupServer();
registerMswTestHooks(server);

function backend(response = environmentResponse()) {
  server.use(
    http.get(`${RUCIO_API}/environments/demo`, () =>
      HttpResponse.json(response),
    ),
  );
}

describe('the Kubernetes cards', () => {
  it('Workloads: ready against desired, why a pod waits, the tag against the repository, the claim', async () => {
    backend();
    await renderCard(<RucioWorkloadsCard />);
    const table = await screen.findByRole('table', {
      name: 'Rucio Deployments',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[0]).toHaveTextContent('Image tag (repository: 40.1.0)');
    expect(rows[1]).toHaveTextContent(
      /daemons-hermes.*daemons-hermes-0: CrashLoopBackOff/,
    );
    expect(rows[1]).toHaveTextContent('0/1');
    expect(rows[1]).toHaveTextContent('release-39.3.0 ≠ repository');
    expect(rows[2]).toHaveTextContent('2/2');
    expect(rows[2]).not.toHaveTextContent('≠');
    expect(
      screen.getByText(/PersistentVolumeClaim rucio-webui-cache/),
    ).toHaveTextContent(
      'PersistentVolumeClaim rucio-webui-cache (1Gi, Bound), mounted by webui-rucio-webui',
    );
  });

  it('Secrets: each Secret’s source, keys and users, never a value; each ExternalSecret with ESO’s error', async () => {
    backend();
    await renderCard(<RucioSecretsCard />);
    const secrets = await screen.findByRole('table', { name: 'Secrets' });
    const rows = within(secrets).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringMatching(
        /^rucio-dbExternalSecretdbfullstringserver-rucio-server/,
      ),
      expect.stringMatching(
        /^rucio-rse-accountsExternalSecretrse-accounts\.cfgserver-rucio-server/,
      ),
    ]);
    expect(within(rows[0]).getByTestId('status-ok')).toBeInTheDocument();
    expect(within(rows[1]).getByTestId('status-error')).toBeInTheDocument();
    const externals = screen.getByRole('table', { name: 'ExternalSecrets' });
    expect(externals).toHaveTextContent(
      'SecretSyncedErrorcould not get secret data from providererror processing spec.data[0] (key: kv/rucio/demo/rucio-rse-accounts), err: Secret does not exist',
    );
    expect(externals).toHaveTextContent('(every 1h)');
  });

  it('says so when the namespace has no Deployments or Secrets', async () => {
    const response = environmentResponse();
    const { checks } = response.snapshot!;
    // New objects: the fixture's checks are shared by every test.
    checks.workloads = {
      ...checks.workloads!,
      details: {
        ...checks.workloads!.details!,
        workloads: [],
        volumeClaims: [],
      },
    };
    checks.secrets = {
      ...checks.secrets!,
      details: {
        ...checks.secrets!.details!,
        secrets: [],
        externalSecrets: [],
      },
    };
    backend(response);
    await renderCard(<RucioWorkloadsCard />);
    expect(
      await screen.findByText(
        "No Deployment in namespace rucio matches the environment's kubernetes.labelSelector.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No PersistentVolumeClaim: the namespace keeps no state.',
      ),
    ).toBeInTheDocument();
    await renderCard(<RucioSecretsCard />);
    expect(
      await screen.findByText(
        'No Secrets in namespace rucio, and no Deployment references one.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'ExternalSecrets' })).toBeNull();
  });

  it('Recreatable: the first reason, linked to the card that shows it', async () => {
    backend();
    await renderCard(<RecreatableLine />);
    const line = await screen.findByLabelText('Recreatability');
    expect(line).toHaveTextContent(
      'Not recreatable from the repositoryPersistentVolumeClaim rucio-webui-cache holds state in the cluster (mounted by webui-rucio-webui).',
    );
    expect(
      within(line).getByRole('link', { name: 'see workloads' }),
    ).toHaveAttribute('href', '#rucio-workloads');
  });
});
