import { ValidationFinding, ValidationOptions } from '../finding';
import { RuleDef } from './catalogue';
import { KubernetesRelease, kubernetesRelease } from '../kubernetes-version';

/**
 * Collects the findings of one object. Severity comes from the rule catalogue, so a rule
 * module only names the rule; host-access warnings vanish when the caller opted in.
 */
export class Ctx {
  public readonly findings: ValidationFinding[] = [];
  private target?: KubernetesRelease;

  constructor(
    private readonly rules: ReadonlyMap<string, RuleDef>,
    public readonly resource: string,
    private readonly options: ValidationOptions,
  ) {}

  /** The release checked against (`ValidationOptions.kubernetesVersion`); throws on an unsupported one. */
  public get release(): KubernetesRelease {
    this.target ??= kubernetesRelease(this.options.kubernetesVersion);
    return this.target;
  }

  /** Reports `message` at `path` under `rule` (message already in the API server's words). */
  public report(rule: string, path: string, message: string): void {
    const def = this.rules.get(rule);
    if (!def) throw new Error(`unknown validation rule ${rule}`);
    if (def.hostAccess && this.options.hostAccessOptedIn) return;
    this.findings.push({ severity: def.severity, rule, path, message, resource: this.resource, fix: def.fix });
  }

  public required(rule: string, path: string, detail = ''): void {
    this.report(rule, path, `Required value${detail ? ': ' + detail : ''}`);
  }

  public invalid(rule: string, path: string, value: unknown, detail: string): void {
    this.report(rule, path, `Invalid value: ${show(value)}: ${detail}`);
  }

  public notSupported(rule: string, path: string, value: unknown, supported: readonly string[]): void {
    this.report(rule, path, `Unsupported value: ${show(value)}: supported values: ${supported.map(s => `"${s}"`).join(', ')}`);
  }

  public forbidden(rule: string, path: string, detail: string): void {
    this.report(rule, path, `Forbidden: ${detail}`);
  }

  public duplicate(rule: string, path: string, value: unknown): void {
    this.report(rule, path, `Duplicate value: ${show(value)}`);
  }

  public notFound(rule: string, path: string, value: unknown): void {
    this.report(rule, path, `Not found: ${show(value)}`);
  }

  /** Runs a name check from names.ts and reports Invalid when it fails. */
  public check(rule: string, path: string, value: unknown, reason: string | undefined): void {
    if (reason !== undefined) this.invalid(rule, path, value, reason);
  }
}

/** The bad value as the API server prints it: strings quoted, objects as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Iterates a list field defensively: anything that is not an array yields nothing. */
export function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** A map field, or an empty map when the field is absent or not an object. */
export function map(value: unknown): { [k: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as any : {};
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Reports a decode error (the server answers 400 with no path) at the path the library can name. */
export function checkInt32(ctx: Ctx, path: string, value: unknown, min = -2147483648): boolean {
  if (value === undefined || value === null) return false;
  if (!isInt(value) || value > 2147483647 || value < -2147483648) {
    ctx.invalid('int32-field', path, value, 'must be a 32-bit integer (the API server refuses to decode anything else)');
    return false;
  }
  if (value < min) {
    ctx.invalid(min === 0 ? 'non-negative-field' : 'int32-field', path, value, `must be greater than or equal to ${min}`);
    return false;
  }
  return true;
}

/** How findings name their object: `Kind namespace/name`, or `Kind name` without a namespace. */
export function resourceName(manifest: any): string {
  const isObject = manifest !== null && typeof manifest === 'object';
  const md = isObject ? map(manifest.metadata) : {};
  const kind = isObject && typeof manifest.kind === 'string' ? manifest.kind : 'Object';
  return `${kind} ${md.namespace ? md.namespace + '/' : ''}${md.name ?? md.generateName ?? ''}`.trim();
}
