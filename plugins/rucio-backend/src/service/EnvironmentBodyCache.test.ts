import { EnvironmentBodyCache } from './EnvironmentBodyCache';

describe('EnvironmentBodyCache', () => {
  it('builds each distinct answer once and tags it by its bytes', () => {
    const cache = EnvironmentBodyCache.create({ maxEntries: 2 });
    const build = jest.fn(() => ({
      snapshot: 'a',
      permissions: { sync: false },
    }));
    const first = cache.get('prod|t1|user', build);
    expect(cache.get('prod|t1|user', build)).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    expect(JSON.parse(first.json)).toEqual({
      snapshot: 'a',
      permissions: { sync: false },
    });
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);

    // Another answer (other rights) has another tag; the same bytes the same.
    const other = cache.get('prod|t1|owner', () => ({
      snapshot: 'a',
      permissions: { sync: true },
    }));
    expect(other.etag).not.toBe(first.etag);
    const same = cache.get('prod|t1|again', build);
    expect(same.etag).toBe(first.etag);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = EnvironmentBodyCache.create({ maxEntries: 2 });
    const build = jest.fn(() => ({}));
    cache.get('a', build);
    cache.get('b', build);
    cache.get('c', build);
    cache.get('a', build);
    expect(build).toHaveBeenCalledTimes(4);
    cache.get('c', build);
    expect(build).toHaveBeenCalledTimes(4);
  });
});
