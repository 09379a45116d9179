import { shownValue } from '../../internal/redact';
import { ValidationFinding, ValidationFindingDetail, ValidationOptions } from '../finding';
import { KubernetesRelease, kubernetesRelease } from '../kubernetes-version';
import { Rule, Violation } from './rule';

export { PathParts, pathOf } from '../../internal/paths';

/**
 * Collects the findings of one object. A check reports through the rule value it breaks
 * (`ctx.invalid(PORT_NAME, path, value, detail)`): severity and fix come from the rule, and
 * host-access warnings vanish when the caller opted in. The message forms are those of
 * Kubernetes' `field.Error` (`Invalid value: "x": detail`, `Required value`, ...).
 */
export class Ctx {
  public readonly findings: ValidationFinding[] = [];
  /** Host access the object uses, one detail per field, summed up in one `host-access` finding (`reportHostAccess`). */
  public readonly hostAccess: ValidationFindingDetail[] = [];
  private target?: KubernetesRelease;

  /**
   * @param resource how findings name the object (`DaemonSet monitoring/agent`)
   * @param options the caller's host-access opt-in and Kubernetes release (suppressions are applied to the findings later)
   */
  constructor(public readonly resource: string, private readonly options: ValidationOptions) {}

  /** The release checked against (`ValidationOptions.kubernetesVersion`); throws on an unsupported one. */
  public get release(): KubernetesRelease {
    this.target ??= kubernetesRelease(this.options.kubernetesVersion);
    return this.target;
  }

  /** Reports `message` at `path` under `rule` (message already in the API server's words). */
  public report(rule: Rule, path: string, message: string, details?: ValidationFindingDetail[]): void {
    if (rule.hostAccess && this.options.hostAccessOptedIn) return;
    const finding: ValidationFinding = { severity: rule.severity, rule: rule.id, path, message, resource: this.resource, fix: rule.fix };
    this.findings.push(details ? { ...finding, details } : finding);
  }

  /** Records a host-access field (`rule` names its concern) for the object's one `host-access` finding. */
  public hostDetail(rule: Rule, path: string, message: string): void {
    if (this.options.hostAccessOptedIn) return;
    this.hostAccess.push({ rule: rule.id, path, message });
  }

  public required(rule: Rule, path: string, detail = ''): void {
    this.report(rule, path, requiredMessage(detail));
  }

  public invalid(rule: Rule, path: string, value: unknown, detail: string): void {
    this.report(rule, path, invalidMessage(value, detail, path));
  }

  public notSupported(rule: Rule, path: string, value: unknown, supported: readonly string[]): void {
    this.report(rule, path, `Unsupported value: ${show(value, path)}: supported values: ${supported.map(s => `"${s}"`).join(', ')}`);
  }

  public forbidden(rule: Rule, path: string, detail: string): void {
    this.report(rule, path, `Forbidden: ${detail}`);
  }

  public duplicate(rule: Rule, path: string, value: unknown): void {
    this.report(rule, path, `Duplicate value: ${show(value, path)}`);
  }

  public notFound(rule: Rule, path: string, value: unknown): void {
    this.report(rule, path, `Not found: ${show(value, path)}`);
  }

  /** Reports a pure check's violation (`int32Violation`, `quantityViolation`), if any, as Invalid. */
  public violation(path: string, value: unknown, v: Violation | undefined): void {
    if (v !== undefined) this.invalid(v.rule, path, value, v.reason);
  }

  /** Runs a pure check (names.ts, `portNumberProblem`, ...) result: reports Invalid when it gave a reason. */
  public check(rule: Rule, path: string, value: unknown, reason: string | undefined): void {
    if (reason !== undefined) this.invalid(rule, path, value, reason);
  }
}

/** `field.Invalid`'s message: the bad value as the API server prints it (a credential masked: see `show`), then why. */
export function invalidMessage(value: unknown, detail: string, path = ''): string {
  return `Invalid value: ${show(value, path)}: ${detail}`;
}

/** `field.Required`'s message. */
export function requiredMessage(detail = ''): string {
  return `Required value${detail ? ': ' + detail : ''}`;
}

/**
 * The bad value as the API server prints it: strings quoted, objects as JSON; a credential (by
 * the name at the end of `path`, or an env or header value) masked with its length, inline
 * credentials (`?token=`, `user:password@`) masked in any other text.
 */
export function show(value: unknown, path = ''): string {
  return shownValue(value, path);
}

/** Iterates a list field defensively: anything that is not an array yields nothing. */
export function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/**
 * One empty map for every absent field: the rules read most fields through `map`, and most are
 * absent. Frozen, since every caller only reads it.
 */
const NO_FIELDS: { readonly [k: string]: any } = Object.freeze({});

/** A map field, or an empty map when the field is absent or not an object. */
export function map(value: unknown): { [k: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as any : NO_FIELDS;
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** How findings name their object: `Kind namespace/name`, or `Kind name` without a namespace. */
export function resourceName(manifest: any): string {
  const isObject = manifest !== null && typeof manifest === 'object';
  const md = isObject ? map(manifest.metadata) : {};
  const kind = isObject && typeof manifest.kind === 'string' ? manifest.kind : 'Object';
  return `${kind} ${md.namespace ? md.namespace + '/' : ''}${md.name ?? md.generateName ?? ''}`.trim();
}
