package main

import (
	"bytes"
	"encoding/json"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/cli-runtime/pkg/resource"
)

// decodedObject is one object as kubectl would send it: the JSON of the unstructured object that
// kubectl's resource builder hands to apply, in the order kubectl visits them.
type decodedObject struct {
	json   []byte
	object *unstructured.Unstructured
}

// decodeAsKubectl reads a manifest stream exactly as `kubectl apply -f` does: cli-runtime's
// resource builder (the one kubectl uses, in local mode so no server is asked) with unstructured
// decoding, continue-on-error and list flattening. The stream is split into documents by
// apimachinery's YAMLOrJSONDecoder, each YAML document is converted to JSON by sigs.k8s.io/yaml
// (go-yaml, YAML 1.1), and every object with an `items` field is a list whose items are
// visited instead of it. A non-nil error means kubectl refuses the input and applies nothing.
func decodeAsKubectl(name string, data []byte) ([]decodedObject, error) {
	result := resource.NewLocalBuilder().
		Unstructured().
		ContinueOnError().
		Stream(bytes.NewReader(data), name).
		Flatten().
		Do()
	infos, err := result.Infos()
	if err != nil {
		return nil, err
	}
	objects := make([]decodedObject, 0, len(infos))
	for _, info := range infos {
		u, ok := info.Object.(*unstructured.Unstructured)
		if !ok {
			continue
		}
		raw, err := json.Marshal(u.Object)
		if err != nil {
			return nil, err
		}
		objects = append(objects, decodedObject{json: raw, object: u})
	}
	return objects, nil
}
