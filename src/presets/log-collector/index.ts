export * from './engine';
export * from './inputs';
export * from './output';
export * from './props';
export * from './log-collector';
export * from './fluent-bit/options';
export * from './fluent-bit/filter';
export { FluentBitForwardInputOptions, FluentBitInput, FluentBitInputOptions, FluentBitSyslogInputOptions } from './fluent-bit/input';
export { FluentBitFilterOptions } from './fluent-bit/filters/plugin';
export { FluentBitGrepLogicalOp, FluentBitGrepRule, GrepFilterOptions } from './fluent-bit/filters/grep';
export { FluentBitModifyCondition, ModifyFilterOptions } from './fluent-bit/filters/modify';
export { RecordModifierFilterOptions } from './fluent-bit/filters/record-modifier';
export { LiftFilterOptions, NestFilterOptions } from './fluent-bit/filters/nest';
export {
  FluentBitCustomMultilineParserOptions, FluentBitMultilineParser, FluentBitMultilineRule, MultilineFilterOptions,
} from './fluent-bit/filters/multiline';
export { ThrottleFilterOptions } from './fluent-bit/filters/throttle';
export { FluentBitLuaScript, LuaFilterOptions } from './fluent-bit/filters/lua';
