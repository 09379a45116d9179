import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodeDaemonSet, SUPPRESS_RULES_CONTEXT, WARNINGS_AS_ERRORS_CONTEXT } from '../../src';
import { addSynthCheck } from '../../src/validation';

/** The warnings a bare NodeDaemonSet reading a Secret created outside the App gets. */
const WARNINGS = ['readiness-gate-missing', 'resources-missing', 'memory-limit-missing', 'readiness-probe-missing', 'env-reference-missing'];

/** A daemon whose token Secret is created outside the App, in an App with these context values. */
function app(context: { [key: string]: unknown }, chartId = 'c'): App {
  const a = Testing.app();
  for (const [k, v] of Object.entries(context)) a.node.setContext(k, v);
  const chart = new Chart(a, chartId, { namespace: 'monitoring' });
  const secret = kplus.Secret.fromSecretName(chart, 'token', 'external-token');
  new NodeDaemonSet(chart, 'agent', { image: 'agent:1.0.0', envVariables: { TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: 'token' }) } });
  return a;
}

describe('synth hook', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  it('synth errors end with the rule\'s fix text', () => {
    expect(() => app({ [WARNINGS_AS_ERRORS_CONTEXT]: true }).synthYaml())
      .toThrow(/\(env-reference-missing; prop: envVariables\); fix: Ship the ConfigMap\/Secret in the same App; .* acknowledge the warning with the `acknowledgedWarnings` prop/);
  });

  it('printed warnings end with the fix text too', () => {
    app({}).synthYaml();
    const text = stderr.mock.calls.map(c => String(c[0])).join('');
    expect(text).toMatch(/\(env-reference-missing; prop: envVariables\); fix: Ship the ConfigMap\/Secret/);
  });

  describe(`${SUPPRESS_RULES_CONTEXT}`, () => {
    it('is the documented key', () => {
      expect(SUPPRESS_RULES_CONTEXT).toBe('cdk8s-daemonsets:suppressRules');
    });

    it('silences the named warnings in strict mode, and only those', () => {
      const strict = () => app({ [WARNINGS_AS_ERRORS_CONTEXT]: true, [SUPPRESS_RULES_CONTEXT]: ['env-reference-missing'] });
      expect(() => strict().synthYaml()).toThrow(/readiness-gate-missing/);
      expect(() => strict().synthYaml()).not.toThrow(/env-reference-missing/);
    });

    it.each([
      ['an array', WARNINGS],
      ['a comma-separated string', WARNINGS.join(', ')],
    ])('takes %s', (_kind, value) => {
      expect(() => app({ [WARNINGS_AS_ERRORS_CONTEXT]: true, [SUPPRESS_RULES_CONTEXT]: value }).synthYaml()).not.toThrow();
    });

    it('silences printed warnings', () => {
      // Warnings print once per construct path and text, so use a path of its own.
      app({ [SUPPRESS_RULES_CONTEXT]: 'env-reference-missing' }, 'quiet').synthYaml();
      const text = stderr.mock.calls.map(c => String(c[0])).join('');
      expect(text).toMatch(/\(readiness-gate-missing/);
      expect(text).not.toMatch(/env-reference-missing/);
    });

    it('cannot suppress an error: naming an error rule fails synth', () => {
      expect(() => app({ [SUPPRESS_RULES_CONTEXT]: ['selector-matches-template'] }).synthYaml())
        .toThrow(/cdk8s-daemonsets:suppressRules: "selector-matches-template" is an error rule; errors cannot be silenced/);
    });

    it('cannot suppress a rollout failure, which the constructs refuse', () => {
      expect(() => app({ [SUPPRESS_RULES_CONTEXT]: ['namespace-pod-security'] }).synthYaml())
        .toThrow(/cdk8s-daemonsets:suppressRules: "namespace-pod-security" describes a rollout failure, which cannot be silenced/);
    });

    it('fails synth on an id that is no rule (a typo would silence nothing)', () => {
      expect(() => app({ [SUPPRESS_RULES_CONTEXT]: 'env-refernce-missing' }).synthYaml()).toThrow('"env-refernce-missing" is not a rule id (see docs/rules.md); did you mean "env-reference-missing"?');
    });

    it('fails synth on a value that is neither an array nor a string', () => {
      expect(() => app({ [SUPPRESS_RULES_CONTEXT]: { 'env-reference-missing': true } }).synthYaml()).toThrow(/must be an array of rule ids or a comma-separated string/);
    });
  });
});

