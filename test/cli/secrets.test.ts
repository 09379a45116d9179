import { documents } from './fake-io';
import { DaemonSetValidator } from '../../src';
import { migrateYaml } from '../../src/cli/migrate';

describe('migrate notices never show a credential', () => {
  test('a split secret flag is joined in the file and masked in the notice', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n'
      + '    spec:\n      containers:\n        - name: a\n          image: a:1\n          args: [--db.password, hunter2-S3cr3t, --log.level, debug]\n';
    const result = migrateYaml({ name: '-', text }, { joinArgs: true });
    // The file gets the value (it is the user's own file); the notice goes to a terminal or a CI log.
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args).toEqual(['--db.password=hunter2-S3cr3t', '--log.level=debug']);
    // Before: `joined 2 split flag(s) in …: --db.password=hunter2-S3cr3t --log.level=debug`; now the flags only.
    expect(result.notices).toContain('-: DaemonSet a: joined 2 split flag(s) in spec.template.spec.containers[0].args: --db.password, --log.level');
    expect(result.notices.join('\n')).not.toContain('hunter2');
  });

  test('no notice shows a label, flag value or image credential (joined flags, the selector, node-exporter flags)', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  template:\n'
      + '    metadata: {labels: {app: a, auth-token: LABEL-S3cr3t, pgpassword: LABEL2-S3cr3t}}\n'
      + '    spec:\n      containers:\n        - name: a\n          image: "u:IMG-S3cr3t@registry.example/node-exporter"\n'
      + '          args: [--pgpassword, ARG-S3cr3t, --webhook, "https://hooks.slack.example/services/T0/B0/HOOK-S3cr3t", --collector.netdev.ignored-devices, lo]\n';
    const result = migrateYaml({ name: '-', text }, { joinArgs: true, renameNodeExporterFlags: true });
    const notices = result.notices.join('\n');
    // Before: `matchLabels {"app":"a","auth-token":"LABEL-S3cr3t",…}`, `--pgpassword=ARG-S3cr3t --webhook=https://…/HOOK-S3cr3t`,
    // and the image's userinfo in the node-exporter notice.
    expect(notices).not.toMatch(/S3cr3t/);
    expect(notices).toContain('matchLabels {"app":"a","auth-token":"*** (12 characters)","pgpassword":"*** (13 characters)"}');
    expect(notices).toContain('joined 3 split flag(s) in spec.template.spec.containers[0].args: --pgpassword, --webhook, --collector.netdev.ignored-devices');
    expect(notices).toContain('(***@registry.example/node-exporter)');
    // The file keeps every value: it is the user's own.
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args).toContain('--pgpassword=ARG-S3cr3t');
  });
});

describe('a value read as an alias is not shown', () => {
  // Unquoted after `*`, a password is an alias to both YAML readers; its "name" is the secret.
  const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: *hunter2-S3cr3t\n';

  test('check: the refusal names the line and column, not the alias', () => {
    const [finding] = DaemonSetValidator.validateYaml(text);
    expect(finding).toMatchObject({ rule: 'yaml-parse', severity: 'error' });
    expect(finding.message).toBe('line 5: the YAML does not parse: unidentified alias (its name, 14 characters, not shown) (column 28)');
  });

  test('migrate: the UsageError does not show it either', () => {
    expect(() => migrateYaml({ name: 'db.yaml', text }, {})).toThrow(
      'db.yaml: the YAML does not parse: Unresolved alias (the anchor must be set before the alias) (its name, 14 characters, not shown)');
  });
});
