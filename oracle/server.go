package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/apps"
	api "k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/registry/apps/daemonset"
	"k8s.io/kubernetes/pkg/registry/apps/deployment"
	"k8s.io/kubernetes/pkg/registry/core/configmap"
	"k8s.io/kubernetes/pkg/registry/core/namespace"
	podregistry "k8s.io/kubernetes/pkg/registry/core/pod"
	"k8s.io/kubernetes/pkg/registry/core/secret"
	"k8s.io/kubernetes/pkg/registry/core/service"
	"k8s.io/kubernetes/pkg/registry/core/serviceaccount"
	"k8s.io/kubernetes/pkg/registry/rbac/clusterrole"
	"k8s.io/kubernetes/pkg/registry/rbac/clusterrolebinding"
	"k8s.io/kubernetes/pkg/registry/rbac/role"
	"k8s.io/kubernetes/pkg/registry/rbac/rolebinding"

	// Every API group kube-apiserver serves, registered in legacyscheme as the server does
	// (pkg/controlplane/import_known_versions.go), with its defaulting and conversion.
	_ "k8s.io/kubernetes/pkg/apis/admission/install"
	_ "k8s.io/kubernetes/pkg/apis/admissionregistration/install"
	_ "k8s.io/kubernetes/pkg/apis/apiserverinternal/install"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/authentication/install"
	_ "k8s.io/kubernetes/pkg/apis/authorization/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/certificates/install"
	_ "k8s.io/kubernetes/pkg/apis/coordination/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/discovery/install"
	_ "k8s.io/kubernetes/pkg/apis/events/install"
	_ "k8s.io/kubernetes/pkg/apis/extensions/install"
	_ "k8s.io/kubernetes/pkg/apis/flowcontrol/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	_ "k8s.io/kubernetes/pkg/apis/node/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
	_ "k8s.io/kubernetes/pkg/apis/rbac/install"
	_ "k8s.io/kubernetes/pkg/apis/resource/install"
	_ "k8s.io/kubernetes/pkg/apis/scheduling/install"
	_ "k8s.io/kubernetes/pkg/apis/storage/install"
	_ "k8s.io/kubernetes/pkg/apis/storagemigration/install"
)

// kindStrategy is the registry strategy kube-apiserver runs on create for a kind, and the
// resource name its request carries.
type kindStrategy struct {
	resource string
	strategy rest.RESTCreateStrategy
}

// strategies are the kinds the oracle validates: the DaemonSet and its companion kinds.
var strategies = map[schema.GroupKind]kindStrategy{
	{Group: "apps", Kind: "DaemonSet"}:                               {"daemonsets", daemonset.Strategy},
	{Group: "apps", Kind: "Deployment"}:                              {"deployments", deployment.Strategy},
	{Group: "", Kind: "Namespace"}:                                   {"namespaces", namespace.Strategy},
	{Group: "", Kind: "ServiceAccount"}:                              {"serviceaccounts", serviceaccount.Strategy},
	{Group: "", Kind: "ConfigMap"}:                                   {"configmaps", configmap.Strategy},
	{Group: "", Kind: "Secret"}:                                      {"secrets", secret.Strategy},
	{Group: "", Kind: "Service"}:                                     {"services", service.Strategy},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}:        {"clusterroles", clusterrole.Strategy},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}: {"clusterrolebindings", clusterrolebinding.Strategy},
	{Group: "rbac.authorization.k8s.io", Kind: "Role"}:               {"roles", role.Strategy},
	{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}:        {"rolebindings", rolebinding.Strategy},
}

// strictCodecs decode request bodies as kube-apiserver does with fieldValidation=Strict: unknown
// and duplicate fields are reported (the object is still decoded), then the object is defaulted
// and converted to the internal version.
var strictCodecs = serializer.NewCodecFactory(legacyscheme.Scheme, serializer.EnableStrict)

