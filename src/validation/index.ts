export * from './finding';
export * from './daemon-set-validator';
export { SUPPRESS_RULES_CONTEXT, WARNINGS_AS_ERRORS_CONTEXT } from './synth-hook';
