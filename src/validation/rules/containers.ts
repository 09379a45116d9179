import { checkDns1123Label } from '../names';
import { Ctx, list, map } from './context';
import { checkEnv } from './env';
import { checkPorts } from './ports';
import { checkLifecycle, checkProbes } from './probes';
import { checkResizePolicy, checkResources } from './resources';
import { RuleArea, SRC } from './rule';
import { checkContainerSecurity } from './security-context';
import { checkVolumeMounts } from './volumes';

export const CONTAINER_AREA = new RuleArea('containers', 'src/validation/rules/containers.ts');
export const CONTAINERS_REQUIRED = CONTAINER_AREA.error('containers-required', 'The pod template has no containers.', 'Add the daemon container.', SRC.CORE);
export const CONTAINER_NAME = CONTAINER_AREA.error('container-name', 'A container name that is empty or not a DNS-1123 label.', 'Use at most 63 lowercase letters, digits and `-`.', SRC.CORE);
export const CONTAINER_NAME_DUPLICATE = CONTAINER_AREA.error('container-name-duplicate', 'Two containers (regular or init) with the same name.', 'Give every container its own name.', SRC.CORE);
export const EPHEMERAL_CONTAINERS = CONTAINER_AREA.error('ephemeral-containers', '`ephemeralContainers` in a pod template.', 'Remove them; use `kubectl debug` on a running pod.', SRC.CORE);
export const CONTAINER_IMAGE = CONTAINER_AREA.error('container-image', 'A container without an image.', 'Set `image` to a reference with a pinned tag or digest.', SRC.CORE);
export const IMAGE_WHITESPACE = CONTAINER_AREA.warning('image-whitespace', 'An image with whitespace around it: the API server accepts the DaemonSet (the check is pod-only) and refuses every pod it creates (FailedCreate).', 'Trim the image reference.', SRC.CORE, { rolloutFailure: true });
export const IMAGE_PULL_POLICY = CONTAINER_AREA.error('image-pull-policy', '`imagePullPolicy` other than Always, IfNotPresent or Never (case-sensitive).', 'Use one of the three values.', SRC.CORE);
export const TERMINATION_MESSAGE_POLICY = CONTAINER_AREA.error('termination-message-policy', '`terminationMessagePolicy` other than File or FallbackToLogsOnError.', 'Use one of the two values.', SRC.CORE);
export const CONTAINER_RESTART_POLICY = CONTAINER_AREA.error('container-restart-policy', 'A container `restartPolicy` other than Always, OnFailure or Never; `restartPolicyRules` without a policy, on a sidecar, or with an action other than Restart or no `exitCodes`.', 'Use a listed policy; give each rule `action: Restart` and `exitCodes`.', SRC.CORE);
export const INIT_CONTAINER_PROBES = CONTAINER_AREA.error('init-container-probes', 'Probes or lifecycle hooks on an init container that is not a sidecar (restartPolicy Always).', 'Remove them or make the init container a sidecar.', SRC.CORE);
export const MUTABLE_IMAGE_TAG = CONTAINER_AREA.warning('mutable-image-tag', 'An image tagged `latest`, a branch tag (`main`, `master`, `canary`, `devel`, `edge`, `nightly`, alone or with a `-variant`), or with no tag, and no digest: nodes drift apart as pods restart and pull different images.', 'Pin a version tag or a digest (`@sha256:…`).', SRC.IMAGES, { linterIds: ['kube-linter:latest-tag', 'kube-score:container-image-tag', 'polaris:tagNotSpecified'], limits: 'A version tag can be moved too, only a digest pins; channel names other than those listed (`develop`, `dev`, `snapshot`, `unstable`, `stable`) are not reported.' });
export const WRITABLE_ROOT_FILESYSTEM = CONTAINER_AREA.warning('writable-root-filesystem', '`readOnlyRootFilesystem` is not true on an unprivileged Linux container (a privileged one can remount its root read-write; Windows has no such field).', 'Set `readOnlyRootFilesystem: true` and write to an emptyDir (the `scratchDirectories` prop).', SRC.SECURITY, { linterIds: ['kube-linter:no-read-only-root-fs', 'kube-score:container-security-context-readonlyrootfilesystem', 'polaris:notReadOnlyRootFilesystem'], limits: 'Windows pods are recognised by `os.name: windows`, a `kubernetes.io/os` (or `beta.kubernetes.io/os`) nodeSelector of windows, or required node affinity admitting only windows; a pod kept on Windows nodes by taints alone gets Linux advice.' });

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const CONTAINER_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];

