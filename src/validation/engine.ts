/**
 * The validation engine's entry point: the validator with every rule's manifest checks, the
 * kubectl-compatible YAML reader and the cdk8s-cli plugin. What reads or validates manifests (the
 * CLI, NodeCoverage, the package's public `DaemonSetValidator`) imports from here; constructs
 * import from `./index`, and the synth hook loads the engine at the first validation.
 */
export * from './index';
// The public API (re-exported by the package's index).
export { DaemonSetValidator } from './daemon-set-validator';
export {
  DaemonSetValidationPlugin, DaemonSetValidationPluginProps, IValidationPluginContext, IValidationPluginReport,
  ValidationPluginViolatingResource, ValidationPluginViolation,
} from './validation-plugin';

// Library-internal.
export { refusalFinding, validateInputs } from './daemon-set-validator';
export { ParsedDocument, ParsedDocumentNode, readDocumentNodes, readDocuments, SourceFile } from './documents';
export { isList } from './kubectl-reading';
export { apiStatus, DEPRECATED_KEYS, deprecatedKey, RemovedApi, resolve } from './removed-apis';
// The lint's tables (node_exporter's renamed flags, the CSI Secrets grant): the presets that share them load the engine with them.
export { acceptsNewName, NODE_EXPORTER_DEPRECATED_FLAG, nodeExporterVersion, oldNameFor, RBAC_SECRETS, RENAMED_FLAGS, versionText } from './rules/lint';
