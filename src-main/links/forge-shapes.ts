import type { components } from '@octokit/openapi-types';

/**
 * Tests only: GitHub's documented REST answers, typed by
 * `@octokit/openapi-types`, so the forge stand-in cannot drift from the
 * shapes the product's Octokit client reads. Every required field is
 * filled; values that do not matter to Tether are plain placeholders.
 */
export type Schemas = components['schemas'];

const AT = '2026-01-01T00:00:00Z';

export function simpleUser(api: string, login: string, id: number): Schemas['simple-user'] {
  const url = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `${api}/avatars/${login}`,
    gravatar_id: null,
    url,
    html_url: `${api}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function privateUser(api: string, login: string, id: number): Schemas['private-user'] {
  return {
    ...simpleUser(api, login, id),
    name: login,
    company: null,
    blog: null,
    location: null,
    email: `${login}@example.com`,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: AT,
    updated_at: AT,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: false,
  };
}

const REPO_URLS = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
  hooks_url: '/hooks',
} as const;

export interface RepoFacts {
  id: number;
  owner: Schemas['simple-user'];
  name: string;
  cloneUrl: string;
  fork: boolean;
  /** What the caller may do, as GitHub reports it to them. */
  permissions: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };
  parent?: Schemas['full-repository'];
}

export function fullRepository(api: string, facts: RepoFacts): Schemas['full-repository'] {
  const full = `${facts.owner.login}/${facts.name}`;
  const url = `${api}/repos/${full}`;
  const urls = Object.fromEntries(Object.entries(REPO_URLS).map(([key, tail]) => [key, `${url}${tail}`])) as {
    [K in keyof typeof REPO_URLS]: string;
  };
  return {
    ...urls,
    id: facts.id,
    node_id: `R_${facts.id}`,
    name: facts.name,
    full_name: full,
    owner: facts.owner,
    private: false,
    html_url: `${api}/${full}`,
    description: null,
    fork: facts.fork,
    url,
    git_url: facts.cloneUrl,
    ssh_url: facts.cloneUrl,
    clone_url: facts.cloneUrl,
    svn_url: facts.cloneUrl,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: 'main',
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: AT,
    created_at: AT,
    updated_at: AT,
    permissions: facts.permissions,
    subscribers_count: 0,
    network_count: 0,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
    ...(facts.parent
      ? { parent: facts.parent as Schemas['repository'], source: facts.parent as Schemas['repository'] }
      : {}),
  };
}

export interface PullFacts {
  number: number;
  title: string;
  body: string | null;
  user: Schemas['simple-user'];
  head: { ref: string; sha: string; repo: Schemas['full-repository'] };
  base: { ref: string; sha: string; repo: Schemas['full-repository'] };
  state: 'open' | 'closed';
  mergedSha: string | null;
}

export function pullRequest(api: string, facts: PullFacts): Schemas['pull-request'] {
  const repoUrl = facts.base.repo.url;
  const url = `${repoUrl}/pulls/${facts.number}`;
  const html = `${facts.base.repo.html_url}/pull/${facts.number}`;
  const side = (s: PullFacts['head']) => ({
    label: `${s.repo.owner.login}:${s.ref}`,
    ref: s.ref,
    sha: s.sha,
    repo: s.repo as Schemas['repository'],
    user: s.repo.owner,
  });
  return {
    url,
    id: 1000 + facts.number,
    node_id: `PR_${facts.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoUrl}/issues/${facts.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${repoUrl}/issues/${facts.number}/comments`,
    statuses_url: `${repoUrl}/statuses/${facts.head.sha}`,
    number: facts.number,
    state: facts.state,
    locked: false,
    title: facts.title,
    user: facts.user,
    body: facts.body,
    labels: [],
    milestone: null,
    created_at: AT,
    updated_at: AT,
    closed_at: facts.state === 'closed' ? AT : null,
    merged_at: facts.mergedSha ? AT : null,
    merge_commit_sha: facts.mergedSha,
    assignee: null,
    head: side(facts.head),
    base: side(facts.base),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${repoUrl}/issues/${facts.number}` },
      comments: { href: `${repoUrl}/issues/${facts.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoUrl}/statuses/${facts.head.sha}` },
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    merged: facts.mergedSha !== null,
    mergeable: facts.state === 'open' ? true : null,
    mergeable_state: facts.state === 'open' ? 'clean' : 'unknown',
    merged_by: facts.mergedSha ? facts.base.repo.owner : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: true,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}