/** What the container checks need to know about the rest of the pod. */
export interface PodFacts {
  readonly path: string;
  readonly hostNetwork: boolean;
  readonly volumes: ReadonlyMap<string, any>;
  readonly pod: any;
  /** protocol/hostIP/hostPort keys bound so far by the pod's regular containers. */
  readonly hostPorts: Set<string>;
  /** Whether the pod runs on Windows nodes only (`isWindowsPod`): no Linux-only advice, Windows paths are absolute. */
  readonly windows: boolean;
  /** hostPath volumes some container mounts writable, reported once each. */
  readonly writableHostPaths: Set<string>;
}

export function checkContainers(ctx: Ctx, facts: PodFacts): void {
  const P = facts.path;
  const pod = facts.pod;
  if (!Array.isArray(pod.containers) || pod.containers.length === 0) ctx.required(CONTAINERS_REQUIRED, `${P}.containers`);
  if (pod.ephemeralContainers !== undefined) ctx.forbidden(EPHEMERAL_CONTAINERS, `${P}.ephemeralContainers`, 'ephemeral containers not allowed in pod template');
  const names = new Set<string>();
  for (const [field, init] of [['containers', false], ['initContainers', true]] as const) {
    list(pod[field]).forEach((raw, i) => {
      const c = map(raw);
      const path = `${P}.${field}[${i}]`;
      checkName(ctx, c.name, path, names);
      checkContainer(ctx, c, path, init, facts);
    });
  }
}

function checkName(ctx: Ctx, name: unknown, path: string, names: Set<string>): void {
  if (name === undefined || name === '') return ctx.required(CONTAINER_NAME, `${path}.name`);
  ctx.check(CONTAINER_NAME, `${path}.name`, name, typeof name === 'string' ? checkDns1123Label(name) : 'must be a string');
  if (names.has(name as string)) ctx.duplicate(CONTAINER_NAME_DUPLICATE, `${path}.name`, name);
  names.add(name as string);
}

