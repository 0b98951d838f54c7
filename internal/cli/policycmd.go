package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/policy"
)

func runPolicy(_ context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return inputf("policy: name an action: show or validate (e.g. 'xcguard policy show -profile gov-cloud')")
	}
	switch args[0] {
	case "show":
		return policyShow(e, args[1:])
	case "validate":
		return policyValidate(e, args[1:])
	}
	return inputf("policy: unknown action %q: use show or validate", args[0])
}

// policyShow prints the effective policy: the file (or the nearest
// .xcguard.yml) combined with the profiles, every field resolved.
func policyShow(e *env, args []string) error {
	fs := newFlagSet("policy show", "", 0)
	file := fs.String("policy", "", "policy file (default: $XCGUARD_POLICY, else the nearest .xcguard.yml upward, else the embedded default)")
	profile := fs.String("profile", "", "embedded profiles to apply, comma-separated (default: $XCGUARD_PROFILE)")
	format := fs.String("format", "yaml", "yaml or json")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *format != "yaml" && *format != "json" {
		return inputf("policy show: unknown format %q: use yaml or json", *format)
	}
	p, err := loadPolicy(*file, *profile)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	data, err := p.YAML()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# effective policy, from: %s\n", strings.Join(unique(p.Sources), ", "))
	_, err = e.stdout.Write(data)
	return err
}

// loadPolicy resolves the policy as the checking subcommands do.
func loadPolicy(file, profiles string) (*policy.Policy, error) {
	if file == "" {
		file = os.Getenv("XCGUARD_POLICY")
	}
	if file == "" {
		file, _ = policy.Find(".")
	}
	if profiles == "" {
		profiles = os.Getenv("XCGUARD_PROFILE")
	}
	p, err := policy.Load(file, xcconfig.SplitList(profiles))
	if err != nil {
		return nil, inputf("invalid policy: %v", err)
	}
	return p, nil
}

// policyValidate checks policy files (default: the nearest .xcguard.yml).
func policyValidate(e *env, args []string) error {
	fs := newFlagSet("policy validate", "[FILE...]", -1)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		f, ok := policy.Find(".")
		if !ok {
			return inputf("policy validate: no %s here or above: name a file", policy.FileName)
		}
		files = []string{f}
	}
	for _, f := range files {
		if _, err := policy.Load(f, nil); err != nil {
			return inputf("invalid policy: %v", err)
		}
		fmt.Fprintf(e.stdout, "%s: valid\n", f)
	}
	return nil
}

// unique drops repeated entries, keeping the first of each.
func unique(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
