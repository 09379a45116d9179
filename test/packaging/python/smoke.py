"""The packaging smoke app in Python: the same tree as ../smoke-app.ts, printed as YAML."""
import sys

import cdk8s_plus_27 as kplus
from cdk8s import App, Chart, Size
from cdk8s_daemonsets import (
    ContainerRuntime, DaemonNamespace, DaemonResources, DaemonSetUpdateStrategy, LogCollectorDaemonSet, LogOutput,
    NodeExporterDaemonSet,
)

app = App()
chart = Chart(app, "smoke", namespace="monitoring")
exporter = NodeExporterDaemonSet(
    chart, "node-exporter",
    resources=DaemonResources.of(cpu_request_millicores=50, memory_request=Size.mebibytes(32), memory_limit=Size.mebibytes(64)),
)
logs = LogCollectorDaemonSet(
    chart, "fluent-bit",
    container_runtime=ContainerRuntime.CONTAINERD,
    outputs=[LogOutput.loki(host="loki.monitoring.svc.cluster.local", port=3100, labels={"cluster": "smoke"})],
    update_strategy=DaemonSetUpdateStrategy.rolling_update(max_unavailable=kplus.PercentOrAbsolute.percent(10)),
)
DaemonNamespace(chart, "namespace", name="monitoring", daemons=[exporter, logs])
sys.stdout.write(app.synth_yaml())
