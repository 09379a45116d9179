import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { baseDaemonSet } from './base';
import { DaemonSetValidator, NodeDaemonSet, ValidationFinding } from '../../src';
import { checkSources, formatCheckJson, formatCheckText } from '../../src/cli/check';
import { synth } from '../helpers/synth';

const ARGS = 'args-literal-secret';
const META = 'template-metadata-literal-secret';
const C = 'spec.template.spec.containers';
const S = 'Xq7-hunter2-9vR';

/** The literal-secret findings of a DaemonSet as `check` reads it from YAML, with `spec.template.spec.` left out. */
function found(yaml: string): string[] {
  return DaemonSetValidator.validateYaml(yaml).filter(f => f.rule === ARGS || f.rule === META).map(f => `${f.rule} ${f.path.replace('spec.template.spec.', '')}`);
}

/** The base DaemonSet with the first container changed. */
function withContainer(patch: object): any {
  const ds = baseDaemonSet();
  Object.assign(ds.spec.template.spec.containers[0], patch);
  return ds;
}

const literalSecrets = (ds: any): ValidationFinding[] => DaemonSetValidator.validate(ds).filter(f => f.rule === ARGS || f.rule === META);
const argsOf = (args: string[], command?: string[]) => literalSecrets(withContainer({ args, ...command ? { command } : {} })).map(f => f.path.replace(`${C}[0].`, ''));

/** A DaemonSet of `containers` (YAML, indented for `containers:`) with `annotations` on the pod template. */
function daemonSet(name: string, containers: string, annotations: { [key: string]: string } = {}): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: monitoring}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations: ${JSON.stringify(annotations)}
    spec:
      containers:
${containers}`;
}

describe('args-literal-secret on daemons shaped like real ones', () => {
  test('a Prometheus exporter that reads its basic-auth users from --web.config.file: no finding; the same password as a flag: one', () => {
    const exporter = (args: string) => daemonSet('redis-exporter', `        - name: exporter
          image: quay.io/oliver006/redis_exporter:v1.67.0
          args: ${args}
          env:
            - name: REDIS_PASSWORD
              valueFrom: {secretKeyRef: {name: redis-auth, key: password}}`);
    expect(found(exporter("['--redis.addr=redis://redis.cache:6379', '--redis.password-file=/etc/redis/password.json', '--web.config.file=/etc/exporter/web.yml']"))).toEqual([]);
    expect(found(exporter("['--redis.addr=redis://redis.cache:6379', '--redis.password=$(REDIS_PASSWORD)']"))).toEqual([]);
    expect(found(exporter(`['--redis.addr=redis://redis.cache:6379', '--redis.password=${S}']`))).toEqual([`${ARGS} containers[0].args[1]`]);
    // The address with the password in its userinfo, which redis_exporter also accepts.
    expect(found(exporter(`['--redis.addr=redis://:${S}@redis.cache:6379']`))).toEqual([`${ARGS} containers[0].args[0]`]);
  });

  test('a MySQL exporter given a DSN: a password in it is found, a user alone or a $(VAR) password is not', () => {
    const exporter = (args: string) => daemonSet('mysql-exporter', `        - name: exporter
          image: example.com/sql-exporter:v0.17.1
          args: ${args}`);
    expect(found(exporter(`['--config.data-source-name', 'exporter:${S}@tcp(127.0.0.1:3306)/']`))).toEqual([`${ARGS} containers[0].args[1]`]);
    expect(found(exporter(`['--config.data-source-name=mysql://exporter:${S}@127.0.0.1:3306/']`))).toEqual([`${ARGS} containers[0].args[0]`]);
    expect(found(exporter("['--config.data-source-name=exporter:$(MYSQL_PASSWORD)@tcp(127.0.0.1:3306)/']"))).toEqual([]);
    expect(found(exporter("['--config.data-source-name=mysql://exporter@127.0.0.1:3306/', '--config.my-cnf=/etc/mysql/.my.cnf']"))).toEqual([]);
  });

  test('a Datadog-style agent: the API key from a Secret and autodiscovery templates are fine; a key on the command line or in an instance URL is not', () => {
    const agent = (args: string, annotations: { [key: string]: string } = {}) => daemonSet('datadog-agent', `        - name: agent
          image: gcr.io/datadoghq/agent:7.60.1
          command: ['agent', 'run']
          env:
            - name: DD_API_KEY
              valueFrom: {secretKeyRef: {name: datadog-secret, key: api-key}}
        - name: trace-agent
          image: gcr.io/datadoghq/agent:7.60.1
          command: ['trace-agent', '-config=/etc/datadog-agent/datadog.yaml']
          args: ${args}`, annotations);
    const redis = { 'ad.datadoghq.com/redis.checks': JSON.stringify({ redisdb: { instances: [{ host: '%%host%%', password: '%%env_REDIS_PASSWORD%%' }] } }) };
    expect(found(agent('[]', redis))).toEqual([]);
    expect(found(agent(`['--api-key', '${'0a1b2c3d'.repeat(4)}']`))).toEqual([`${ARGS} containers[1].args[1]`]);
    const url = { 'ad.datadoghq.com/web.instances': JSON.stringify([{ url: `https://probe:${S}@%%host%%:8443/health` }]) };
    expect(found(agent('[]', url))).toEqual([`${META} spec.template.annotations[ad.datadoghq.com/web.instances]`]);
  });

  test('a CSI node plugin with a unix socket endpoint and a node id from the downward API: no finding', () => {
    expect(found(daemonSet('csi-node', `        - name: csi-driver
          image: registry.k8s.io/sig-storage/nfsplugin:v4.9.0
          args: ['--v=5', '--nodeid=$(NODE_ID)', '--endpoint=unix:///csi/csi.sock', '--drivername=nfs.csi.k8s.io']
          env:
            - name: NODE_ID
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
        - name: node-driver-registrar
          image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.12.0
          args: ['--csi-address=/csi/csi.sock', '--kubelet-registration-path=/var/lib/kubelet/plugins/csi-nfsplugin/csi.sock']`))).toEqual([]);
  });
});

