import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

// The release the generated GitHub workflows promise (issue 15): every push to main with a
// releasable conventional commit publishes to npm (trusted publishing, provenance), PyPI (trusted
// publishing), Maven Central, NuGet and the Go module repository. Nothing here runs them; this
// pins their shape so a projen option cannot quietly drop a registry. actionlint (.ci/packaging)
// checks the files against GitHub's schema.
const ROOT = join(__dirname, '..', '..');
const workflow = (name: string) => parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8'));
const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;

describe('release workflow', () => {
  const release = workflow('release.yml');
  const env = (job: string) => Object.assign({}, ...release.jobs[job].steps.map((s: any) => s.env ?? {}));

  test('runs on every push to main', () => {
    expect(release.on.push.branches).toEqual(['main']);
  });

  test('publishes to every registry after the release job', () => {
    const publishers = Object.keys(release.jobs).filter(j => j.startsWith('release_'));
    expect(publishers.sort()).toEqual(['release_github', 'release_golang', 'release_maven', 'release_npm', 'release_nuget', 'release_pypi']);
    for (const job of publishers) expect(release.jobs[job].needs).toContain('release');
  });

  test('npm: trusted publishing through OIDC, with provenance, and no token', () => {
    expect(release.jobs.release_npm.permissions['id-token']).toBe('write');
    expect(env('release_npm')).toMatchObject({ NPM_TRUSTED_PUBLISHER: 'true', NPM_CONFIG_PROVENANCE: 'true' });
    expect(env('release_npm')).not.toHaveProperty('NPM_TOKEN');
  });

  test('PyPI: trusted publishing through OIDC', () => {
    expect(release.jobs.release_pypi.permissions['id-token']).toBe('write');
    expect(env('release_pypi')).toMatchObject({ PYPI_TRUSTED_PUBLISHER: 'true' });
  });

  test('each language job builds its own package with the project task', () => {
    const runs = (job: string) => release.jobs[job].steps.map((s: any) => s.run).filter(Boolean).join('\n');
    expect(runs('release_maven')).toContain('npx projen package:java');
    expect(runs('release_pypi')).toContain('npx projen package:python');
    expect(runs('release_golang')).toContain('npx projen package:go');
    expect(runs('release_nuget')).toContain('npx projen package:dotnet');
  });
});

describe('conventional commits', () => {
  test('pull request titles must be conventional commits', () => {
    const lint = workflow('pull-request-lint.yml');
    const step = lint.jobs.validate.steps.find((s: any) => String(s.uses).startsWith('amannn/action-semantic-pull-request'));
    expect(step.with.types.split('\n')).toEqual(expect.arrayContaining(['feat', 'fix', 'docs', 'chore']));
  });

  test('only features and fixes make a release, and the changelog comes from the commits', () => {
    expect(tasks['bump:releasable-commits'].steps[0].exec).toMatch(/--grep.*feat.*fix|feat.*fix/);
    expect(tasks.bump.env).toMatchObject({ CHANGELOG: 'dist/changelog.md', BUMP_PACKAGE: 'commit-and-tag-version@^13' });
  });
});
