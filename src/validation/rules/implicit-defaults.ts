/**
 * cdk8s-plus's implicit container defaults (issue 14). Kept in its own module so it can move
 * with the rest of the rules when they become typed constants.
 *
 * `kplus.DaemonSet.addContainer()` (the escape hatch around `addSidecar()`) gives a container
 * without `resources` a 1000m CPU / 512Mi memory request and a 1500m / 2048Mi limit: on a
 * DaemonSet that reserves a whole CPU and half a GiB on every node, for a container that
 * rarely needs either. Only that exact combination is reported, so a container whose
 * resources someone chose is never flagged.
 */
import { RuleDef, SRC, warning } from './catalogue';
import { Ctx, list, map } from './context';
import { parseQuantity, Quantity } from './quantity';

const RULE = 'cdk8s-plus-implicit-resources';

export const IMPLICIT_DEFAULT_RULES: RuleDef[] = [
  warning('resources', RULE,
    'A container with exactly cdk8s-plus\'s implicit resources (requests cpu 1000m, memory 512Mi; limits cpu 1500m, memory 2048Mi): '
    + 'what `kplus` gives a container added without `resources`, reserving a whole CPU and half a GiB on every node.',
    'Add the container with `addSidecar()` or the `sidecars` prop (the library\'s defaults: no implicit resources, IfNotPresent, hardened), or give it `resources` of its own.',
    SRC.RESOURCES),
];

/** cdk8s-plus-27's `Container` defaults, parsed once: [list, resource, nano-units]. */
const IMPLICIT: Array<[list: 'requests' | 'limits', resource: string, nano: bigint]> = ([
  ['requests', 'cpu', '1000m'],
  ['requests', 'memory', '512Mi'],
  ['limits', 'cpu', '1500m'],
  ['limits', 'memory', '2048Mi'],
] as const).map(([kind, resource, q]) => [kind, resource, (parseQuantity(q) as Quantity).nano]);

function isQuantity(raw: unknown, nano: bigint): boolean {
  const q = raw === undefined ? undefined : parseQuantity(raw);
  return typeof q === 'object' && q.nano === nano;
}

/** Reports every container and init container whose resources are exactly cdk8s-plus's implicit ones. */
export function checkImplicitDefaults(ctx: Ctx, pod: any, path: string): void {
  for (const field of ['containers', 'initContainers']) {
    list(pod[field]).forEach((raw, i) => {
      const resources = map(map(raw).resources);
      const exact = IMPLICIT.every(([kind, name, nano]) => isQuantity(map(resources[kind])[name], nano))
        && Object.keys(map(resources.requests)).length === 2 && Object.keys(map(resources.limits)).length === 2;
      if (exact) {
        ctx.report(RULE, `${path}.${field}[${i}].resources`,
          `container ${JSON.stringify(map(raw).name)} has cdk8s-plus's implicit 1000m/512Mi requests and 1500m/2048Mi limits, on every node`);
      }
    });
  }
}
