// Command oracle answers, for Kubernetes manifests, what kubectl and kube-apiserver would do with
// them: how kubectl decodes the bytes into objects, and for each object whether the API server
// (with fieldValidation=Strict) accepts it, the field errors it returns, the warnings it sends
// back, and the Pod Security level of its pod template. It runs Kubernetes' own code at the
// release pinned in go.mod, in process. It is a test tool of cdk8s-daemonsets, never shipped.
//
// Usage:
//
//	oracle [-kubernetes-version v1.N] [-allow-privileged=false] [FILE ...]   one JSON line per file ("-" or no file: stdin)
//	oracle -batch [-kubernetes-version v1.N]      JSON lines in, JSON lines out (see README.md)
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"k8s.io/kubernetes/pkg/capabilities"
)

func main() {
	version := flag.String("kubernetes-version", "", "Pod Security version to evaluate, as v1.N (default: the pinned release); must not be newer than the pinned release")
	allowPrivileged := flag.Bool("allow-privileged", true, "kube-apiserver's --allow-privileged: true as kubeadm, kind and managed clusters set it (the binary's own default is false)")
	defaulted := flag.Bool("defaulted", true, "include each object after defaulting (server.defaulted) and, when accepted, as the create path stores it (server.stored)")
	batch := flag.Bool("batch", false, `read JSON lines {"id": ..., "input": "<YAML or JSON text>"} (or "inputBase64") from stdin and answer each with one JSON line`)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: oracle [-kubernetes-version v1.N] [-batch] [FILE ...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()

	// What cmd/kube-apiserver does at start: privileged containers are refused unless allowed.
	capabilities.Setup(*allowPrivileged, 0)
	o, err := newOracle(*version, *defaulted)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	if *batch {
		if err := runBatch(o, os.Stdin, out, enc); err != nil {
			out.Flush()
			fmt.Fprintln(os.Stderr, "oracle:", err)
			os.Exit(2)
		}
		return
	}
	files := flag.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		data, err := readFile(name)
		if err != nil {
			out.Flush()
			fmt.Fprintln(os.Stderr, "oracle:", err)
			os.Exit(2)
		}
		if err := enc.Encode(o.answer(name, data)); err != nil {
			fmt.Fprintln(os.Stderr, "oracle:", err)
			os.Exit(2)
		}
	}
}

func readFile(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(name)
}

// batchCase is one line of batch input.
type batchCase struct {
	ID    string `json:"id"`
	Input string `json:"input"`
	// InputBase64 carries inputs that are not UTF-8 text (UTF-16 with a byte order mark,
	// invalid bytes); it replaces Input when set.
	InputBase64 string `json:"inputBase64"`
}

// runBatch answers each input line with one output line, flushed at once, so a caller can
// stream cases through one process.
func runBatch(o *oracle, in io.Reader, out *bufio.Writer, enc *json.Encoder) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for scanner.Scan() {
		line++
		if len(scanner.Bytes()) == 0 {
			continue
		}
		var c batchCase
		err := json.Unmarshal(scanner.Bytes(), &c)
		if err != nil {
			return fmt.Errorf("batch input line %d: %v", line, err)
		}
		data := []byte(c.Input)
		if c.InputBase64 != "" {
			if data, err = base64.StdEncoding.DecodeString(c.InputBase64); err != nil {
				return fmt.Errorf("batch input line %d: inputBase64: %v", line, err)
			}
		}
		if err := enc.Encode(o.answer(c.ID, data)); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return scanner.Err()
}
