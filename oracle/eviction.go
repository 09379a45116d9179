package main

import (
	v1 "k8s.io/api/core/v1"
	"k8s.io/klog/v2"
	api "k8s.io/kubernetes/pkg/apis/core"
	apiv1 "k8s.io/kubernetes/pkg/apis/core/v1"
	v1helper "k8s.io/kubernetes/pkg/apis/core/v1/helper"
	daemonutil "k8s.io/kubernetes/pkg/controller/daemon/util"
)

// nodeProblemTaints are the NoExecute taints the node lifecycle controller puts on a node that
// stops reporting, which the DaemonSet controller's own tolerations exist to survive.
var nodeProblemTaints = []v1.Taint{
	{Key: v1.TaintNodeNotReady, Effect: v1.TaintEffectNoExecute},
	{Key: v1.TaintNodeUnreachable, Effect: v1.TaintEffectNoExecute},
}

// daemonPodEviction answers, for each node-problem taint, after how many seconds the taint
// manager evicts a pod the DaemonSet controller made from this template: the controller adds its
// tolerations (AddOrUpdateDaemonPodTolerations, pkg/controller/daemon/util), the taint manager
// takes the first toleration that matches each taint (GetMatchingTolerations) and evicts after
// the smallest tolerationSeconds among them (getMinTolerationTime, pkg/controller/tainteviction,
// unexported: for one taint, that toleration's seconds, 0 when not positive, never when unset).
// nil means never; a missing key means at once (no toleration matches).
func daemonPodEviction(template *api.PodSpec) (map[string]*int64, error) {
	var spec v1.PodSpec
	if err := apiv1.Convert_core_PodSpec_To_v1_PodSpec(template, &spec, nil); err != nil {
		return nil, err
	}
	daemonutil.AddOrUpdateDaemonPodTolerations(&spec)
	eviction := map[string]*int64{}
	for _, taint := range nodeProblemTaints {
		tolerated, used := v1helper.GetMatchingTolerations(klog.Background(), []v1.Taint{taint}, spec.Tolerations)
		if !tolerated {
			continue
		}
		var seconds *int64
		if s := used[0].TolerationSeconds; s != nil {
			at := max(*s, 0)
			seconds = &at
		}
		eviction[taint.Key] = seconds
	}
	return eviction, nil
}
