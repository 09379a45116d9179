package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"runtime/debug"
	"strconv"

	"k8s.io/apimachinery/pkg/runtime/schema"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type oracle struct {
	release    string // the k8s.io/kubernetes release built in, e.g. v1.37.2
	psaVersion psaapi.Version
	evaluator  policy.Evaluator
	defaulted  bool // whether answers carry the defaulted object
}

// answer is the oracle's reply for one input (a file or a batch case).
type answer struct {
	ID string `json:"id"`
	// Release is the Kubernetes release whose code answered; PodSecurityVersion the policy version.
	Release string `json:"release"`
	// KubectlError is set when kubectl refuses the input (it then applies none of its objects):
	// the message kubectl prints, with the line where the YAML decoder gives one.
	KubectlError string `json:"kubectlError,omitempty"`
	// Objects are the objects kubectl would send, in its order (a list's items in place of it).
	Objects []objectAnswer `json:"objects"`
	// OracleError is an internal failure of the oracle on this input (a bug, never an answer).
	OracleError string `json:"oracleError,omitempty"`
}

type objectAnswer struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
	Name       string `json:"name,omitempty"`
	// Decoded is the object as kubectl decodes it and sends it.
	Decoded json.RawMessage `json:"decoded"`
	Server  *serverAnswer   `json:"server"`
}

var versionFlag = regexp.MustCompile(`^v?1\.([0-9]+)(\.[0-9]+)?$`)

func newOracle(version string, defaulted bool) (*oracle, error) {
	o := &oracle{release: pinnedRelease(), defaulted: defaulted}
	pinned := versionFlag.FindStringSubmatch(o.release)
	if pinned == nil {
		return nil, fmt.Errorf("cannot tell the pinned Kubernetes release from the build (%q)", o.release)
	}
	pinnedMinor, _ := strconv.Atoi(pinned[1])
	minor := pinnedMinor
	if version != "" {
		m := versionFlag.FindStringSubmatch(version)
		if m == nil {
			return nil, fmt.Errorf("-kubernetes-version %q: must look like v1.N", version)
		}
		minor, _ = strconv.Atoi(m[1])
		if minor > pinnedMinor {
			return nil, fmt.Errorf("-kubernetes-version %q is newer than the pinned release %s", version, o.release)
		}
	}
	o.psaVersion = psaapi.MajorMinorVersion(1, minor)
	evaluator, err := newEvaluator()
	if err != nil {
		return nil, err
	}
	o.evaluator = evaluator
	return o, nil
}

// pinnedRelease is the k8s.io/kubernetes version this binary was built with.
func pinnedRelease() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "k8s.io/kubernetes" {
				return dep.Version
			}
		}
	}
	return "unknown"
}

// answer decodes one input as kubectl does and answers each object as the API server would.
// A panic in Kubernetes' code on odd input is reported on that input, not fatal.
func (o *oracle) answer(id string, data []byte) (a answer) {
	a = answer{ID: id, Release: o.release, Objects: []objectAnswer{}}
	defer func() {
		if r := recover(); r != nil {
			a.OracleError = fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	objects, err := decodeAsKubectl(id, data)
	if err != nil {
		a.KubectlError = err.Error()
		return a
	}
	for _, obj := range objects {
		gvk := obj.object.GroupVersionKind()
		a.Objects = append(a.Objects, objectAnswer{
			APIVersion: obj.object.GetAPIVersion(),
			Kind:       obj.object.GetKind(),
			Namespace:  obj.object.GetNamespace(),
			Name:       obj.object.GetName(),
			Decoded:    obj.json,
			Server:     o.answerServer(obj.json, schema.GroupVersionKind(gvk)),
		})
	}
	return a
}
