/** What templates/rucio-environment-change asks on its first page. */
export interface ChangeTemplateFormData {
  gitProvider: 'github' | 'gitlab';
  /** The RepoUrlPicker's form: `<host>?owner=<owner>&repo=<repo>`. */
  repoUrl: string;
  branch: string;
}

/**
 * The change template's first page, prefilled from where the environment's
 * catalog entity was read (`backstage.io/source-location`, e.g.
 * `url:https://github.com/org/rucio-prod/tree/main/`). GitLab puts `/-/`
 * before `tree` and allows nested groups; hosts other than GitHub and GitLab
 * give nothing to prefill.
 */
export function changeTemplateFormData(
  sourceLocation: string | undefined,
): ChangeTemplateFormData | undefined {
  if (!sourceLocation) return undefined;
  let url: URL;
  try {
    url = new URL(sourceLocation.replace(/^url:/, ''));
  } catch {
    return undefined;
  }
  const gitProvider = (['gitlab', 'github'] as const).find(p =>
    url.hostname.includes(p),
  );
  if (!gitProvider) return undefined;
  const segments = url.pathname.split('/').filter(Boolean);
  const tree = segments.indexOf('tree');
  // GitLab writes /-/tree/<branch>, GitHub /tree/<branch>.
  let repoEnd = tree < 0 ? segments.length : tree;
  if (segments[repoEnd - 1] === '-') repoEnd--;
  const repoPath = segments.slice(0, repoEnd);
  if (repoPath.length < 2) return undefined;
  const repo = repoPath[repoPath.length - 1].replace(/\.git$/, '');
  const owner = repoPath.slice(0, -1).join('/');
  const branch = tree >= 0 ? segments[tree + 1] : undefined;
  const query = new URLSearchParams({ owner, repo });
  return {
    gitProvider,
    repoUrl: `${url.host}?${query}`,
    branch: branch ?? 'main',
  };
}
