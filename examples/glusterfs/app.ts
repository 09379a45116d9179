import { App, Chart } from 'cdk8s';
import { GlusterfsDaemonSet } from '../../src';

/** glusterd on every node labelled `storagenode=glusterfs`, ready for heketi (gluster-kubernetes layout). */
export function build(app: App): void {
  const chart = new Chart(app, 'glusterfs', { namespace: 'glusterfs' });
  new GlusterfsDaemonSet(chart, 'glusterfs', { metadata: { name: 'glusterfs' } });
}
