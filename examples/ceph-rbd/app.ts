import { App, Chart } from 'cdk8s';
import { CephCsiDriver, CephCsiNodeDaemonSet } from '../../src';

/** The ceph-csi RBD node plugin for one external Ceph cluster. */
export function build(app: App): void {
  const chart = new Chart(app, 'ceph-rbd', { namespace: 'ceph-csi-rbd' });
  new CephCsiNodeDaemonSet(chart, 'rbd', {
    metadata: { name: 'csi-rbdplugin' },
    driver: CephCsiDriver.RBD,
    clusters: [{
      // The Ceph fsid (`ceph fsid`) and monitors (`ceph mon dump`) of your cluster.
      clusterId: 'b9127830-b0cc-4e34-aa47-9d1a2e9949a8',
      monitors: ['192.0.2.11:6789', '192.0.2.12:6789', '192.0.2.13:6789'],
    }],
  });
}
