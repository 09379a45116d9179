export * from './finding';
export * from './daemon-set-validator';
export { WARNINGS_AS_ERRORS_CONTEXT } from './synth-hook';
