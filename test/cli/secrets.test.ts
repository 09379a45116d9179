import { documents } from './fake-io';
import { migrateYaml } from '../../src/cli/migrate';

describe('migrate notices never show a credential', () => {
  test('a split secret flag is joined in the file and masked in the notice', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n'
      + '    spec:\n      containers:\n        - name: a\n          image: a:1\n          args: [--db.password, hunter2-S3cr3t, --log.level, debug]\n';
    const result = migrateYaml({ name: '-', text }, { joinArgs: true });
    // The file gets the value (it is the user's own file); the notice goes to a terminal or a CI log.
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args).toEqual(['--db.password=hunter2-S3cr3t', '--log.level=debug']);
    // Before: `joined 2 split flag(s) in …: --db.password=hunter2-S3cr3t --log.level=debug`.
    expect(result.notices).toContain('-: DaemonSet a: joined 2 split flag(s) in spec.template.spec.containers[0].args: --db.password=*** --log.level=debug');
    expect(result.notices.join('\n')).not.toContain('hunter2');
  });
});
