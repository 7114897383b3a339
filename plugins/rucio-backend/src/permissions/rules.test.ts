import { isEnvironmentOwner } from './rules';

describe('isEnvironmentOwner', () => {
  const env = { name: 'prod', owner: 'data-management' };

  it('allows the owning group and its members, whatever the ref spelling', () => {
    expect(
      isEnvironmentOwner.apply(env, {
        claims: ['user:default/ada', 'group:default/data-management'],
      }),
    ).toBe(true);
  });

  it('refuses other users and environments without an owner', () => {
    expect(
      isEnvironmentOwner.apply(env, {
        claims: ['user:default/sam', 'group:default/site-admins'],
      }),
    ).toBe(false);
    expect(
      isEnvironmentOwner.apply(
        { name: 'x' },
        { claims: ['group:default/data-management'] },
      ),
    ).toBe(false);
  });
});
