package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// A FailedRunError is a report written by a run that failed (WriteFailure):
// it holds no verdict, only the error.
type FailedRunError struct{ Msg string }

func (e *FailedRunError) Error() string { return "the run that wrote it failed: " + e.Msg }

// ReadJSON reads findings in the canonical JSON form, as written by
// -format json. A report of a failed run is a *FailedRunError.
func ReadJSON(r io.Reader) ([]Finding, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var doc struct {
		Version  int       `json:"version"`
		Findings []Finding `json:"findings"`
		Summary  Summary   `json:"summary"`
		Error    string    `json:"error"`
	}
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an xcguard JSON report: %v", err)
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("unsupported report version %d: this xcguard reads version 1", doc.Version)
	}
	if doc.Error != "" {
		return nil, &FailedRunError{doc.Error}
	}
	return doc.Findings, nil
}
