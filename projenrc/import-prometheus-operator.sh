#!/usr/bin/env bash
# `npm run import:prometheus-operator`: regenerates src/imports/ (see src/imports/README.md).
#
# 1. The CRDs of ServiceMonitor, PodMonitor and PrometheusRule, generated the way the Prometheus
#    Operator generates its own (`make generate-crds`: controller-gen `crd:crdVersions=v1` over
#    `pkg/apis/monitoring/v1`), from its API module at the pinned release, fetched through the Go
#    module proxy. The operator's release files add only the `operator.prometheus.io/version`
#    annotation, added here too.
# 2. `cdk8s import` of those CRDs: the typed L1 classes in src/imports/monitoring.coreos.com.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

OPERATOR_VERSION=v0.95.2
# The controller-gen release the operator's scripts/go.mod pinned at v0.93.0; the three CRDs come
# out byte-identical with v0.23.0 too (checked when the pin was chosen).
CONTROLLER_TOOLS_VERSION=v0.21.0
CDK8S_CLI_VERSION=2.207.60
KINDS=(servicemonitors podmonitors prometheusrules)

module=github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring
dir=$(go mod download -json "${module}@${OPERATOR_VERSION}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$dir"/. "$work/module"
chmod -R u+w "$work/module"
(cd "$work/module" && go mod download \
  && go run "sigs.k8s.io/controller-tools/cmd/controller-gen@${CONTROLLER_TOOLS_VERSION}" \
    crd:crdVersions=v1 paths=./v1/. "output:crd:dir=$work/crds")

rm -f src/imports/crds/*.yaml
for kind in "${KINDS[@]}"; do
  file="monitoring.coreos.com_${kind}.yaml"
  sed "/^    controller-gen.kubebuilder.io.version.*/a\\    operator.prometheus.io/version: ${OPERATOR_VERSION#v}" \
    "$work/crds/$file" > "src/imports/crds/$file"
  cat "src/imports/crds/$file"
done > "$work/import.yaml"

npx --yes "cdk8s-cli@${CDK8S_CLI_VERSION}" import "$work/import.yaml" \
  --language typescript --output src/imports --no-save --no-check-upgrade
