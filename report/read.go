package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// ReadJSON reads findings in the canonical JSON form, as written by
// -format json.
func ReadJSON(r io.Reader) ([]Finding, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var doc struct {
		Version  int       `json:"version"`
		Findings []Finding `json:"findings"`
		Summary  Summary   `json:"summary"`
	}
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an xcguard JSON report: %v", err)
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("unsupported report version %d: this xcguard reads version 1", doc.Version)
	}
	return doc.Findings, nil
}
