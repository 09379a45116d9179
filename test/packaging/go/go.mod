// The packaging smoke app, a module of its own. The modules below come from local folders (see
// .ci/packaging): this package is not published, and the Go proxy here serves no cdk8s modules.
module cdk8s-daemonsets.example/smoke

go 1.25

require (
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-daemonsets/cdk8s-daemonsets-go/cdk8sdaemonsets v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.106
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 v2.9.5
)
