export * from './engine';
export * from './inputs';
export * from './output';
export * from './props';
export * from './log-collector';
