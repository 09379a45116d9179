/**
 * The validation module's entry point for constructs: the rules and pure checks that construct
 * props share with the validator, the synth hook, and how findings are shown. Everything outside
 * `src/validation` imports from here or from `./engine`, never from `rules/*`.
 *
 * It loads only the rule modules whose handles and checks the constructs use. The engine (the
 * validator with every rule's manifest checks, the registry, the kubectl-compatible YAML reader,
 * the cdk8s-cli plugin) is `./engine`: what reads or validates manifests imports it, and the synth
 * hook loads it at the first validation, so `require('cdk8s-daemonsets')` does not (`npm run bench`,
 * module load).
 */
// The public API (re-exported by the package's index; the validator and the plugin are in `./engine`).
export * from './finding';
export { KUBERNETES_VERSION_CONTEXT, SUPPRESS_RULES_CONTEXT, WARNINGS_AS_ERRORS_CONTEXT } from './synth-hook';

// Library-internal.
export { formatFinding, formatProblem } from './format';
export { DEFAULT_KUBERNETES_VERSION, kubernetesRelease, parseKubernetesVersion } from './kubernetes-version';
export { addSynthCheck, addSynthValidation, silenceableWarningProblem } from './synth-hook';
export {
  bidirectionalMountsCheck, daemonNamespaceCheck, metadataGrantsCheck, stableSelectorCheck,
} from './rules/constructs';
export { invalidMessage, list, map, resourceName, show } from './rules/context';
// What every error, finding and CLI line shows of a value: never a credential.
export { redactText, shownValue } from '../internal/redact';
export { parseQuantity } from './rules/quantity';
export { PROP_TYPE, PROP_VALUE } from './rules/props';
export { Rule, Violation } from './rules/rule';

// The rules and pure checks that construct props share with the validator: one implementation per rule.
export * from './names';
export { CONTAINER_IMAGE, CONTAINER_NAME, CONTAINER_NAME_DUPLICATE, WRITABLE_ROOT_FILESYSTEM } from './rules/containers';
export { ENV_NAME } from './rules/env';
export { METADATA_ANNOTATIONS, METADATA_LABELS, METADATA_NAME, METADATA_NAMESPACE } from './rules/metadata';
export {
  CONTAINER_PORT, DUPLICATE_CONTAINER_PORT, HOST_NETWORK_HOST_PORT, HOST_PORT_CONFLICT, HOST_PORT_DUPLICATE, HOST_PORT_RANGE, hostNetworkPortProblem,
  PORT_NAME, PORT_NAME_DUPLICATE, portNumberProblem,
} from './rules/ports';
export { FRACTIONAL_BYTES, MEMORY_LIMIT_MISSING, quantityViolation } from './rules/resources';
export { NODE_AFFINITY, NODE_SELECTOR, POD_NAMES, PRIORITY_CLASS_MISSING, TOLERATION_EFFECT, TOLERATION_KEY, TOLERATION_OPERATOR } from './rules/scheduling';
export { idProblem, PRIVILEGE_ESCALATION_CONFLICT, SECURITY_CONTEXT_IDS } from './rules/security-context';
export { intOrPercentViolation, ROLLING_UPDATE_BOTH_ZERO, ROLLING_UPDATE_SURGE_AND_UNAVAILABLE, SURGE_WITH_HOST_PORT } from './rules/selector';
export { int32Violation, yamlParseFinding } from './rules/types';
export { HOST_PATH, MOUNT_PROPAGATION, RELATIVE_MOUNT_PATH, VOLUME_MOUNT_PATH, VOLUME_NAME, VOLUME_NAME_DUPLICATE } from './rules/volumes';
export { READINESS_PROBE_MISSING } from './rules/probes';
export { DNS_CONFIG, DNS_POLICY } from './rules/dns';
export { HOST_NAMESPACES_USER_NAMESPACES } from './rules/host';
