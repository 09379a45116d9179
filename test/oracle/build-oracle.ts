/**
 * `npm run oracle:build` (the first step of `npm test`): builds the Go test tools, the Kubernetes
 * oracle and the Prometheus oracle, into their caches (or finds them there) before the tests
 * run, which only look them up; says how long each took. Exits 0 without Go, after saying that
 * their tests will be skipped; non-zero when a build fails.
 */
import { KUBERNETES_ORACLE } from './oracle';
import { buildGoTool } from '../helpers/go-tool';
import { PROMETHEUS_ORACLE } from '../monitoring/prometheus-oracle';

for (const tool of [KUBERNETES_ORACLE, PROMETHEUS_ORACLE]) {
  const started = Date.now();
  const binary = buildGoTool(tool);
  process.stdout.write(binary
    ? `[oracle] ${tool.title}: ${binary} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
    : `[oracle] ${tool.title} not built: Go is not installed (no \`go\` on PATH); its tests will be skipped\n`);
}