describe('args-literal-secret: what a flag, an item or a script holds', () => {
  test.each<[string, string[], string[] | undefined, string[]]>([
    ['--password S: the value is the next item', ['--password', S], undefined, ['args[1]']],
    ['--db-password=S', ['--db-password=S3cret'], undefined, ['args[0]']],
    ['-password S (Go flags take one dash)', ['-password', S], undefined, ['args[1]']],
    ['--api-key=S, --client-secret=S, --auth-token=S', ['--api-key=k3y', '--client-secret=Zx9', '--auth-token=t0k'], undefined, ['args[0]', 'args[1]', 'args[2]']],
    ['a URL with a password', ['--upstream=https://admin:S3cret@es.logging:9200'], undefined, ['args[0]']],
    ['a Java property', ['-Djavax.net.ssl.trustStorePassword=changeit'], undefined, ['args[0]']],
    ['a Fluent Bit `-p key=value` property', ['-o', 'es', '-p', 'HTTP_Passwd=S3cret'], undefined, ['args[3]']],
    ['an assignment given to another flag', ['--from-literal=password=S3cret'], undefined, ['args[0]']],
    ['command and args are one command line', ['S3cret'], ['/bin/agent', '--password'], ['args[0]']],
    ['a shell script: an assignment, and --flag value', ['exec agent --api-key S3cret'], ['/bin/sh', '-c'], ['args[0]']],
    ['a shell script: an env assignment', ['PGPASSWORD=S3cret psql -h db -c "select 1"'], ['/bin/sh', '-c'], ['args[0]']],
    ['a client secret in lower-case hex (no `-` or `.`: no Secret name)', ['--client-secret=0a1b2c3d4e5f'], undefined, ['args[0]']],
  ])('%s', (_, args, command, paths) => {
    expect(argsOf(args, command)).toEqual(paths);
  });

  test.each<[string, string[], string[] | undefined]>([
    ['a $(VAR) reference, as a value and as the next item', ['--password=$(DB_PASSWORD)', '--token', '$(TOKEN)'], undefined],
    ['shell variables and command substitution', ['exec agent --password "$PW" --token=${TOKEN} --api-key "$(cat /run/secrets/key)"'], ['/bin/sh', '-c']],
    ['file paths', ['--password=/etc/agent/password', '--token', '/var/run/secrets/token', '--api-key=C:\\secrets\\key', '--secret=file:///etc/s'], undefined],
    ['a Vault path', ['--token=secret/data/agent'], undefined],
    ['flags named for where the secret is', ['--password-file=/x', '--token-path', 't', '--client-secret-file', 's', '--web.config.file=/etc/web.yml'], undefined],
    ['flags that only mention a credential', ['--password-stdin', 'registry.example.com', '--token-ttl=1h', '--auth-mode=token', '--cookie-domain=.example.com'], undefined],
    ['kubelet-style authn/authz flags', ['--authentication-token-webhook=true', '--authorization-mode=Webhook', '--service-account-token-expiration=1h'], undefined],
    ['empty values', ['--password=', '--token', ''], undefined],
    ['a flag with no value before another flag', ['--password', '--verbose'], undefined],
    ['boolean and mode values', ['--use-token=true', '--auth=false', '--token="yes"', '--password=none', '--use-auth-token=force'], undefined],
    ['the name of a Secret object after a …secret flag', ['--tls-secret=ingress-tls', '--client-secret=kube-system/oauth-client'], undefined],
    ['a user without a password, an empty password', ['--upstream=https://agent@es.logging:9200', 'git@github.com:org/repo', '--dsn=exporter:@tcp(db:3306)/'], undefined],
    ['a unix socket and an address with a port', ['--endpoint=unix:///csi/csi.sock', '--listen=0.0.0.0:9100'], undefined],
    ['an image pinned by tag and digest', [`--pause-image=pause:3.10@sha256:${'0f'.repeat(32)}`], undefined],
    ['single-letter flags are ambiguous', ['-u', 'root', '-p', 'S3cret', '-pS3cret'], undefined],
    // auth and sig, last in a name, pick a scheme: kube-rbac-proxy's and etcd's TLS client auth, a signature algorithm.
    ['a scheme named by auth or sig', ['--auth=basic', '--tls-client-auth=RequireAndVerifyClientCert', '--sig=rsa'], undefined],
    ['placeholders a tool fills in', ['--dsn=postgresql://{{.Data.username}}:{{.Data.password}}@pg/app', '--password=%%env_PW%%', '--api-key=ENC[k8s_secret@dd/keys/api]'], undefined],
  ])('no finding: %s', (_, args, command) => {
    expect(argsOf(args, command)).toEqual([]);
  });

  test('one finding per item, init containers too', () => {
    const ds = withContainer({ args: ['--password=a1 --token=b2'] });
    ds.spec.template.spec.initContainers = [{ name: 'setup', image: 'busybox:1.37.0', command: ['/bin/sh', '-c', 'echo x | login --password S3cret'] }];
    expect(literalSecrets(ds).map(f => f.path)).toEqual([`${C}[0].args[0]`, 'spec.template.spec.initContainers[0].command[2]']);
  });
});