describe('strict-mode switches', () => {
  const build = (context: unknown) => {
    const a = new App({ outdir: Testing.app().outdir });
    if (context !== undefined) a.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, context);
    new NodeDaemonSet(new Chart(a, 'c', { namespace: 'agents' }), 'agent', { image: 'example.com/agent:v1.0.0' });
    return a;
  };

  test.each([true, 'true', '1', 1])('context %p turns warnings into errors', (value) => {
    expect(() => build(value).synthYaml()).toThrow(/readiness-gate-missing/);
  });

  test.each([false, 'false', '0'])('context %p leaves warnings as warnings', (value) => {
    expect(() => build(value).synthYaml()).not.toThrow();
  });

  test('a value that is neither fails synth instead of silently switching strict mode off', () => {
    expect(() => build('yes').synthYaml()).toThrow(/cdk8s-daemonsets:warningsAsErrors: must be true or false, not "yes"/);
  });
});

describe('one validation pass per synth', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  /** An App of three charts with two daemons each: cdk8s runs every validation four times in synthYaml(). */
  function threeCharts(): { app: App; daemons: NodeDaemonSet[] } {
    const multi = Testing.app();
    const daemons = ['a', 'b', 'c'].flatMap(id => {
      const chart = new Chart(multi, id, { namespace: 'agents' });
      return [1, 2].map(n => new NodeDaemonSet(chart, `agent${n}`, { image: 'example.com/agent:v1.0.0' }));
    });
    return { app: multi, daemons };
  }

  test('each object is serialized once per synth, shared by the validation and the output', () => {
    const { app: multi, daemons } = threeCharts();
    const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      multi.synthYaml();
      const owned = new Set(daemons.flatMap(d => d.apiObjects));
      const calls = toJson.mock.contexts.filter(c => owned.has(c as ApiObject));
      expect(calls).toHaveLength(owned.size);
      expect(new Set(calls).size).toBe(owned.size);
    } finally {
      toJson.mockRestore();
    }
  });

  test('the rules and every check run once per synth, however often cdk8s validates', () => {
    const { app: multi, daemons } = threeCharts();
    const check = jest.fn();
    addSynthCheck(daemons[0], check);
    multi.synthYaml();
    expect(check).toHaveBeenCalledTimes(1);
    multi.synth();
    expect(check).toHaveBeenCalledTimes(2);
  });

  test('a construct changed between two synths of one App is validated again', () => {
    const { app: multi, daemons } = threeCharts();
    expect(() => multi.synthYaml()).not.toThrow();
    const patch = JsonPatch.add('/spec/template/spec/containers/0/ports', [{ containerPort: 80, hostPort: 81 }]);
    ApiObject.of(daemons[3].daemonSet).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true), patch);
    expect(() => multi.synthYaml()).toThrow(/\[b\/agent2\] DaemonSet agents\/b-agent2-c8[0-9a-f]+: spec\.template\.spec\.containers\[0\]\.ports\[0\]\.hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true \(host-network-host-port; prop: ports\[0\]\.hostPort\)/);
    // Outside a synth, toJson() serializes afresh: nothing cached leaks out of the synth.
    expect(daemons[3].apiObjects[0].toJson().spec.template.spec.hostNetwork).toBe(true);
  });

  test('Testing.synth of one chart validates the whole App, and again after a change', () => {
    const { app: multi, daemons } = threeCharts();
    const chart = multi.node.findChild('a') as Chart;
    expect(Testing.synth(chart)).toHaveLength(4);
    ApiObject.of(daemons[5].daemonSet).addJsonPatch(JsonPatch.add('/spec/selector/matchLabels/extra', 'x'));
    expect(() => Testing.synth(chart)).toThrow(/\[c\/agent2\] .*\(selector-stable/);
  });

  test('a chart without daemons, synthesized alone, still validates the daemons of the App', () => {
    const { app: multi, daemons } = threeCharts();
    const empty = new Chart(multi, 'empty');
    ApiObject.of(daemons[0].daemonSet).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/image', ''));
    expect(() => empty.toJson()).toThrow(/\[a\/agent1\] .*image: Required value \(container-image; prop: image\)/);
  });

  test('the checks across objects see every construct of the App: the same DaemonSet name in two charts is one object', () => {
    const twoCharts = Testing.app();
    for (const id of ['one', 'two']) new NodeDaemonSet(new Chart(twoCharts, id, { namespace: 'agents' }), 'agent', { image: 'example.com/agent:v1.0.0', metadata: { name: 'agent' } });
    twoCharts.synthYaml();
    const printed = stderr.mock.calls.map(c => String(c[0])).filter(l => l.includes('(duplicate-object'));
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every(l => l.startsWith('[two/agent] warning '))).toBe(true);
  });
});
