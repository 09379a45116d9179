// The packaging smoke app in Go: the same tree as ../smoke-app.ts, printed as YAML.
// .ci/packaging copies this module to a temporary folder and points it at the local Go modules
// jsii-pacmak made (replace directives), then compares the output with the TypeScript app's.
package main

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-daemonsets/cdk8s-daemonsets-go/cdk8sdaemonsets"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

func main() {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("smoke"), &cdk8s.ChartProps{Namespace: jsii.String("monitoring")})
	exporter := cdk8sdaemonsets.NewNodeExporterDaemonSet(chart, jsii.String("node-exporter"), &cdk8sdaemonsets.NodeExporterDaemonSetProps{
		Resources: cdk8sdaemonsets.DaemonResources_Of(&cdk8sdaemonsets.DaemonResourceValues{
			CpuRequestMillicores: jsii.Number(50),
			MemoryRequest:        cdk8s.Size_Mebibytes(jsii.Number(32)),
			MemoryLimit:          cdk8s.Size_Mebibytes(jsii.Number(64)),
		}),
	})
	logs := cdk8sdaemonsets.NewLogCollectorDaemonSet(chart, jsii.String("fluent-bit"), &cdk8sdaemonsets.LogCollectorDaemonSetProps{
		ContainerRuntime: cdk8sdaemonsets.ContainerRuntime_CONTAINERD(),
		Outputs: &[]cdk8sdaemonsets.LogOutput{cdk8sdaemonsets.LogOutput_Loki(&cdk8sdaemonsets.LokiOutputOptions{
			Host:   jsii.String("loki.monitoring.svc.cluster.local"),
			Port:   jsii.Number(3100),
			Labels: &map[string]*string{"cluster": jsii.String("smoke")},
		})},
		UpdateStrategy: cdk8sdaemonsets.DaemonSetUpdateStrategy_RollingUpdate(&cdk8sdaemonsets.DaemonSetRollingUpdateOptions{
			MaxUnavailable: cdk8splus27.PercentOrAbsolute_Percent(jsii.Number(10)),
		}),
	})
	cdk8sdaemonsets.NewDaemonNamespace(chart, jsii.String("namespace"), &cdk8sdaemonsets.DaemonNamespaceProps{
		Name:    jsii.String("monitoring"),
		Daemons: &[]cdk8sdaemonsets.NodeDaemonSet{exporter, logs},
	})
	fmt.Print(*app.SynthYaml())
}
