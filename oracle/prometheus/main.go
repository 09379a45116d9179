// Command prometheus-oracle answers what Prometheus itself says about the rules and relabelings
// cdk8s-daemonsets generates: each input line is checked with Prometheus' own code at the release
// pinned in go.mod, as Prometheus loads it (see README.md).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/relabel"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
	"go.yaml.in/yaml/v3"
)

// request is one input line: a PrometheusRule spec (`rules`) or a list of relabelings in the
// Prometheus Operator's camelCase form (`relabelings`).
type request struct {
	ID          string            `json:"id"`
	Rules       json.RawMessage   `json:"rules,omitempty"`
	Relabelings []json.RawMessage `json:"relabelings,omitempty"`
}

// ruleAnswer is one rule as Prometheus parsed it.
type ruleAnswer struct {
	Name string `json:"name"`
	// Expr is the expression as Prometheus prints its parsed form.
	Expr string `json:"expr"`
	// Metrics are the metric names the expression selects, sorted.
	Metrics []string `json:"metrics"`
}

type answer struct {
	ID     string       `json:"id"`
	Errors []string     `json:"errors"`
	Rules  []ruleAnswer `json:"rules,omitempty"`
}

// camelToSnake maps the Prometheus Operator's relabeling fields to Prometheus' relabel_config keys.
var camelToSnake = map[string]string{
	"sourceLabels": "source_labels", "separator": "separator", "targetLabel": "target_label",
	"regex": "regex", "modulus": "modulus", "replacement": "replacement", "action": "action",
}

func main() {
	p := parser.NewParser(parser.Options{})
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, "bad input line:", err)
			os.Exit(2)
		}
		a := answer{ID: req.ID, Errors: []string{}}
		if req.Rules != nil {
			checkRules(&a, req.Rules, p, logger)
		}
		for i, raw := range req.Relabelings {
			if err := checkRelabeling(raw); err != nil {
				a.Errors = append(a.Errors, fmt.Sprintf("relabelings[%d]: %v", i, err))
			}
		}
		line, _ := json.Marshal(a)
		out.Write(append(line, '\n'))
		out.Flush()
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "reading input:", err)
		os.Exit(2)
	}
}

// checkRules loads the spec's groups as a Prometheus rule file (JSON is YAML), strictly: unknown
// fields, bad durations, labels, templates and PromQL are errors, as `promtool check rules` reports.
func checkRules(a *answer, spec json.RawMessage, p parser.Parser, logger *slog.Logger) {
	groups, errs := rulefmt.Parse(spec, false, model.UTF8Validation, p, logger)
	for _, err := range errs {
		a.Errors = append(a.Errors, err.Error())
	}
	if groups == nil {
		return
	}
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			name := r.Alert
			if name == "" {
				name = r.Record
			}
			expr, err := p.ParseExpr(r.Expr)
			if err != nil {
				continue // already reported by rulefmt
			}
			metrics := map[string]bool{}
			parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
				if vs, ok := node.(*parser.VectorSelector); ok && vs.Name != "" {
					metrics[vs.Name] = true
				}
				return nil
			})
			names := make([]string, 0, len(metrics))
			for m := range metrics {
				names = append(names, m)
			}
			sort.Strings(names)
			a.Rules = append(a.Rules, ruleAnswer{Name: name, Expr: expr.String(), Metrics: names})
		}
	}
}

// checkRelabeling reads one relabeling the way Prometheus reads the relabel_config the operator
// writes for it (defaults applied by UnmarshalYAML), then validates it with UTF-8 label names,
// Prometheus 3's default.
func checkRelabeling(raw json.RawMessage) error {
	var camel map[string]any
	if err := json.Unmarshal(raw, &camel); err != nil {
		return err
	}
	snake := map[string]any{}
	for k, v := range camel {
		key, ok := camelToSnake[k]
		if !ok {
			return fmt.Errorf("unknown field %q", k)
		}
		snake[key] = v
	}
	text, err := yaml.Marshal(snake)
	if err != nil {
		return err
	}
	var cfg relabel.Config
	if err := yaml.Unmarshal(text, &cfg); err != nil {
		return err
	}
	return cfg.Validate(model.UTF8Validation)
}