function checkContainer(ctx: Ctx, c: any, path: string, init: boolean, facts: PodFacts): void {
  checkImage(ctx, c.image, `${path}.image`);
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    ctx.notSupported(IMAGE_PULL_POLICY, `${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES);
  }
  if (c.terminationMessagePolicy !== undefined && !MESSAGE_POLICIES.includes(c.terminationMessagePolicy)) {
    ctx.notSupported(TERMINATION_MESSAGE_POLICY, `${path}.terminationMessagePolicy`, c.terminationMessagePolicy, MESSAGE_POLICIES);
  }
  const sidecar = init && c.restartPolicy === 'Always';
  checkRestartPolicy(ctx, c, path, init, sidecar);
  if (init && !sidecar) {
    for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (c[f] !== undefined) ctx.forbidden(INIT_CONTAINER_PROBES, `${path}.${f}`, 'may not be set for init containers without restartPolicy=Always');
    }
  }
  checkPorts(ctx, c, path, init, facts);
  checkEnv(ctx, c, path);
  checkVolumeMounts(ctx, c, path, facts);
  checkResources(ctx, c.resources, `${path}.resources`, init);
  checkResizePolicy(ctx, c.resizePolicy, `${path}.resizePolicy`, init && !sidecar);
  checkProbes(ctx, c, path, init, facts);
  checkLifecycle(ctx, c.lifecycle, `${path}.lifecycle`, facts);
  checkContainerSecurity(ctx, c, path, facts);
  // A privileged container can remount its root read-write; Windows has no such field (validateWindows).
  const sc = map(c.securityContext);
  if (sc.readOnlyRootFilesystem !== true && sc.privileged !== true && !facts.windows) {
    ctx.report(WRITABLE_ROOT_FILESYSTEM, `${path}.securityContext.readOnlyRootFilesystem`, 'the root filesystem is writable; set readOnlyRootFilesystem: true');
  }
}

/**
 * Container restart policy and rules (ContainerRestartRules, on by default since 1.35): any
 * container may say Always, OnFailure or Never; rules need a policy, at most 20 of them, each
 * with action Restart and exitCodes (In/NotIn, at most 255 values). A sidecar (an init container
 * with Always) takes no rules. Before 1.34 only a sidecar's Always exists: validation refuses any
 * other policy (1.33's validateInitContainerRestartPolicy and validateContainers); at 1.34 the
 * server drops the policy and the rules instead (field-needs-release), as 1.28 drops a sidecar's.
 */
function checkRestartPolicy(ctx: Ctx, c: any, path: string, init: boolean, sidecar: boolean): void {
  const minor = ctx.release.minor;
  if (minor < 35) {
    if (c.restartPolicy === undefined || sidecar || minor === 34 || (init && minor < 29)) return;
    if (init) ctx.notSupported(CONTAINER_RESTART_POLICY, `${path}.restartPolicy`, c.restartPolicy, ['Always']);
    else ctx.forbidden(CONTAINER_RESTART_POLICY, `${path}.restartPolicy`, 'may not be set for non-init containers');
    return;
  }
  const rules = list(c.restartPolicyRules);
  if (c.restartPolicy === undefined) {
    if (rules.length > 0) ctx.required(CONTAINER_RESTART_POLICY, `${path}.restartPolicy`, 'must specify restartPolicy when restart rules are used');
    return;
  }
  if (!CONTAINER_RESTART_POLICIES.includes(c.restartPolicy)) return ctx.notSupported(CONTAINER_RESTART_POLICY, `${path}.restartPolicy`, c.restartPolicy, CONTAINER_RESTART_POLICIES);
  if (sidecar) {
    if (rules.length > 0) ctx.forbidden(CONTAINER_RESTART_POLICY, `${path}.restartPolicyRules`, 'restartPolicyRules are not allowed for init containers with restart policy Always');
    return;
  }
  if (rules.length > 20) ctx.report(CONTAINER_RESTART_POLICY, `${path}.restartPolicyRules`, `Too many: ${rules.length}: must have at most 20 items`);
  rules.forEach((raw, i) => {
    const r = map(raw);
    const rp = `${path}.restartPolicyRules[${i}]`;
    if (r.action !== 'Restart') ctx.notSupported(CONTAINER_RESTART_POLICY, `${rp}.action`, r.action ?? '', ['Restart']);
    if (r.exitCodes === undefined || r.exitCodes === null) return ctx.required(CONTAINER_RESTART_POLICY, `${rp}.exitCodes`, 'must be specified');
    const codes = map(r.exitCodes);
    if (!['In', 'NotIn'].includes(codes.operator)) ctx.notSupported(CONTAINER_RESTART_POLICY, `${rp}.exitCodes.operator`, codes.operator ?? '', ['In', 'NotIn']);
    if (list(codes.values).length > 255) ctx.report(CONTAINER_RESTART_POLICY, `${rp}.exitCodes.values`, `Too many: ${list(codes.values).length}: must have at most 255 items`);
  });
}

function checkImage(ctx: Ctx, image: unknown, path: string): void {
  if (image === undefined || image === null || image === '') return ctx.required(CONTAINER_IMAGE, path);
  if (typeof image !== 'string') return ctx.invalid(CONTAINER_IMAGE, path, image, 'must be a string');
  if (image.trim() !== image) return ctx.report(IMAGE_WHITESPACE, path, `${JSON.stringify(image)} must not have leading or trailing whitespace: every pod the DaemonSet creates is refused`);
  if (isMutableTag(image)) ctx.report(MUTABLE_IMAGE_TAG, path, `${JSON.stringify(image)} has a mutable tag; pin a version or digest`);
}

/** Tags that follow a branch or channel: a new build replaces them, alone or with a variant (`nightly-distroless-libc`). */
const BRANCH_TAG = /^(latest|main|master|canary|devel|edge|nightly)(-.*)?$/i;

/** `latest`, a branch tag (`main`, `nightly-debug`), or no tag, and no digest (a `:` in the registry host is a port, not a tag). */
export function isMutableTag(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return true;
  const tag = lastSegment.slice(colon + 1);
  return tag === 'latest' || BRANCH_TAG.test(tag);
}
