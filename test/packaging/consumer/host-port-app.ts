/**
 * The app of issue 8's "done when": one DaemonSet written as a raw `ApiObject`, not with this
 * library, on the host network, with the README's `cdk8s.yaml` snippet naming the validation
 * plugin. .ci/packaging copies it as `main.ts` into a fresh app that installs the packed tarball
 * and runs `cdk8s synth --validate` twice: as written, kube-apiserver would refuse the DaemonSet
 * (under hostNetwork a hostPort must equal its containerPort, 9100), so the plugin must fail synth
 * naming `host-network-host-port`; then the script fixes `HOST_PORT` to 9100 and synth must pass.
 */
import { ApiObject, App, Chart } from 'cdk8s';

const HOST_PORT = 9101;
const labels = { 'app.kubernetes.io/name': 'agent' };

const app = new App();
const chart = new Chart(app, 'agents', { namespace: 'agents' });
new ApiObject(chart, 'agent', {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        hostNetwork: true,
        containers: [{
          name: 'agent',
          image: 'registry.example.com/agent:1.0.0',
          ports: [{ name: 'metrics', containerPort: 9100, hostPort: HOST_PORT }],
        }],
      },
    },
  },
});
app.synth();
