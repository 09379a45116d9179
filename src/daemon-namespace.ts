import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { assertValid } from './internal/errors';
import { k8s } from './internal/kplus-adapter';
import { NodeDaemonSet } from './node-daemon-set';
import { PodSecurityLevel, podSecurityLevelAdmits } from './security';
import { checkDns1123Label, checkLabelValue, checkQualifiedName } from './validation/names';

/**
 * Props of `DaemonNamespace`.
 */
export interface DaemonNamespaceProps {
  /** The namespace name: a DNS-1123 label. */
  readonly name: string;
  /**
   * The daemons that run in this namespace; more can be added with `addDaemon()`.
   *
   * @default - none
   */
  readonly daemons?: NodeDaemonSet[];
  /**
   * More labels on the Namespace.
   *
   * @default - the recommended `app.kubernetes.io/managed-by` label only
   */
  readonly labels?: { [key: string]: string };
}

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/**
 * A Namespace for node daemons, labelled with the Pod Security Standards level its daemons
 * need (`pod-security.kubernetes.io/enforce`), computed at synth from their pods.
 *
 * Pod Security admission rejects pods, not DaemonSets: a DaemonSet above its namespace's
 * enforced level is accepted and then creates no pods (`FailedCreate` events only). Most node
 * daemons need `privileged` (host namespaces, hostPath volumes), which no namespace allows by
 * default where the cluster enforces `baseline` or `restricted`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export class DaemonNamespace extends Construct {
  /** The Namespace object. */
  public readonly apiObject: ApiObject;
  /** The namespace name. */
  public readonly name: string;
  private readonly daemons: NodeDaemonSet[] = [];

  constructor(scope: Construct, id: string, props: DaemonNamespaceProps) {
    super(scope, id);
    assertValid(this, 'name', props.name, checkDns1123Label(props.name));
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      assertValid(this, 'labels key', key, checkQualifiedName(key));
      assertValid(this, `labels[${key}]`, value, checkLabelValue(value));
    }
    this.name = props.name;
    (props.daemons ?? []).forEach(d => this.addDaemon(d));
    this.apiObject = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: {
          'app.kubernetes.io/managed-by': 'cdk8s',
          ...props.labels,
          // Resolved at synth, so daemons added after this construct count too.
          [ENFORCE]: Lazy.any({ produce: () => this.podSecurityLevel }) as unknown as string,
          [`${ENFORCE}-version`]: 'latest',
        },
      },
    });
  }

  /** Runs `daemon` in this namespace: the enforced level rises to what its pods need. */
  public addDaemon(daemon: NodeDaemonSet): void {
    this.daemons.push(daemon);
  }

  /** The lowest Pod Security level that admits every daemon's pods (`restricted` with none). */
  public get podSecurityLevel(): PodSecurityLevel {
    return this.daemons.map(d => d.podSecurityLevel)
      .reduce((a, b) => podSecurityLevelAdmits(a, b) ? a : b, PodSecurityLevel.RESTRICTED);
  }
}
