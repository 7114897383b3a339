import { changeTemplateFormData } from './changeTemplateFormData';

describe('changeTemplateFormData', () => {
  it('reads a GitHub tree location', () => {
    expect(
      changeTemplateFormData(
        'url:https://github.com/example/rucio-prod/tree/release/',
      ),
    ).toEqual({
      gitProvider: 'github',
      repoUrl: 'github.com?owner=example&repo=rucio-prod',
      branch: 'release',
    });
  });

  it('reads a GitLab location with nested groups', () => {
    expect(
      changeTemplateFormData(
        'url:https://gitlab.example.org/physics/rucio/prod/-/tree/main/catalog-info.yaml',
      ),
    ).toEqual({
      gitProvider: 'gitlab',
      repoUrl: 'gitlab.example.org?owner=physics%2Frucio&repo=prod',
      branch: 'main',
    });
  });

  it('gives nothing for other hosts, file locations and nonsense', () => {
    expect(
      changeTemplateFormData('url:https://bitbucket.org/a/b/src/main/'),
    ).toBeUndefined();
    expect(
      changeTemplateFormData('file:/srv/catalog-info.yaml'),
    ).toBeUndefined();
    expect(changeTemplateFormData('not a url')).toBeUndefined();
    expect(changeTemplateFormData(undefined)).toBeUndefined();
  });
});
