export * from './finding';
export * from './daemon-set-validator';
export { KUBERNETES_VERSION_CONTEXT, SUPPRESS_RULES_CONTEXT, WARNINGS_AS_ERRORS_CONTEXT } from './synth-hook';
