package smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.cdk8sdaemonsets.ContainerRuntime;
import io.github.cdk8sdaemonsets.DaemonNamespace;
import io.github.cdk8sdaemonsets.DaemonResourceValues;
import io.github.cdk8sdaemonsets.DaemonResources;
import io.github.cdk8sdaemonsets.DaemonSetRollingUpdateOptions;
import io.github.cdk8sdaemonsets.DaemonSetUpdateStrategy;
import io.github.cdk8sdaemonsets.LogCollectorDaemonSet;
import io.github.cdk8sdaemonsets.LogOutput;
import io.github.cdk8sdaemonsets.LokiOutputOptions;
import io.github.cdk8sdaemonsets.NodeExporterDaemonSet;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Size;
import org.cdk8s.plus27.PercentOrAbsolute;

/**
 * The packaging smoke app in Java: the same tree as ../smoke-app.ts, written as YAML to the file
 * named by the first argument (Maven's own output shares stdout).
 */
public final class Smoke {
    public static void main(final String[] args) throws IOException {
        App app = new App();
        Chart chart = new Chart(app, "smoke", ChartProps.builder().namespace("monitoring").build());
        NodeExporterDaemonSet exporter = NodeExporterDaemonSet.Builder.create(chart, "node-exporter")
                .resources(DaemonResources.of(DaemonResourceValues.builder()
                        .cpuRequestMillicores(50)
                        .memoryRequest(Size.mebibytes(32))
                        .memoryLimit(Size.mebibytes(64))
                        .build()))
                .build();
        LogCollectorDaemonSet logs = LogCollectorDaemonSet.Builder.create(chart, "fluent-bit")
                .containerRuntime(ContainerRuntime.CONTAINERD)
                .outputs(List.of(LogOutput.loki(LokiOutputOptions.builder()
                        .host("loki.monitoring.svc.cluster.local")
                        .port(3100)
                        .labels(Map.of("cluster", "smoke"))
                        .build())))
                .updateStrategy(DaemonSetUpdateStrategy.rollingUpdate(DaemonSetRollingUpdateOptions.builder()
                        .maxUnavailable(PercentOrAbsolute.percent(10))
                        .build()))
                .build();
        DaemonNamespace.Builder.create(chart, "namespace")
                .name("monitoring")
                .daemons(List.of(exporter, logs))
                .build();
        Files.writeString(Path.of(args[0]), app.synthYaml(), StandardCharsets.UTF_8);
    }
}
