import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { rucioApiRef } from '../api/rucioApiRef';
import { entity, environmentResponse } from '../__testUtils__/environment';
import { rucioEntityContent } from './plugin';

describe('new frontend system', () => {
  it('renders the Rucio tab content of an annotated entity', async () => {
    const api = {
      getEnvironment: jest.fn(async () => environmentResponse()),
      getHistory: jest.fn(async () => ({ items: [] })),
      listRses: jest.fn(async () => ({
        items: [],
        total: 0,
        offset: 0,
        limit: 10,
      })),
    };
    renderTestApp({
      extensions: [createTestEntityPage({ entity }), rucioEntityContent],
      apis: [[rucioApiRef, api as any]],
    });
    expect(
      await screen.findByText('Demo Rucio environment'),
    ).toBeInTheDocument();
    expect(api.getEnvironment).toHaveBeenCalledWith('demo');
  });
});
