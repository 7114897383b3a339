import { isRucioAvailable } from './isRucioAvailable';
import { rucioPlugin } from './plugin';
import alphaPlugin from './alpha';

describe('rucio plugin', () => {
  it('exposes a legacy and a new-system plugin with the same id', () => {
    expect(rucioPlugin.getId()).toBe('rucio');
    expect(alphaPlugin.pluginId).toBe('rucio');
  });

  it('is available only on entities that name an environment', () => {
    const entity = (annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 's', annotations },
    });
    expect(
      isRucioAvailable(entity({ 'rucio.cern.ch/environment': 'demo' })),
    ).toBe(true);
    expect(isRucioAvailable(entity({ 'rucio.cern.ch/environment': ' ' }))).toBe(
      false,
    );
    expect(isRucioAvailable(entity({}))).toBe(false);
  });
});
