package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/xcguard/xcguard/policy"
)

// writeGitHub writes GitHub (and Gitea/Forgejo) workflow commands, one per
// unsuppressed finding: ::error file=…,line=…,col=…,title=XC101::message.
func writeGitHub(w io.Writer, fs []Finding) error {
	bw := bufio.NewWriter(w)
	for _, f := range fs {
		if f.Hidden() {
			continue
		}
		cmd := "warning"
		if f.Severity == policy.Error {
			cmd = "error"
		}
		props := []string{"file=" + escapeProperty(f.File)}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
		}
		if f.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", f.Column))
		}
		if f.EndLine > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
		}
		props = append(props, "title="+escapeProperty(f.Rule))
		msg := f.Rule + ": " + f.Message
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
	}
	return bw.Flush()
}

// escapeData escapes a command's message as the runner's toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a command property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