// serverAnswer is what kube-apiserver answers to a create of one object.
type serverAnswer struct {
	// Served is false when this release serves no such group/version/kind (removed, never
	// existed, alpha/beta off by default, or a custom resource): the server says "no matches for kind".
	Served bool `json:"served"`
	// DecodeError is the server's refusal of the body before validation (a type mismatch).
	DecodeError string `json:"decodeError,omitempty"`
	// Strict lists the unknown and duplicate fields fieldValidation=Strict refuses.
	Strict []strictError `json:"strict"`
	// Validated is false when the oracle has no validation for the kind (see strategies).
	Validated bool `json:"validated"`
	// Errors are the field errors of the create (the registry strategy's validation,
	// object-meta validation and declarative validation, as rest.ValidateCreate runs them).
	Errors []fieldError `json:"errors"`
	// Warnings are the warnings the server returns on create (for pods: GetWarningsForPodTemplate).
	Warnings []string `json:"warnings"`
	// Accepted is whether the create succeeds: served, decoded, no strict error, no field error.
	Accepted bool `json:"accepted"`
	// Pod is what the server answers when the workload's controller creates a pod from the
	// template (DaemonSet, Deployment; only when the workload itself is accepted): some checks
	// run on pods only, so an accepted DaemonSet can still have every pod refused.
	Pod *podAnswer `json:"pod,omitempty"`
	// PodSecurity is the Pod Security level of the pod template (DaemonSet, Deployment).
	PodSecurity *podSecurityAnswer `json:"podSecurity,omitempty"`
	// Defaulted is the object after decoding and defaulting, in its request version.
	Defaulted json.RawMessage `json:"defaulted,omitempty"`
	// Stored is the accepted object as the create path leaves it (after PrepareForCreate, which
	// drops the fields whose feature gates are off), in its request version.
	Stored json.RawMessage `json:"stored,omitempty"`
}

type podAnswer struct {
	Accepted bool         `json:"accepted"`
	Errors   []fieldError `json:"errors"`
	Warnings []string     `json:"warnings"`
	// EvictionSeconds is, for a DaemonSet's pod, after how many seconds on a node with the
	// not-ready or unreachable NoExecute taint the taint manager evicts it (null: never); see daemonPodEviction.
	EvictionSeconds map[string]*int64 `json:"evictionSeconds,omitempty"`
}

