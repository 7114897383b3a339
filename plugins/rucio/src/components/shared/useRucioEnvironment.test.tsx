import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { JsonObject } from '@backstage/types';
import { act, screen } from '@testing-library/react';
import { rucioApiRef } from '../../api/rucioApiRef';
import { entity, environmentResponse } from '../../__testUtils__/environment';
import { useRucioEnvironment } from './useRucioEnvironment';

function Probe(props: { id: string }) {
  const { value } = useRucioEnvironment();
  return (
    <span data-testid={props.id}>
      {value?.snapshot?.collectedAt ?? 'loading'}
    </span>
  );
}

/** A signals API whose messages the test sends. */
function signals() {
  const subscribers = new Map<string, Array<(m: JsonObject) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      subscribers.set(channel, [
        ...(subscribers.get(channel) ?? []),
        onMessage as (m: JsonObject) => void,
      ]);
      return { unsubscribe: () => {} };
    },
  };
  const send = (channel: string, message: JsonObject) =>
    act(() => subscribers.get(channel)?.forEach(s => s(message)));
  return { api, send, subscribers };
}

describe('useRucioEnvironment with signals', () => {
  it('reads the environment again once per signalled snapshot, shared by every card, and does not poll', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    let collectedAt = '2026-11-30T10:00:00.000Z';
    const getEnvironment = jest.fn(async () => {
      const response = environmentResponse();
      return { ...response, snapshot: { ...response.snapshot!, collectedAt } };
    });
    const { api: signalApi, send, subscribers } = signals();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [rucioApiRef, { getEnvironment } as any],
          [signalApiRef, signalApi],
        ]}
      >
        <EntityProvider entity={entity}>
          <Probe id="a" />
          <Probe id="b" />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('a')).toHaveTextContent(collectedAt);
    expect(getEnvironment).toHaveBeenCalledTimes(1);
    expect([...subscribers.keys()]).toEqual(['rucio:environment:demo']);

    // No polling while signals are there.
    await act(async () => {
      jest.advanceTimersByTime(5 * 60_000);
    });
    expect(getEnvironment).toHaveBeenCalledTimes(1);

    collectedAt = '2026-11-30T10:01:00.000Z';
    await send('rucio:environment:demo', { environment: 'demo', collectedAt });
    expect(await screen.findByTestId('b')).toHaveTextContent(collectedAt);
    expect(screen.getByTestId('a')).toHaveTextContent(collectedAt);
    expect(getEnvironment).toHaveBeenCalledTimes(2);

    // The same snapshot announced again reads nothing.
    await send('rucio:environment:demo', { environment: 'demo', collectedAt });
    expect(getEnvironment).toHaveBeenCalledTimes(2);
    jest.useRealTimers();
  });
});
