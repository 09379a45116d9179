import { App, Chart, Testing } from 'cdk8s';
import { buildExample } from '../../examples/synth';

/** Every manifest of a chart, synthesized (validations run). */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** Every manifest of every chart of an app, synthesized (validations run). */
export function synthApp(app: App): any[] {
  return app.charts.flatMap(c => c.toJson());
}

/** Every manifest of example `name`. */
export function synthExample(name: string): any[] {
  return synthApp(buildExample(name, Testing.app().outdir));
}

/** The first object of `kind` in `manifests`. */
export function byKind(manifests: any[], kind: string): any {
  const found = manifests.find(m => m.kind === kind);
  if (!found) throw new Error(`no ${kind} in ${manifests.map(m => m.kind).join(', ')}`);
  return found;
}

/** The pod spec of the first DaemonSet. */
export function podSpec(manifests: any[]): any {
  return byKind(manifests, 'DaemonSet').spec.template.spec;
}
