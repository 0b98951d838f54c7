package report

import (
	"encoding/json"
	"errors"
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
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			err = fmt.Errorf("%s where the report has %s", te.Value, jsonPlace(te.Field))
		}
		return nil, fmt.Errorf("not an xcguard JSON report: %v", err)
	}
	// One report per file: a second value (two reports concatenated, or
	// anything after the first) would otherwise be dropped unseen, and
	// with it its findings or its error.
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not an xcguard JSON report: something follows the report; give each report as a file of its own")
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("unsupported report version %d: this xcguard reads version 1", doc.Version)
	}
	if doc.Error != "" {
		return nil, &FailedRunError{doc.Error}
	}
	return doc.Findings, nil
}

// jsonPlace names where in the report a value of the wrong type was.
func jsonPlace(field string) string {
	if field == "" {
		return "an object"
	}
	return "the field " + field
}
