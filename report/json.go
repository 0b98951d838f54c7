package report

import (
	"encoding/json"
	"io"
)

// writeJSON writes the canonical form:
// {"version":1,"findings":[…],"summary":{"errors":N,"warnings":N,"suppressed":N}}.
// Notes, when there are any, follow: what the run could not fully check;
// then the parts that ran, so that a report rendered from it keeps a part
// that found nothing.
func writeJSON(w io.Writer, fs []Finding, notes, parts []string) error {
	if fs == nil {
		fs = []Finding{}
	}
	enc := newEncoder(w)
	return enc.Encode(struct {
		Version  int       `json:"version"`
		Findings []Finding `json:"findings"`
		Summary  Summary   `json:"summary"`
		Notes    []string  `json:"notes,omitempty"`
		Parts    []string  `json:"parts,omitempty"`
	}{1, fs, Summarize(fs), notes, parts})
}

// newEncoder is how every JSON form is written: indented, without HTML
// escapes, so that the same findings give byte-identical output.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc
}
