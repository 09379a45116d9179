import { App, Chart } from 'cdk8s';
import { CephCsiDriver, CephCsiNodeDaemonSet, KubeletDirectory } from '../../src';

/** The ceph-csi CephFS node plugin on MicroK8s, whose kubelet lives under /var/snap. */
export function build(app: App): void {
  const chart = new Chart(app, 'cephfs', { namespace: 'ceph-csi-cephfs' });
  new CephCsiNodeDaemonSet(chart, 'cephfs', {
    metadata: { name: 'csi-cephfsplugin' },
    driver: CephCsiDriver.CEPHFS,
    kubeletDir: KubeletDirectory.MICROK8S,
    clusters: [{
      clusterId: 'b9127830-b0cc-4e34-aa47-9d1a2e9949a8',
      monitors: ['192.0.2.11:3300', '192.0.2.12:3300', '192.0.2.13:3300'],
      cephFsSubvolumeGroup: 'csi',
    }],
  });
}
