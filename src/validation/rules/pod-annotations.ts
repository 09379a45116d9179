import { Ctx, list, map, show } from './context';
import { RuleArea, SRC } from './rule';
import { lookupTable } from '../../internal/lookup';

/**
 * The pod template annotations kube-apiserver gives meaning to: the mirror-pod marker, the pod
 * deletion cost, and the legacy seccomp and AppArmor annotations (their values, the containers
 * they name, and their agreement with the securityContext fields that replaced them).
 */
export const POD_ANNOTATIONS_AREA = new RuleArea('pod template annotations', 'src/validation/rules/pod-annotations.ts');
export const TEMPLATE_ANNOTATIONS_POD = POD_ANNOTATIONS_AREA.error('template-annotations-pod', 'A pod-specific template annotation with a bad value: `controller.kubernetes.io/pod-deletion-cost` not an int32 (no `+`, no leading zero), `kubernetes.io/config.mirror` without spec.nodeName, a legacy seccomp profile other than runtime/default, docker/default, unconfined or a relative localhost/ path, a legacy AppArmor profile other than runtime/default, unconfined or localhost/…, or an AppArmor annotation naming no container of the pod.', 'Fix the annotation value, or drop the legacy annotation and use the securityContext field.', SRC.CORE);
export const SECURITY_ANNOTATION_FIELD_MISMATCH = POD_ANNOTATIONS_AREA.error('security-annotation-field-mismatch', 'A legacy seccomp or AppArmor annotation that names another profile than the securityContext field of the same pod or container (reported at the field).', 'Drop the deprecated annotation and keep the field.', SRC.CORE);

const R = TEMPLATE_ANNOTATIONS_POD;
/** The API server reports template annotations without `.metadata`; the seccomp ones as a child (`annotations.<key>`), the others as a key (`annotations[<key>]`). */
const PATH = 'spec.template.annotations';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const MIRROR = 'kubernetes.io/config.mirror';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const INT32 = /^(0|[1-9][0-9]*|-[0-9]+)$/;

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'];

/** The names of the pod's containers (regular, init, ephemeral). */
function containerNames(pod: any): Set<unknown> {
  return new Set(CONTAINER_FIELDS.flatMap(field => list(pod[field]).map(c => map(c).name)));
}

export function checkPodAnnotations(ctx: Ctx, annotations: { [k: string]: any }, pod: any, P: string): void {
  if (MIRROR in annotations && !pod.nodeName) ctx.invalid(R, `${PATH}[${MIRROR}]`, annotations[MIRROR], 'must set spec.nodeName if mirror pod annotation is set');
  const cost = annotations[DELETION_COST];
  if (cost !== undefined && !isInt32(String(cost))) ctx.invalid(R, `${PATH}[${DELETION_COST}]`, cost, 'must be a 32bit integer');
  // Read for an AppArmor annotation only: most pods have none.
  let names: Set<unknown> | undefined;
  for (const [k, value] of Object.entries(annotations)) {
    const v = String(value);
    if (k === SECCOMP_POD || k.startsWith(SECCOMP_CONTAINER)) ctx.check(R, `${PATH}.${k}`, v, seccompAnnotationProblem(v));
    if (k.startsWith(APPARMOR_CONTAINER)) {
      const name = k.slice(APPARMOR_CONTAINER.length);
      names ??= containerNames(pod);
      if (!names.has(name)) ctx.invalid(R, `${PATH}[${k}]`, name, 'container not found');
      if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) ctx.invalid(R, `${PATH}[${k}]`, v, `invalid AppArmor profile name: ${show(v, `${PATH}[${k}]`)}`);
    }
  }
  checkFieldsMatch(ctx, annotations, pod, P);
}

function isInt32(v: string): boolean {
  return INT32.test(v) && BigInt(v) >= BigInt(-2147483648) && BigInt(v) <= BigInt(2147483647);
}

function seccompAnnotationProblem(v: string): string | undefined {
  if (['runtime/default', 'docker/default', 'unconfined'].includes(v)) return undefined;
  if (!v.startsWith('localhost/')) return 'must be a valid seccomp profile';
  const rest = v.slice('localhost/'.length);
  if (rest.startsWith('/')) return 'must be a relative path';
  return rest.split('/').includes('..') ? "must not contain '..'" : undefined;
}

/** How a legacy annotation value names each profile type. */
const ANNOTATION_FOR: { [type: string]: (v: string) => boolean } = lookupTable({
  Unconfined: v => v === 'unconfined',
  RuntimeDefault: v => v === 'runtime/default',
});

/**
 * A field and the legacy annotation for the same pod or container must name one profile: the type
 * (Localhost needs a `localhost/` value) and, for Localhost, the same profile path.
 */
function mismatch(ctx: Ctx, kind: string, annotation: string, profile: any, path: string, seccomp: boolean): void {
  const type = profile.type;
  const sameType = type === 'Localhost' ? annotation.startsWith('localhost/')
    : type === 'RuntimeDefault' && seccomp ? annotation === 'runtime/default' || annotation === 'docker/default'
      : ANNOTATION_FOR[type] === undefined || ANNOTATION_FOR[type](annotation);
  if (!sameType) return ctx.forbidden(SECURITY_ANNOTATION_FIELD_MISMATCH, `${path}.type`, `${kind} type in annotation and field must match`);
  if (type === 'Localhost' && annotation.slice('localhost/'.length) !== profile.localhostProfile) {
    ctx.forbidden(SECURITY_ANNOTATION_FIELD_MISMATCH, `${path}.localhostProfile`, `${kind} profile in annotation and field must match`);
  }
}

function checkFieldsMatch(ctx: Ctx, annotations: { [k: string]: any }, pod: any, P: string): void {
  const podSc = map(pod.securityContext);
  if (podSc.seccompProfile && annotations[SECCOMP_POD] !== undefined) {
    mismatch(ctx, 'seccomp', String(annotations[SECCOMP_POD]), map(podSc.seccompProfile), `${P}.securityContext.seccompProfile`, true);
  }
  // Windows pods skip the AppArmor comparison.
  const windows = map(pod.os).name === 'windows';
  for (const field of CONTAINER_FIELDS) {
    list(pod[field]).forEach((raw, i) => {
      const c = map(raw);
      const sc = map(c.securityContext);
      const seccomp = annotations[SECCOMP_CONTAINER + c.name];
      if (sc.seccompProfile && seccomp !== undefined) mismatch(ctx, 'seccomp', String(seccomp), map(sc.seccompProfile), `${P}.${field}[${i}].securityContext.seccompProfile`, true);
      const apparmor = annotations[APPARMOR_CONTAINER + c.name];
      const profile = sc.appArmorProfile ?? podSc.appArmorProfile;
      if (!windows && profile && apparmor !== undefined) mismatch(ctx, 'apparmor', String(apparmor), map(profile), `${P}.${field}[${i}].securityContext.appArmorProfile`, false);
    });
  }
}