describe('template-metadata-literal-secret: pod template annotations and labels', () => {
  const meta = (annotations: { [k: string]: string }, labels: { [k: string]: string } = {}) => {
    const ds = baseDaemonSet();
    ds.spec.template.metadata.annotations = annotations;
    Object.assign(ds.spec.template.metadata.labels, labels);
    return literalSecrets(ds).map(f => f.path);
  };

  test('a key whose last segment ends in a credential\'s word, with a literal value', () => {
    expect(meta({ 'example.com/password': S, 'example.com/api-key': S }, { token: 'abc123' })).toEqual([
      'spec.template.annotations[example.com/password]', 'spec.template.annotations[example.com/api-key]', 'spec.template.labels[token]',
    ]);
  });

  test('a URL with a password in any annotation', () => {
    expect(meta({ 'example.com/upstream': `https://probe:${S}@backend:8443/` })).toEqual(['spec.template.annotations[example.com/upstream]']);
  });

  test('no finding for the annotations tools put on pods', () => {
    expect(meta({
      // Helm's digest of a Secret, so that pods roll when it changes.
      'checksum/secret': 'f2ca1bb6c7e907d06dafe4687e579fce76b37e4e93b7605022da52e6ccc26fd2',
      // Vault's injector: where the secret is, a Secret's name, switches.
      'vault.hashicorp.com/agent-inject-secret-db-password': 'database/creds/agent',
      'vault.hashicorp.com/tls-secret': 'vault-tls-client',
      'vault.hashicorp.com/agent-inject-token': 'true',
      'vault.hashicorp.com/agent-cache-use-auto-auth-token': 'force',
      'vault.hashicorp.com/auth-path': 'auth/kubernetes',
      // Azure workload identity: a lifetime, not a token.
      'azure.workload.identity/service-account-token-expiration': '3600',
      'example.com/password': '',
      'secret.reloader.stakater.com/reload': 'agent-credentials',
    }, { 'example.com/auth': 'enabled' })).toEqual([]);
  });

  test('no finding for digests, Vault injector file names, templates and Datadog placeholders', () => {
    expect(meta({
      'example.com/secret-hash': '5d41402abc4b2a76b9719d911017c592',
      // The suffix is the file the injector writes; the values are Vault paths (upper case too), a template, a command.
      'vault.hashicorp.com/agent-inject-secret-password': 'secret/data/MyApp/db',
      'vault.hashicorp.com/agent-inject-template-token': '{{ with secret "kv/Prod_API" }}{{ .Data.data.token }}{{ end }}',
      'vault.hashicorp.com/agent-inject-command-token': 'sh -c "kill -HUP $(pidof agent)"',
      // Datadog autodiscovery's own form for a password from the agent's environment.
      'ad.datadoghq.com/redis.instances': '[{"url": "redis://admin:%%env_REDIS_PASSWORD%%@%%host%%:6379"}]',
      'example.com/upstream': 'postgresql://{{.Data.username}}:{{.Data.password}}@pg/app',
    })).toEqual([]);
  });
});

