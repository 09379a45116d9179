/**
 * The validation module's entry point: everything outside `src/validation` (constructs, presets,
 * the CLI, the cdk8s-cli plugin) imports from here, never from `rules/*`.
 */
// The public API (re-exported by the package's index).
export * from './finding';
export { DaemonSetValidator } from './daemon-set-validator';
export { SUPPRESS_RULES_CONTEXT, WARNINGS_AS_ERRORS_CONTEXT } from './synth-hook';

// Library-internal.
export { documentValue, validateInputs, ValidationInput } from './daemon-set-validator';
export { formatFinding, formatProblem } from './format';
export { invalidMessage, resourceName } from './rules/context';
export { PROP_TYPE, PROP_VALUE } from './rules/props';
export { Rule } from './rules/rule';
export { yamlParseFinding } from './rules/types';
export { acceptsNewName, nodeExporterVersion, RENAMED_FLAGS, versionText } from './rules/lint';
export { REMOVED_DAEMONSET_VERSIONS } from './rules/metadata';
export { yamlModule } from './yaml';
