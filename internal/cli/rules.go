package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
)

func runExplain(_ context.Context, e *env, args []string) error {
	fs := newFlagSet("explain", "XCnnn", 1)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return inputf("explain: name a rule, e.g. 'xcguard explain XC101' ('xcguard list' shows them all)")
	}
	if page, ok := docs.Topic(fs.Arg(0)); ok {
		fmt.Fprint(e.stdout, page)
		return nil
	}
	id := strings.ToUpper(fs.Arg(0))
	r, ok := docs.Lookup(id)
	if !ok {
		return inputf("explain: unknown rule %q: run 'xcguard list' for every rule, or 'xcguard explain policy'", fs.Arg(0))
	}
	fmt.Fprint(e.stdout, r.Markdown)
	return nil
}

func runList(_ context.Context, e *env, args []string) error {
	fs := newFlagSet("list", "", 0)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	// OS profiles have baseline's rules.
	profiles := slices.DeleteFunc(policy.Profiles(), policy.IsOSProfile)
	effective := make([]*policy.Policy, len(profiles))
	for i, name := range profiles {
		p, err := policy.LoadProfiles(name)
		if err != nil {
			return err // the embedded profiles are tested
		}
		effective[i] = p
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "RULE\t%s\tTITLE\n", strings.ToUpper(strings.Join(profiles, "\t")))
	for _, r := range docs.Rules() {
		fmt.Fprintf(tw, "%s\t", r.ID)
		for _, p := range effective {
			fmt.Fprintf(tw, "%s\t", p.Severity(policy.RuleID(r.ID)))
		}
		fmt.Fprintf(tw, "%s\n", r.Title)
	}
	return tw.Flush()
}