type strictError struct {
	Type   string `json:"type"` // unknown or duplicate
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// fieldError is one k8s.io/apimachinery field.Error.
type fieldError struct {
	Type     string `json:"type"` // the field.ErrorType constant, e.g. FieldValueInvalid
	Field    string `json:"field"`
	BadValue any    `json:"badValue,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Origin   string `json:"origin,omitempty"`
	Message  string `json:"message"` // as the server prints it
}

var strictMessage = regexp.MustCompile(`^(unknown|duplicate) field "(.*)"$`)

// answerServer decodes the JSON body kubectl would send, defaults it, converts it to the
// internal type and runs the create path of kube-apiserver's registry for its kind.
func (o *oracle) answerServer(body []byte, gvk schema.GroupVersionKind) *serverAnswer {
	a := &serverAnswer{Strict: []strictError{}, Errors: []fieldError{}, Warnings: []string{}}
	a.Served = served(gvk)
	if !a.Served {
		return a
	}
	obj, _, err := strictCodecs.UniversalDecoder().Decode(body, nil, nil)
	if err != nil {
		strictErr, isStrict := runtime.AsStrictDecodingError(err)
		if !isStrict || obj == nil {
			a.DecodeError = fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", gvk.Kind, gvk.Version, gvk.Kind, err)
			return a
		}
		for _, e := range strictErr.Errors() {
			a.Strict = append(a.Strict, toStrictError(e))
		}
	}
	if versioned, err := legacyscheme.Scheme.ConvertToVersion(obj.DeepCopyObject(), gvk.GroupVersion()); err == nil {
		if o.defaulted {
			a.Defaulted, _ = json.Marshal(versioned)
		}
		a.PodSecurity = o.podSecurity(versioned)
	}
	ks, ok := strategies[gvk.GroupKind()]
	if ok {
		a.Validated = true
		errs, warnings := create(obj, gvk, ks)
		for _, e := range errs {
			a.Errors = append(a.Errors, toFieldError(e))
		}
		a.Warnings = append(a.Warnings, warnings...)
	}
	a.Accepted = a.DecodeError == "" && len(a.Strict) == 0 && len(a.Errors) == 0
	if a.Accepted {
		if o.defaulted {
			if stored, err := legacyscheme.Scheme.ConvertToVersion(obj.DeepCopyObject(), gvk.GroupVersion()); err == nil {
				a.Stored, _ = json.Marshal(stored)
			}
		}
		a.Pod = answerPod(obj)
	}
	return a
}

// answerPod creates, as the workload's controller would, a pod from the template of an accepted
// DaemonSet or Deployment (its labels, annotations, finalizers and spec, in its namespace, with a
// generated name) and answers as the server answers that create. The controller sends the pod as
// v1 JSON, so the server defaults it as a Pod before validation (SetDefaults_Pod in
// pkg/apis/core/v1/defaults.go: a negative terminationGracePeriodSeconds becomes 1, requests
// default to limits), which a template never is: the pod is defaulted the same way here.
func answerPod(obj runtime.Object) *podAnswer {
	var owner metav1.Object
	var template *api.PodTemplateSpec
	switch w := obj.(type) {
	case *apps.DaemonSet:
		owner, template = w, &w.Spec.Template
	case *apps.Deployment:
		owner, template = w, &w.Spec.Template
	default:
		return nil
	}
	pod := &api.Pod{
		ObjectMeta: metav1.ObjectMeta{
			GenerateName: owner.GetName() + "-",
			Namespace:    owner.GetNamespace(),
			Labels:       template.Labels,
			Annotations:  template.Annotations,
			Finalizers:   template.Finalizers,
		},
		Spec: *template.Spec.DeepCopy(),
	}
	podGVK := schema.GroupVersionKind{Version: "v1", Kind: "Pod"}
	if err := defaultAs(pod, podGVK.GroupVersion()); err != nil {
		return &podAnswer{Errors: []fieldError{toFieldError(field.InternalError(field.NewPath("spec"), err))}, Warnings: []string{}}
	}
	errs, warnings := create(pod, podGVK, kindStrategy{"pods", podregistry.Strategy})
	a := &podAnswer{Accepted: len(errs) == 0, Errors: []fieldError{}, Warnings: append([]string{}, warnings...)}
	for _, e := range errs {
		a.Errors = append(a.Errors, toFieldError(e))
	}
	if _, daemon := obj.(*apps.DaemonSet); daemon {
		eviction, err := daemonPodEviction(&template.Spec)
		if err != nil {
			a.Errors = append(a.Errors, toFieldError(field.InternalError(field.NewPath("spec", "tolerations"), err)))
		}
		a.EvictionSeconds = eviction
	}
	return a
}

// served tells whether kube-apiserver serves the kind by default: registered in legacyscheme at
// a GA version (every alpha and beta group version is off by default in this release, see
// pkg/controlplane/instance.go).
func served(gvk schema.GroupVersionKind) bool {
	if !regexp.MustCompile(`^v[0-9]+$`).MatchString(gvk.Version) {
		return false
	}
	return legacyscheme.Scheme.Recognizes(gvk) && !strings.HasSuffix(gvk.Kind, "List")
}

// create runs what rest.BeforeCreate runs after the name is generated and the namespace taken
// from the request: PrepareForCreate, ValidateCreate (strategy, object meta, declarative) and
// WarningsOnCreate. The request namespace is the object's, or "default" as kubectl sends it.
func create(obj runtime.Object, gvk schema.GroupVersionKind, ks kindStrategy) (field.ErrorList, []string) {
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return field.ErrorList{field.InternalError(field.NewPath("metadata"), err)}, nil
	}
	ns := ""
	if ks.strategy.NamespaceScoped() {
		ns = accessor.GetNamespace()
		if ns == "" {
			ns = "default"
			accessor.SetNamespace(ns)
		}
	}
	if accessor.GetName() == "" && accessor.GetGenerateName() != "" {
		accessor.SetName(ks.strategy.GenerateName(accessor.GetGenerateName()))
	}
	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), ns)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "create", APIPrefix: "apis",
		APIGroup: gvk.Group, APIVersion: gvk.Version, Resource: ks.resource,
		Namespace: ns, Name: accessor.GetName(),
	})
	return validateCreate(ctx, obj, ks.strategy)
}

func validateCreate(ctx context.Context, obj runtime.Object, strategy rest.RESTCreateStrategy) (field.ErrorList, []string) {
	strategy.PrepareForCreate(ctx, obj)
	errs := rest.ValidateCreate(ctx, obj, strategy)
	if len(errs) > 0 {
		return errs, nil
	}
	return nil, strategy.WarningsOnCreate(ctx, obj)
}

func toStrictError(e error) strictError {
	m := strictMessage.FindStringSubmatch(e.Error())
	if m == nil {
		return strictError{Type: "other", Detail: e.Error()}
	}
	return strictError{Type: m[1], Field: m[2], Detail: e.Error()}
}

func toFieldError(e *field.Error) fieldError {
	fe := fieldError{Type: string(e.Type), Field: e.Field, Detail: e.Detail, Origin: e.Origin, Message: e.Error()}
	if e.Type != field.ErrorTypeRequired && e.Type != field.ErrorTypeForbidden && e.Type != field.ErrorTypeTooMany && e.Type != field.ErrorTypeInternal {
		if raw, err := json.Marshal(e.BadValue); err == nil {
			fe.BadValue = json.RawMessage(raw)
		} else {
			fe.BadValue = fmt.Sprintf("%v", e.BadValue)
		}
	}
	return fe
}

// defaultAs applies, in place, the defaulting the server applies when it decodes obj sent in
// version gv: obj (an internal object) is converted to gv, defaulted, and converted back.
func defaultAs(obj runtime.Object, gv schema.GroupVersion) error {
	versioned, err := legacyscheme.Scheme.ConvertToVersion(obj.DeepCopyObject(), gv)
	if err != nil {
		return err
	}
	legacyscheme.Scheme.Default(versioned)
	return legacyscheme.Scheme.Convert(versioned, obj, nil)
}
