import { isEnvironmentOwner } from './rules';

describe('isEnvironmentOwner', () => {
  const env = { name: 'prod', owners: ['data-management'] };

  it('allows the owning group and its members, whatever the ref spelling', () => {
    expect(
      isEnvironmentOwner.apply(env, {
        claims: ['user:default/ada', 'group:default/data-management'],
      }),
    ).toBe(true);
  });

  it('allows the owner of any System that names the environment', () => {
    expect(
      isEnvironmentOwner.apply(
        { name: 'prod', owners: ['group:default/a', 'group:default/b'] },
        { claims: ['user:default/bo', 'group:default/b'] },
      ),
    ).toBe(true);
  });

  it('refuses other users and environments no System names', () => {
    expect(
      isEnvironmentOwner.apply(env, {
        claims: ['user:default/sam', 'group:default/site-admins'],
      }),
    ).toBe(false);
    expect(
      isEnvironmentOwner.apply(
        { name: 'x', owners: [] },
        { claims: ['group:default/data-management'] },
      ),
    ).toBe(false);
  });
});
