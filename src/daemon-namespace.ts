import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { clusterScoped } from './companions';
import { renderableMap } from './internal/cdk8s-keys';
import { assertValid, propError } from './internal/errors';
import { k8s } from './internal/kplus-adapter';
import { daemonNamespacePropOf } from './internal/prop-paths';
import { arrayProp, instanceProp, plainProps } from './internal/shape';
import { NodeDaemonSet } from './node-daemon-set';
import { PodSecurityLevel, podSecurityLevelAdmits } from './security';
import {
  addSynthCheck, addSynthValidation, checkDns1123Label, checkLabelValue, checkQualifiedName, daemonNamespaceCheck, METADATA_LABELS, METADATA_NAME,
} from './validation';

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
    props = plainProps(this, props);
    assertValid(this, 'name', props.name, checkDns1123Label(props.name), METADATA_NAME);
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      assertValid(this, 'labels', key, checkQualifiedName(key), METADATA_LABELS);
      assertValid(this, `labels[${key}]`, value, checkLabelValue(value), METADATA_LABELS);
      if (key === ENFORCE || key === `${ENFORCE}-version`) {
        throw propError(this, `labels[${key}]`, value, 'is computed from the daemons; it cannot be set');
      }
    }
    this.name = props.name;
    const labels = renderableMap('/metadata/labels', {
      'app.kubernetes.io/managed-by': 'cdk8s',
      ...props.labels,
      // Resolved at synth, so daemons added after this construct count too.
      [ENFORCE]: Lazy.any({ produce: () => this.podSecurityLevel }) as unknown as string,
      [`${ENFORCE}-version`]: 'latest',
    });
    this.apiObject = clusterScoped(new k8s.KubeNamespace(this, 'Resource', { metadata: { name: props.name, labels: labels.map } }));
    this.apiObject.addJsonPatch(...labels.patches);
    arrayProp(this, 'daemons', props.daemons).forEach(d => this.addDaemon(d));
    // Its own labels (audit and warn levels, for one) get the API server's checks too.
    addSynthValidation(this, { objects: () => [this.apiObject], options: {}, propOf: daemonNamespacePropOf });
    addSynthCheck(this, daemonNamespaceCheck(this.name, () => this.daemons.map(d => ({
      path: d.node.path,
      namespace: d.apiObjects[0].toJson().metadata?.namespace,
    }))));
  }

  /**
   * Runs `daemon` in this namespace: the enforced level rises to what its pods need, and the
   * Namespace is written before the daemon's objects, so one `kubectl apply` creates it first.
   */
  public addDaemon(daemon: NodeDaemonSet): void {
    instanceProp(this, 'daemons', daemon ?? null, NodeDaemonSet, 'a NodeDaemonSet or one of the presets');
    this.daemons.push(daemon);
    for (const obj of daemon.apiObjects) obj.addDependency(this.apiObject);
  }

  /** The lowest Pod Security level that admits every daemon's pods (`restricted` with none). */
  public get podSecurityLevel(): PodSecurityLevel {
    return this.daemons.map(d => d.podSecurityLevel)
      .reduce((a, b) => podSecurityLevelAdmits(a, b) ? a : b, PodSecurityLevel.RESTRICTED);
  }
}