describe('the findings never show the credential', () => {
  const leaks = (text: string, value: string) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1));

  test('for any value of a secret-named flag, item or annotation, the finding is there and neither validate() nor check output shows it', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9+=_!%^*@.-]{8,40}$/).filter(v => /[A-Z]/.test(v) && /[0-9]/.test(v) && !/^[-$]/.test(v));
    const forms: Array<(v: string) => object> = [
      v => ({ args: ['--db-password', v] }),
      v => ({ args: [`--api-key=${v}`] }),
      v => ({ command: ['/bin/sh', '-c', `exec agent --token '${v}'`] }),
      v => ({ args: [`--upstream=https://agent:${v.replace(/[@/]/g, 'x')}@backend:8443/`] }),
    ];
    const form = fc.constantFrom(...forms);
    fc.assert(fc.property(value, form, (secret, shape) => {
      const ds = withContainer(shape(secret));
      ds.spec.template.metadata.annotations = { 'example.com/password': secret };
      const findings = literalSecrets(ds);
      expect(findings.map(f => f.rule).sort()).toEqual([ARGS, META]);
      const result = checkSources([{ name: 'agent.yaml', text: stringify(ds) }]);
      const printed = formatCheckText(result) + formatCheckJson(result) + DaemonSetValidator.validate(ds).map(f => f.message).join('\n');
      const shown = secret.replace(/[@/]/g, 'x');
      expect(leaks(printed, secret) || leaks(printed, shown)).toBe(false);
    }), { numRuns: 200 });
  });

  test('the message names the flag and masks the value', () => {
    expect(literalSecrets(withContainer({ args: ['--db-password', S, `--upstream=https://admin:${S}@es:9200/`] })).map(f => f.message)).toEqual([
      'the value of --db-password, *** (15 characters), is a literal credential; read it from a Secret',
      '--upstream="https://***@es:9200/" has a literal password in its userinfo; read it from a Secret',
    ]);
  });
});

test('NodeDaemonSet prints the warning at synth, without the value', () => {
  const writes = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const chart = Testing.chart();
    new NodeDaemonSet(chart, 'agent', { image: 'example.com/agent:v1.2.3', args: ['--password', S] });
    synth(chart);
    const printed = writes.mock.calls.map(c => String(c[0])).join('');
    expect(printed).toMatch(/warning .*args-literal-secret/);
    expect(printed).not.toContain(S);
  } finally {
    writes.mockRestore();
  }
});
