import { rseEntityName } from './rseEntityName';

const VALID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

describe('rseEntityName', () => {
  it('keeps the RSE name lower-cased, underscores included', () => {
    expect(rseEntityName('prod', 'PROD_S3')).toBe('prod-prod_s3');
    expect(rseEntityName('prod', 'PROD-S3')).toBe('prod-prod-s3');
  });

  it('gives distinct, valid names of at most 63 characters to long RSE names', () => {
    const a = rseEntityName('environment', `${'A'.repeat(60)}_ONE`);
    const b = rseEntityName('environment', `${'A'.repeat(60)}_TWO`);
    expect(a).not.toBe(b);
    for (const name of [a, b]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(VALID);
    }
  });

  it('is the same for the same input', () => {
    expect(rseEntityName('dev', 'X'.repeat(80))).toBe(
      rseEntityName('dev', 'X'.repeat(80)),
    );
  });
});

describe('rseEntityName outside Rucio’s alphabet', () => {
  it('hashes names that would collide once cleaned', () => {
    const names = ['A B', 'A#B', 'a_b', 'A_B'].map(r =>
      rseEntityName('prod', r),
    );
    expect(new Set(names).size).toBe(4);
    expect(names[3]).toBe('prod-a_b');
  });
});
