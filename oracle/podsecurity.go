package main

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

// podSecurityAnswer is the Pod Security Standards level of a pod template at one policy
// version: the lowest of restricted, baseline and privileged that it passes, with the checks that
// fail at the stricter levels (the reason and detail pod-security-admission prints).
type podSecurityAnswer struct {
	Version    string        `json:"version"`
	Level      string        `json:"level"`
	Baseline   []failedCheck `json:"baseline"`
	Restricted []failedCheck `json:"restricted"`
}

type failedCheck struct {
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

// podSecurity evaluates the pod template of a versioned workload, as pod-security-admission
// evaluates pods and (for warnings) workload templates.
func (o *oracle) podSecurity(versioned runtime.Object) *podSecurityAnswer {
	var meta *metav1.ObjectMeta
	var spec *corev1.PodSpec
	switch w := versioned.(type) {
	case *appsv1.DaemonSet:
		meta, spec = &w.Spec.Template.ObjectMeta, &w.Spec.Template.Spec
	case *appsv1.Deployment:
		meta, spec = &w.Spec.Template.ObjectMeta, &w.Spec.Template.Spec
	default:
		return nil
	}
	a := &podSecurityAnswer{Version: o.psaVersion.String(), Level: string(psaapi.LevelPrivileged)}
	a.Baseline = o.failed(psaapi.LevelBaseline, meta, spec)
	a.Restricted = o.failed(psaapi.LevelRestricted, meta, spec)
	switch {
	case len(a.Restricted) == 0:
		a.Level = string(psaapi.LevelRestricted)
	case len(a.Baseline) == 0:
		a.Level = string(psaapi.LevelBaseline)
	}
	return a
}

func (o *oracle) failed(level psaapi.Level, meta *metav1.ObjectMeta, spec *corev1.PodSpec) []failedCheck {
	failed := []failedCheck{}
	for _, r := range o.evaluator.EvaluatePod(psaapi.LevelVersion{Level: level, Version: o.psaVersion}, meta, spec) {
		if !r.Allowed {
			failed = append(failed, failedCheck{Reason: r.ForbiddenReason, Detail: r.ForbiddenDetail})
		}
	}
	return failed
}

func newEvaluator() (policy.Evaluator, error) {
	return policy.NewEvaluator(policy.DefaultChecks(), nil)
}
